/**
 * The analysis.json contract, defined once with zod: the pipeline writes an `AnalysisResult`, the report,
 * the review app and the evaluation read one. The TypeScript types below are inferred from the schema, the
 * published JSON Schema (resources/analysis.schema.json) is generated from it (contract/analysisJsonSchema.ts)
 * and files read back are checked against it (contract/parseAnalysisJson.ts).
 *
 * schemaVersion 1. Fields may be added (readers accept and drop fields they do not know); the ones below are
 * never renamed. Coordinates are source-video pixels (display orientation), times are recording seconds.
 */
import { z } from 'zod';
import { reviewStateSchema } from './clinicianReview.ts';
import { measuredSignsSchema } from './measuredSigns.ts';
import { reviewDisagreementsSchema } from './reviewDisagreements.ts';
import { FEATURE_IDS, type InputVariant } from '../semiology/featureCatalogue.ts';
import { PATIENT_ORIENTATIONS, PROMPTING_MODES } from './analysisSettings.ts';

/** 2: clinician decisions became `review`, an append-only log with the folded state (was `decisions`). */
export const ANALYSIS_SCHEMA_VERSION = 2;

/** Every input variant, in the catalogue's order (base first). */
export const INPUT_VARIANTS = ['base', 'crop', 'pose', 'denoised', 'transcript'] as const satisfies readonly InputVariant[];
// Compile-time check that INPUT_VARIANTS lists every InputVariant.
const everyVariantListed: Exclude<InputVariant, (typeof INPUT_VARIANTS)[number]> extends never ? true : false = true;
void everyVariantListed;

/** The 17 COCO keypoints in MoveNet's output order (enhance/poseTypes.ts re-exports them). */
export const KEYPOINT_NAMES = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
] as const;
export type KeypointName = (typeof KEYPOINT_NAMES)[number];

const featureId = z.enum(FEATURE_IDS)
  .describe('Feature id from the feature catalogue (semiology/featureCatalogue.ts), e.g. `oral_automatisms`.');
const variant = z.enum(INPUT_VARIANTS).describe('Input variant: how the segment was shown to the model.');
const seconds = z.number().min(0);
const count = z.int().min(0);
const isoDateTime = z.iso.datetime({ offset: true });

// ---- enhancement (analysis.json `enhancement`) ----

export const keypointRecordSchema = z.object({
  name: z.enum(KEYPOINT_NAMES),
  x: z.number().describe('Source-video pixels.'),
  y: z.number().describe('Source-video pixels.'),
  score: z.number().min(0).max(1).describe('0..1; the review app hides joints under its own threshold.'),
});

export const faceBoxRecordSchema = z.object({
  x: z.number().describe('Source-video pixels, top-left corner.'),
  y: z.number().describe('Source-video pixels, top-left corner.'),
  w: z.number().min(0).describe('Width in source-video pixels.'),
  h: z.number().min(0).describe('Height in source-video pixels.'),
});

export const enhancedFrameRecordSchema = z.object({
  tS: seconds.describe('Recording seconds of the frame.'),
  keypoints: z.array(keypointRecordSchema)
    .describe("The patient's 17 keypoints, or an empty array when no patient was found in this frame."),
  face: faceBoxRecordSchema.nullable().describe("The patient's face region, or null."),
}).describe("One sampled frame: the patient's pose and face region.");

export const poseModelInfoSchema = z.object({
  id: z.string().describe('Cache identity of the pose stack, e.g. `movenet-lightning+centernet/human-3.3.6`.'),
  poseModel: z.string().describe("Human-readable name of the pose model, for the report's method section."),
  personDetector: z.string().describe("Human-readable name of the person detector, for the report's method section."),
  backend: z.string().describe('Runtime that ran the pose models.'),
});

const orientationDegrees = z.literal(PATIENT_ORIENTATIONS)
  .describe("Clockwise degrees the patient is turned from head-up in the picture: 0 head at the top, 90 to the right, 180 at the bottom, 270 to the left.");

export const orientationSpanSchema = z.object({
  startS: seconds.describe('Recording seconds of the first pose frame of the span.'),
  endS: seconds.describe('Recording seconds of its last pose frame.'),
  degrees: orientationDegrees,
}).describe('Consecutive pose frames the pose models saw turned one way (the patient upright for them).');

