/**
 * The analysis.json contract (schemaVersion 1). Later layers (report, review app, evaluation) read it.
 * Fields may be added; the ones below are never renamed.
 */
import type { InputVariant } from '../semiology/featureCatalogue.ts';
import type { AudioEnhancementOutput, EnhancementOutput } from '../enhance/enhancementTypes.ts';

export const ANALYSIS_SCHEMA_VERSION = 1;

export interface RecordingInfo {
  /** File name only (never the full path: paths can carry patient names). */
  fileName: string;
  sha256: string;
  durationS: number;
  hasAudio: boolean;
  width: number;
  height: number;
  fps: number;
  /** Clockwise rotation in degrees from the container's display matrix (0, 90, 180, 270). */
  rotation: number;
  videoCodec: string;
  audioCodec: string | null;
}

export interface SegmentInfo {
  index: number;
  startS: number;
  endS: number;
}

export interface ModelInfo {
  backend: 'local' | 'remote';
  /** Display name: GGUF general.name or the remote model name. */
  name: string;
  /** Cache identity: file hashes for local models, endpoint + model name for remote ones. */
  identity: string;
  /** True when the model is the generated random-weight demo model: findings are meaningless. */
  demo: boolean;
  files?: { model: string; mmproj: string | null };
  endpoint?: string;
  architecture?: string;
  projectorType?: string | null;
  hasVision: boolean;
  hasAudio: boolean;
  /** A second model that answers the audio features, when one was configured. */
  audioModel?: Omit<ModelInfo, 'audioModel'>;
}

export interface SamplingInfo {
  fps: number;
  maxFrames: number;
  frameSize: number;
  segmentS: number;
  overlapS: number;
}

export interface Finding {
  featureId: string;
  /** true present, false absent, null not assessed or failed (see `status` and `reason`). */
  present: boolean | null;
  status: 'present' | 'absent' | 'not_assessed' | 'failed';
  variant: InputVariant;
  positiveSegments: number[];
  /** Earliest onset in recording seconds: the model's onset in the first positive segment, else its start. */
  onsetS: number | null;
  justifications: string[];
  reason?: string;
}

export interface Answer {
  featureId: string;
  segmentIndex: number;
  variant: InputVariant;
  /** null when the answer failed. */
  present: boolean | null;
  justification: string;
  /** Onset in recording seconds (model onset within the segment + segment start), or null. */
  onsetS: number | null;
  fromCache: boolean;
  status: 'ok' | 'failed';
  error?: string;
  /** For answers asked in this run: the request's prompt tokens and those the server actually evaluated. */
  promptTokens?: number;
  evaluatedPromptTokens?: number;
}

/** An image as the model saw it (cropped face, skeleton overlay or base frame), saved next to analysis.json. */
export interface Keyframe {
  featureId: string;
  segmentIndex: number;
  variant: InputVariant;
  /** Recording seconds of the frame. */
  tS: number;
  /** JPEG path relative to the directory that holds analysis.json, e.g. `keyframes/tonic-s2.jpg`. */
  path: string;
}

/** A clinician's decision on a machine finding, from the review app. */
export interface ClinicianDecision {
  featureId: string;
  decision: 'confirmed' | 'rejected';
  reviewer?: string;
  atIso: string;
  note?: string;
}

export interface AnalysisStats {
  modelCalls: number;
  cacheHits: number;
  failedAnswers: number;
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens the server actually evaluated (prompt-cache hits excluded), as its timings report. */
  evaluatedPromptTokens: number;
  /**
   * Prompt tokens the one-question-per-call scheme without prompt caching would have evaluated for the same
   * questions: the full prompt of every call. null in batched mode, where those prompts were never built.
   */
  naivePromptTokens: number | null;
  prompting: 'shared-prefix' | 'batched' | 'naive';
  /** Times a local model server died and was restarted during this run. */
  serverRestarts: number;
  wallS: number;
}

export interface AnalysisResult {
  schemaVersion: typeof ANALYSIS_SCHEMA_VERSION;
  generator: { name: string; version: string };
  analysedAt: string;
  catalogueVersion: number;
  recording: RecordingInfo;
  sampling: SamplingInfo;
  segments: SegmentInfo[];
  model: ModelInfo;
  findings: Finding[];
  /** Findings of the non-primary variants (with `--variants all`): base-vs-enhanced comparisons. */
  variantFindings: Finding[];
  answers: Answer[];
  /** The patient's pose and face region per sampled frame (source-video pixels); null when pose was off. */
  enhancement: EnhancementOutput | null;
  /** Voice activity and transcript; null without an audio track or when audio was not analysed. */
  audio: AudioEnhancementOutput | null;
  /** One keyframe per positive finding: from its earliest positive segment. */
  keyframes: Keyframe[];
  decisions?: ClinicianDecision[];
  stats: AnalysisStats;
}
