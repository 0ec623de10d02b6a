/**
 * One decode pass over the recording serves every segment and every visual variant: frames stream in time
 * order (optionally through pose estimation, which adds face crops and skeleton overlays), and each segment
 * is handed out as soon as its last frame has arrived. Memory holds only the frames of the segments still
 * open. Video data that stops well before the container's duration is reported as a truncated recording.
 */
import { InputError } from '../errors.ts';
import { decodeFrames, scaledSize } from '../media/decodeFrames.ts';
import type { RgbImage, TimedFrame } from '../media/frameTypes.ts';
import type { RecordingProbe } from '../media/probeRecording.ts';
import { enhanceFrames, sampleEvery, type EnhancedFrame } from '../enhance/enhanceFrames.ts';
import type { MotionGateOptions } from '../enhance/motionGate.ts';
import type { OrientationSetting } from '../enhance/orientationSearch.ts';
import type { EnhancedFrameRecord } from '../contract/analysisSchema.ts';
import type { KeypointCache } from '../enhance/keypointCache.ts';
import type { PoseEstimator } from '../enhance/poseEstimator.ts';
import { formatClock } from '../media/formatClock.ts';
import type { SegmentInfo } from '../contract/analysisSchema.ts';

/** A frame the model may be sent, with its enhanced images when pose ran. */
export interface ModelFrame extends TimedFrame {
  /** Face crop (`crop` variant); null when no face region was found in this frame. */
  crop?: RgbImage | null;
  /** Skeleton overlay (`pose` variant). */
  overlay?: RgbImage;
}

export interface PoseStage {
  estimator: PoseEstimator;
  /** Pose rate; frames between the model's frames get keypoints only. */
  fps: number;
  crop: boolean;
  overlay: boolean;
  cache?: { store: KeypointCache; recordingSha256: string; samplingKey: string };
  /**
   * Receives every frame's patient keypoints and face box (source-video pixels), with the frame's enhancement
   * (other people's boxes, whether the keypoints were carried over).
   */
  onRecord: (r: EnhancedFrameRecord, frame: EnhancedFrame) => void;
  /** Which way the patient lies in the picture, or auto (default): searched (enhance/orientationSearch.ts). */
  orientation?: OrientationSetting;
  /** Only for comparisons (the preprocessing bench): the motion gate's settings, or false to run MoveNet on every frame. */
  motionGate?: MotionGateOptions | false;
  /** Only for comparisons: false leaves other people to the patient's own detections (every 10 s). */
  watchOthers?: boolean;
}

export interface StreamSegmentFramesOptions {
  videoPath: string;
  probe: RecordingProbe;
  segments: readonly SegmentInfo[];
  fps: number;
  frameSize: number;
  pose?: PoseStage;
  signal?: AbortSignal;
}

export async function* streamSegmentFrames(o: StreamSegmentFramesOptions): AsyncGenerator<{ segment: SegmentInfo; frames: ModelFrame[] }> {
  if (!o.segments.length) return;
  const startS = o.segments[0]!.startS;
  const endS = o.segments.at(-1)!.endS;
  const decodeFps = o.pose ? Math.max(o.pose.fps, o.fps) : o.fps;
  const decoded = decodeFrames(o.videoPath, { fps: decodeFps, longSide: o.frameSize, startS, endS, signal: o.signal,
    sourceWidth: o.probe.width, sourceHeight: o.probe.height, sourceFps: o.probe.fps });
  // A face crop is square: give it the pixel count of a frame (not the frame's long side), so every variant
  // costs the model about the same number of image tokens.
  const { width, height } = scaledSize(o.probe.width, o.probe.height, o.frameSize);
  const cropSide = 2 * Math.round(Math.sqrt(width * height) / 2);
  const frames: AsyncIterable<ModelFrame | null> = o.pose ? withPose(decoded, o.pose, o.fps, decodeFps, cropSide, o.signal) : decoded;

  let buffer: ModelFrame[] = [];
  let next = 0;
  let lastFrameS = -Infinity;
  for await (const f of frames) {
    if (!f) continue;
    buffer.push(f);
    lastFrameS = f.tS;
    while (next < o.segments.length && f.tS >= o.segments[next]!.endS - 1e-6) {
      yield { segment: o.segments[next]!, frames: buffer };
      next++;
      const keepFrom = o.segments[next]?.startS ?? Infinity;
      buffer = buffer.filter((x) => x.tS >= keepFrom - 1e-6);
    }
  }
  if (endS - lastFrameS > Math.max(2, 3 / o.fps)) {
    throw new InputError(`The recording "${o.probe.fileName}" is truncated: its video data ends at ${formatClock(Math.max(0, lastFrameS))} ` +
      `of ${formatClock(o.probe.durationS)}. Copy or export it again from the recording system.`);
  }
  for (; next < o.segments.length; next++) yield { segment: o.segments[next]!, frames: buffer };
}

/** Runs pose on every decoded frame; yields the model's frames (with crop/overlay), null for pose-only frames. */
async function* withPose(decoded: AsyncIterable<TimedFrame>, pose: PoseStage, fps: number, decodeFps: number, cropSide: number, signal?: AbortSignal): AsyncGenerator<ModelFrame | null> {
  const forModel = decodeFps > fps ? sampleEvery(1 / fps) : () => true;
  for await (const e of enhanceFrames(decoded, {
    estimator: pose.estimator, cropLongSide: pose.crop ? cropSide : undefined, overlay: pose.overlay,
    imagesFor: forModel, cache: pose.cache, signal, ...(pose.orientation !== undefined ? { orientation: pose.orientation } : {}),
    ...(pose.motionGate !== undefined ? { motionGate: pose.motionGate } : {}), ...(pose.watchOthers !== undefined ? { watchOthers: pose.watchOthers } : {}),
  })) {
    pose.onRecord(e.record, e);
    if (!forModel(e.tS)) { yield null; continue; }
    yield Object.assign(e.frame, pose.crop ? { crop: e.crop ?? null } : {}, e.overlay ? { overlay: e.overlay } : {});
  }
}