export const patientOrientationSchema = z.object({
  setting: z.union([z.literal('auto'), orientationDegrees])
    .describe("The patient orientation setting: auto (the way the person detector finds the patient best, searched while pose runs) or the camera's known orientation."),
  spans: z.array(orientationSpanSchema).describe('Which way up the pose ran, over the pose frames, in time order.'),
}).describe('Which way the patient lies in the picture, as the pose stage found or was told.');

export const enhancementOutputSchema = z.object({
  pose: poseModelInfoSchema,
  poseFps: z.number().positive().describe("Rate at which pose was sampled (the model's frame rate, or the pose rate setting)."),
  frames: z.array(enhancedFrameRecordSchema),
  orientation: patientOrientationSchema.optional()
    .describe("Which way the patient lies in the picture, as the pose stage found or was told (keypoints and boxes are in the picture's own pixels whatever it is); absent in analyses made before orientations were searched (they ran upright)."),
}).describe("The patient's pose and face region per sampled frame (source-video pixels).");

// ---- audio (analysis.json `audio`) ----

export const timedSpanSchema = z.object({
  startS: seconds.describe('Recording seconds.'),
  endS: seconds.describe('Recording seconds.'),
});

export const transcriptSegmentSchema = timedSpanSchema.extend({
  text: z.string(),
});

export const transcriptSchema = z.object({
  text: z.string().describe('The whole text, segments joined.'),
  segments: z.array(transcriptSegmentSchema),
  model: z.string().describe('Display name of the ASR model.'),
});

export const audioEnhancementOutputSchema = z.object({
  voiceActivity: z.array(timedSpanSchema).describe('Speech segments from Silero VAD on the (denoised when available) audio.'),
  transcript: transcriptSchema.nullable()
    .describe('null when no ASR-capable audio model was configured or the recording has no speech.'),
  denoiser: z.string().nullable().describe('Name of the speech enhancer applied before VAD/ASR, or null.'),
  vadModel: z.string(),
}).describe('Voice activity and transcript.');

// ---- the analysis ----

export const recordingInfoSchema = z.object({
  fileName: z.string().min(1).describe('File name only (never the full path: paths can carry patient names).'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'a SHA-256 as 64 lower-case hex digits' }).describe('SHA-256 of the recording file.'),
  durationS: seconds,
  hasAudio: z.boolean(),
  width: z.int().positive().describe('Display width in pixels (after rotation).'),
  height: z.int().positive().describe('Display height in pixels (after rotation).'),
  fps: z.number().min(0).describe('Frame rate of the video stream.'),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)])
    .describe("Clockwise rotation in degrees from the container's display matrix (0, 90, 180, 270)."),
  videoCodec: z.string(),
  audioCodec: z.string().nullable(),
});

export const segmentInfoSchema = z.object({
  index: count,
  startS: seconds.describe('Recording seconds.'),
  endS: seconds.describe('Recording seconds.'),
});

const modelInfoFields = {
  backend: z.enum(['local', 'remote']),
  name: z.string().describe('Display name: GGUF general.name or the remote model name.'),
  identity: z.string().describe('Cache identity: file hashes for local models, endpoint + model name for remote ones.'),
  demo: z.boolean().describe('True when the model is the generated random-weight demo model: findings are meaningless.'),
  files: z.object({ model: z.string(), mmproj: z.string().nullable() }).optional().describe('Local model files.'),
  endpoint: z.string().optional().describe('Remote endpoint.'),
  architecture: z.string().optional(),
  projectorType: z.string().nullable().optional(),
  hasVision: z.boolean(),
  hasAudio: z.boolean(),
  gpuBackend: z.enum(['cpu', 'vulkan', 'cuda']).optional()
    .describe('Local models: the ggml backend the model server ran on in this run (cpu when no GPU was used). Absent when no server ran (every answer from the cache) or for remote models.'),
  device: z.string().optional()
    .describe('Local models: the device the model server ran on, as llama-server lists it (e.g. "Vulkan0: NVIDIA RTX A2000 ..." or "CPU"). Absent when no server ran.'),
};

/** A model without its `audioModel` (what a backend describes about itself). */
export const modelInfoCoreSchema = z.object(modelInfoFields);

export const modelInfoSchema = z.object({
  ...modelInfoFields,
  audioModel: modelInfoCoreSchema.optional().describe('A second model that answers the audio features, when one was configured.'),
});

