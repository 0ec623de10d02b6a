/**
 * Measured signs, defined once with zod: what the signals layer (native-models/signals/) measures from the
 * patient's keypoints, for analysis.json (`measuredSigns`), the report's "measured signs" table and the review
 * app's second row per lane and its plots. Types are inferred from the schema. Times are recording seconds;
 * every side is the PATIENT's side (body frame, face check and the `mirrored` camera setting applied).
 */
import { z } from 'zod';
import type { FeatureId } from '../semiology/featureCatalogue.ts';

/** The catalogue features the signals layer measures (or says it cannot measure from this view). */
export const MEASURED_FEATURE_IDS = [
  'clonic', 'tonic', 'head_turning', 'figure4', 'arm_flexion', 'arm_straightening',
  'arms_move_simultaneously', 'asynchronous_movement', 'full_body_shaking', 'pelvic_thrusting', 'limb_automatisms',
] as const satisfies readonly FeatureId[];
export type MeasuredFeatureId = (typeof MEASURED_FEATURE_IDS)[number];

/** Body segments, named by the patient's side. */
export const BODY_SEGMENTS = ['left_arm', 'right_arm', 'left_leg', 'right_leg', 'head', 'trunk'] as const;
export type BodySegment = (typeof BODY_SEGMENTS)[number];

export const MEASURED_SIDES = ['left', 'right', 'bilateral'] as const;

/** Quantities of the plotted series. */
export const SERIES_QUANTITIES = ['rhythmHz', 'elbowAngleDeg', 'headAngleDeg', 'motionTorsoPerS'] as const;

const seconds = z.number().min(0);
const featureId = z.enum(MEASURED_FEATURE_IDS).describe('Feature id from the feature catalogue.');

export const measuredSignSchema = z.object({
  featureId,
  startS: seconds.describe('Onset, recording seconds.'),
  endS: seconds.describe('Offset, recording seconds.'),
  side: z.enum(MEASURED_SIDES).nullable()
    .describe("The patient's side: the limb(s) involved, the side the head turned to, the extended arm of a figure 4; null when the sign has no side."),
  confidence: z.number().min(0).max(1)
    .describe('Evidence strength 0..1 (how clearly the keypoints show the sign), NOT a calibrated probability: it has not been calibrated against labels.'),
  segments: z.array(z.enum(BODY_SEGMENTS)).describe("Body segments that show the sign, by the patient's side."),
  measures: z.record(z.string(), z.number())
    .describe('The numbers behind the interval, e.g. frequencyHz (median), frequencyTrendHzPerS, angleDeg, durationS; distances in torso lengths.'),
}).describe('One measured sign: an interval with the patient\'s side and its measures.');

export const signalSeriesSchema = z.object({
  segment: z.enum(BODY_SEGMENTS),
  quantity: z.enum(SERIES_QUANTITIES),
  unit: z.string().describe('Hz, deg or torso lengths per second.'),
  startS: seconds.describe('Time of values[0].'),
  stepS: z.number().positive().describe('Spacing of the values.'),
  values: z.array(z.number().nullable()).describe('null where the quantity was not measured (missing keypoints, masked span, no rhythm).'),
}).describe('A regularly sampled series for the review app to plot.');

export const notMeasurableSchema = z.object({
  featureId,
  reason: z.string().describe('Why, e.g. "not measurable from this view: no hand keypoints".'),
});

export const careInterventionSpanSchema = z.object({
  startS: seconds,
  endS: seconds,
}).describe('A span where another person overlapped the patient: masked, not measured as seizure movement.');

export const bodyFrameSummarySchema = z.object({
  mirrored: z.boolean().describe('The recording is mirrored (camera setting): sides were flipped.'),
  labelsSwapped: z.boolean().describe("The pose model's left/right labels contradicted the face and were swapped."),
  faceSamples: z.int().min(0).describe('Samples where the face (nose and both eyes) was visible to check the labels.'),
  faceAgreement: z.number().min(0).max(1).nullable().describe('Share of those samples whose body labels agreed with a front view; null without face samples.'),
  patientLeft: z.object({ x: z.number(), y: z.number() }).nullable().describe("Median unit vector of the patient's left in the image (x right, y down)."),
});

export const MEASURED_SIGNS_VERSION = 1;

export const measuredSignsSchema = z.object({
  version: z.literal(MEASURED_SIGNS_VERSION),
  rateHz: z.number().positive().describe('Rate of the keypoint tracks the signs were measured on.'),
  torsoLengthPx: z.number().positive().nullable().describe('The length distances are normalised by (source-video pixels); null when no torso was seen.'),
  bodyFrame: bodyFrameSummarySchema,
  signs: z.array(measuredSignSchema),
  series: z.array(signalSeriesSchema),
  notMeasurable: z.array(notMeasurableSchema),
  careIntervention: z.array(careInterventionSpanSchema),
}).describe("Signs measured from the patient's keypoints, shown next to the model's answers and never overriding them.");

export type MeasuredSign = z.infer<typeof measuredSignSchema>;
export type SignalSeries = z.infer<typeof signalSeriesSchema>;
export type NotMeasurable = z.infer<typeof notMeasurableSchema>;
export type CareInterventionSpan = z.infer<typeof careInterventionSpanSchema>;
export type BodyFrameSummary = z.infer<typeof bodyFrameSummarySchema>;
export type MeasuredSigns = z.infer<typeof measuredSignsSchema>;
export type MeasuredSide = (typeof MEASURED_SIDES)[number];
export type SeriesQuantity = (typeof SERIES_QUANTITIES)[number];
