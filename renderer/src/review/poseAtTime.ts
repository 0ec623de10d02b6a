/**
 * The patient's skeleton and face box at the frame shown, from analysis.json's sampled pose frames: linear
 * interpolation between the two sampled frames around the time, a joint shown only when both neighbours see
 * it (score at or above the threshold) and they are close enough in time; nothing shown past the last
 * sample or across a gap (the overlay must never invent a pose). Coordinates stay in source-video pixels.
 */
import type { EnhancedFrameRecord, KeypointName } from '../../../native-models/contract/analysisSchema.ts';

/** A joint below this score is not drawn (MoveNet's own confidence; ours to tune, not a clinical threshold). */
export const MIN_JOINT_SCORE = 0.3;
/** Neighbouring samples further apart than this are a gap: nothing is drawn between them. */
export const MAX_INTERPOLATION_GAP_S = 1.5;

export interface ShownJoint {
  name: KeypointName;
  x: number;
  y: number;
}

export interface PoseAtTime {
  joints: ShownJoint[];
  face: { x: number; y: number; w: number; h: number } | null;
}

/** Index of the last frame at or before t (frames sorted by time), or -1. */
function floorIndex(frames: readonly EnhancedFrameRecord[], t: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]!.tS <= t) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

export function poseAtTime(frames: readonly EnhancedFrameRecord[], t: number, minScore = MIN_JOINT_SCORE): PoseAtTime {
  const i = floorIndex(frames, t);
  const a = frames[i];
  if (!a) return { joints: [], face: null };
  const b = frames[i + 1];
  const exact = Math.abs(a.tS - t) < 1e-6;
  if (!exact && (!b || b.tS - a.tS > MAX_INTERPOLATION_GAP_S)) return { joints: [], face: null };
  if (exact || !b) {
    return { joints: a.keypoints.filter((k) => k.score >= minScore).map(({ name, x, y }) => ({ name, x, y })), face: a.face };
  }
  const w = (t - a.tS) / (b.tS - a.tS);
  const mix = (p: number, q: number) => p + (q - p) * w;
  const joints: ShownJoint[] = [];
  for (const ka of a.keypoints) {
    const kb = b.keypoints.find((k) => k.name === ka.name);
    if (!kb || ka.score < minScore || kb.score < minScore) continue;
    joints.push({ name: ka.name, x: mix(ka.x, kb.x), y: mix(ka.y, kb.y) });
  }
  const face = a.face && b.face ? { x: mix(a.face.x, b.face.x), y: mix(a.face.y, b.face.y), w: mix(a.face.w, b.face.w), h: mix(a.face.h, b.face.h) } : null;
  return { joints, face };
}