export const samplingInfoSchema = z.object({
  fps: z.number().positive().describe('Frames per second sent to the model.'),
  maxFrames: z.int().positive().describe('At most this many frames per segment.'),
  frameSize: z.int().positive().describe('Long side of each frame in pixels.'),
  segmentS: z.number().positive().describe('Segment length in seconds.'),
  overlapS: seconds.describe('Overlap of consecutive segments in seconds.'),
});

export const FINDING_STATUSES = ['present', 'absent', 'not_assessed', 'failed'] as const;

/** Which `present` value each status goes with. */
const PRESENT_OF_STATUS = { present: true, absent: false, not_assessed: null, failed: null } as const;

export const findingSchema = z.object({
  featureId,
  present: z.boolean().nullable().describe('true present, false absent, null not assessed or failed (see `status` and `reason`).'),
  status: z.enum(FINDING_STATUSES),
  variant,
  positiveSegments: z.array(count).describe('Indices of the segments answered positive.'),
  onsetS: seconds.nullable()
    .describe("Earliest onset in recording seconds: the model's onset in the first positive segment, else its start."),
  justifications: z.array(z.string()),
  reason: z.string().optional().describe('Why the feature was not assessed or failed (or how many segments failed).'),
}).superRefine((f, ctx) => {
  const expected = PRESENT_OF_STATUS[f.status];
  if (f.present !== expected) {
    ctx.addIssue({ code: 'custom', path: ['present'], input: f.present,
      message: `${String(expected)} when status is ${f.status}` });
  }
});

export const answerSchema = z.object({
  featureId,
  segmentIndex: count,
  variant,
  present: z.boolean().nullable().describe('null when the answer failed.'),
  justification: z.string(),
  onsetS: seconds.nullable().describe('Onset in recording seconds (model onset within the segment + segment start), or null.'),
  fromCache: z.boolean(),
  status: z.enum(['ok', 'failed']),
  error: z.string().optional(),
  promptTokens: count.optional().describe("For answers asked in this run: the request's prompt tokens."),
  evaluatedPromptTokens: count.optional().describe('For answers asked in this run: the prompt tokens the server actually evaluated.'),
});

/** A keyframe path: relative, forward slashes, never leaving the analysis folder. */
const relativePath = z.string().min(1).refine((p) => !/^([/\\]|[A-Za-z]:)/.test(p) && !p.split(/[/\\]/).includes('..'),
  { error: 'a path relative to the folder of analysis.json, without ".."' });

export const keyframeSchema = z.object({
  featureId,
  segmentIndex: count,
  variant,
  tS: seconds.describe('Recording seconds of the frame.'),
  path: relativePath.describe('JPEG path relative to the directory that holds analysis.json, e.g. `keyframes/tonic-s2.jpg`.'),
}).describe('An image as the model saw it (cropped face, skeleton overlay or base frame), saved next to analysis.json.');

export const analysisStatsSchema = z.object({
  modelCalls: count,
  cacheHits: count,
  failedAnswers: count,
  promptTokens: count,
  completionTokens: count,
  evaluatedPromptTokens: count.describe('Prompt tokens the server actually evaluated (prompt-cache hits excluded), as its timings report.'),
  naivePromptTokens: count.nullable().describe('Prompt tokens the one-question-per-call scheme without prompt caching would have evaluated ' +
    'for the same questions: the full prompt of every call. null in batched mode, where those prompts were never built.'),
  prompting: z.enum(PROMPTING_MODES),
  serverRestarts: count.describe('Times a local model server died and was restarted during this run.'),
  wallS: seconds.describe('Wall-clock seconds of the run.'),
});

// ---- model against measurement (analysis.json `measurementAgreement`) ----

export const MEASURED_STATES = ['present', 'absent', 'not_measurable'] as const;

export const measurementAgreementSchema = z.object({
  featureId,
  model: z.enum(FINDING_STATUSES).describe("The model's finding (unchanged by the measurement)."),
  measured: z.enum(MEASURED_STATES).describe('present: at least one measured interval; not_measurable: the signals layer cannot measure it here (see measuredSigns.notMeasurable).'),
  agrees: z.boolean().nullable().describe('Both present (a measured interval overlapping a positive segment) or both absent; null when either side has nothing to compare.'),
  flaggedForReview: z.boolean().describe('A disagreement: left for the clinician to decide, never resolved automatically.'),
  modelOnsetS: seconds.nullable().describe("The finding's onset."),
  measuredOnsetS: seconds.nullable().describe('Onset of the first measured interval.'),
  measuredSide: z.enum(['left', 'right', 'bilateral']).nullable().describe("The patient's side of the first measured interval."),
  measuredIntervals: count.describe('Measured intervals of the feature.'),
  note: z.string().describe('One sentence for the reviewer.'),
}).describe("A measured feature's finding next to its measurement.");

