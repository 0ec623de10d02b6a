/**
 * Model/measurement disagreements the clinician has not decided, defined once with zod: what the review app's
 * sign-off dialog lists (`review:disagreements`), what the report's review block prints when a review was
 * signed off with some left open, and `reviewDisagreements` in the exports' analysis.reviewed.json. A
 * disagreement is "undecided" while its feature has no standing clinician decision (confirmed, rejected,
 * uncertain or added). Worked out in one place, pipeline/undecidedDisagreements.ts; types inferred here.
 */
import { z } from 'zod';
import { FEATURE_IDS } from '../semiology/featureCatalogue.ts';

const seconds = z.number().min(0);

export const disagreementIntervalSchema = z.object({
  startS: seconds.describe('Onset, recording seconds.'),
  endS: seconds.describe('Offset, recording seconds.'),
  side: z.enum(['left', 'right', 'bilateral']).nullable().describe("The patient's side; null when the sign has no side."),
  frequencyHz: z.number().nullable().describe('Median rhythm frequency, for rhythmic signs; else null.'),
  angleDeg: z.number().nullable().describe('Angle of a posture (e.g. head turning, arm flexion); else null.'),
}).describe('One measured interval of a disagreement.');

export const undecidedDisagreementSchema = z.object({
  featureId: z.enum(FEATURE_IDS),
  label: z.string().describe('The catalogue label.'),
  model: z.enum(['present', 'absent']).describe("The model's finding, unchanged (only a present or absent finding is compared)."),
  modelOnsetS: seconds.nullable().describe("The model's first onset when it found the sign present."),
  modelSegments: z.array(z.object({ startS: seconds, endS: seconds })).describe("The model's positive segments, earliest first (empty when absent)."),
  measured: z.array(disagreementIntervalSchema).describe('The measured intervals of the feature, earliest first (empty: the measurement found none).'),
  note: z.string().describe("Why they disagree (the pipeline's sentence)."),
}).describe('A model/measurement disagreement with no standing clinician decision.');

export const reviewDisagreementsSchema = z.object({
  undecided: z.array(undecidedDisagreementSchema).describe('Disagreements with no standing decision now, in catalogue order.'),
  signOff: z.object({
    entryId: z.int().positive().describe('The latest sign-off entry of the review log.'),
    atIso: z.iso.datetime({ offset: true }).describe('When it was recorded (the reviewer\'s local time with its offset).'),
    reviewer: z.string(),
    undecided: z.array(undecidedDisagreementSchema).describe('Disagreements that had no standing decision when it was recorded.'),
    decidedSince: z.array(z.enum(FEATURE_IDS)).describe('Those of `undecided` that carry a decision now (decided after the sign-off).'),
  }).nullable().describe('The latest sign-off and what it left undecided; null when the review was never signed off.'),
}).describe('Model/measurement disagreements the clinician has not decided, now and at the latest sign-off.');

export type DisagreementInterval = z.infer<typeof disagreementIntervalSchema>;
export type UndecidedDisagreement = z.infer<typeof undecidedDisagreementSchema>;
export type ReviewDisagreements = z.infer<typeof reviewDisagreementsSchema>;
