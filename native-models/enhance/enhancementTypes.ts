/**
 * What the enhance layer adds to analysis.json (`enhancement` and `audio`), for the contract in
 * pipeline/analysisTypes.ts. Coordinates are source-video pixels (display orientation), times are recording
 * seconds. The review app draws these over the video.
 */
import type { KeypointName } from './poseTypes.ts';

export interface KeypointRecord {
  name: KeypointName;
  /** Source-video pixels. */
  x: number;
  y: number;
  /** 0..1; the review app hides joints under its own threshold. */
  score: number;
}

export interface FaceBoxRecord {
  /** Source-video pixels, top-left corner and size. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One sampled frame: the patient's pose and face region. */
export interface EnhancedFrameRecord {
  tS: number;
  /** The patient's 17 keypoints, or an empty array when no patient was found in this frame. */
  keypoints: KeypointRecord[];
  face: FaceBoxRecord | null;
}

export interface PoseModelInfo {
  /** Cache identity of the pose stack, e.g. `movenet-lightning+centernet/human-3.3.6`. */
  id: string;
  /** Human-readable names for the report's method section. */
  poseModel: string;
  personDetector: string;
  backend: string;
}

/** analysis.json `enhancement`. */
export interface EnhancementOutput {
  pose: PoseModelInfo;
  /** Rate at which pose was sampled (the model's frame rate, or `--pose-fps`). */
  poseFps: number;
  frames: EnhancedFrameRecord[];
}

export interface TimedSpan {
  startS: number;
  endS: number;
}

export interface TranscriptSegment extends TimedSpan {
  text: string;
}

export interface Transcript {
  /** The whole text, segments joined. */
  text: string;
  segments: TranscriptSegment[];
  /** Display name of the ASR model. */
  model: string;
}

/** analysis.json `audio`. */
export interface AudioEnhancementOutput {
  /** Speech segments from Silero VAD on the (denoised when available) audio. */
  voiceActivity: TimedSpan[];
  /** null when no ASR-capable audio model was configured or the recording has no speech. */
  transcript: Transcript | null;
  /** Name of the speech enhancer applied before VAD/ASR, or null. */
  denoiser: string | null;
  vadModel: string;
}