export const analysisResultSchema = z.object({
  schemaVersion: z.literal(ANALYSIS_SCHEMA_VERSION),
  generator: z.object({ name: z.string(), version: z.string() }).describe('Product that wrote the file.'),
  analysedAt: isoDateTime.describe('When the analysis finished (ISO 8601 date-time).'),
  catalogueVersion: z.int().positive().describe('Version of the feature catalogue the questions came from.'),
  recording: recordingInfoSchema,
  sampling: samplingInfoSchema,
  segments: z.array(segmentInfoSchema),
  model: modelInfoSchema,
  findings: z.array(findingSchema).describe('One finding per feature asked, in its primary variant.'),
  variantFindings: z.array(findingSchema).describe('Findings of the non-primary variants (variant policy `all`): base-vs-enhanced comparisons.'),
  answers: z.array(answerSchema).describe('Every segment answer, by segment then feature.'),
  enhancement: enhancementOutputSchema.nullable().describe("The patient's pose and face region per sampled frame (source-video pixels); null when pose was off."),
  measuredSigns: measuredSignsSchema.nullable().optional()
    .describe("Signs measured from the patient's pose (native-models/signals/): intervals with the patient's side and measures, and series to plot; null when pose was off or too sparse, absent in analyses made before."),
  measurementAgreement: z.array(measurementAgreementSchema).optional()
    .describe('Per measured feature asked: the model\'s finding against the measured signs, disagreements flagged for review; empty without measured signs, absent in analyses made before.'),
  audio: audioEnhancementOutputSchema.nullable().describe('Voice activity and transcript; null without an audio track or when audio was not analysed.'),
  keyframes: z.array(keyframeSchema).describe('One keyframe per positive visual finding: from its earliest positive segment.'),
  review: reviewStateSchema.optional().describe("The clinician's review (contract/clinicianReview.ts): the append-only log of decisions, each finding's standing decision and the sign-off. Absent until a review is exported with the analysis."),
  reviewDisagreements: reviewDisagreementsSchema.optional()
    .describe('Model/measurement disagreements with no clinician decision, now and at the latest sign-off (contract/reviewDisagreements.ts): written with `review` by the exports, worked out from the review and `measurementAgreement`; readers work it out again rather than trust it.'),
  stats: analysisStatsSchema,
}).describe('A semioscope analysis of one recording (analysis.json).');

export type KeypointRecord = z.infer<typeof keypointRecordSchema>;
export type FaceBoxRecord = z.infer<typeof faceBoxRecordSchema>;
export type EnhancedFrameRecord = z.infer<typeof enhancedFrameRecordSchema>;
export type PoseModelInfo = z.infer<typeof poseModelInfoSchema>;
export type EnhancementOutput = z.infer<typeof enhancementOutputSchema>;
export type OrientationSpan = z.infer<typeof orientationSpanSchema>;
export type PatientOrientationOutput = z.infer<typeof patientOrientationSchema>;
export type TimedSpan = z.infer<typeof timedSpanSchema>;
export type TranscriptSegment = z.infer<typeof transcriptSegmentSchema>;
export type Transcript = z.infer<typeof transcriptSchema>;
export type AudioEnhancementOutput = z.infer<typeof audioEnhancementOutputSchema>;
export type RecordingInfo = z.infer<typeof recordingInfoSchema>;
export type SegmentInfo = z.infer<typeof segmentInfoSchema>;
export type ModelInfoCore = z.infer<typeof modelInfoCoreSchema>;
export type ModelInfo = z.infer<typeof modelInfoSchema>;
export type SamplingInfo = z.infer<typeof samplingInfoSchema>;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export type Finding = z.infer<typeof findingSchema>;
export type Answer = z.infer<typeof answerSchema>;
export type Keyframe = z.infer<typeof keyframeSchema>;
export type AnalysisStats = z.infer<typeof analysisStatsSchema>;
export type AnalysisResult = z.infer<typeof analysisResultSchema>;
export type MeasurementAgreement = z.infer<typeof measurementAgreementSchema>;
