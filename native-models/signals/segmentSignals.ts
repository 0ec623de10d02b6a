/**
 * Body-segment signals from the keypoint tracks, in torso lengths: the joints that carry each segment's
 * movement (arm: wrist and elbow; leg: ankle and knee; head: nose; trunk: shoulder and hip midpoints), their
 * movement speed, the elbow angles and the head's rotation along the body frame. Segments are named by the
 * pose model's labels here; measureSigns names them by the patient's side.
 */
import type { KeypointName } from '../contract/analysisSchema.ts';
import type { BodyFrame } from './bodyFrame.ts';
import type { KeypointTracks } from './keypointTracks.ts';

export type LabelSegment = 'left_arm' | 'right_arm' | 'left_leg' | 'right_leg' | 'head' | 'trunk';
export const LABEL_SEGMENTS: readonly LabelSegment[] = ['left_arm', 'right_arm', 'left_leg', 'right_leg', 'head', 'trunk'];

/** A joint's position in torso lengths: [x, y]. */
export type Channel2 = readonly [Float64Array, Float64Array];

/** Speeds are RMS over this window (s). Our heuristic: one cycle at 1 Hz. */
export const MOTION_WINDOW_S = 1;

/**
 * Distance from the neck axis to the nose, in torso lengths, turning the nose's sideways offset into an angle.
 * Our heuristic from adult anthropometry: ~10 cm against a ~48 cm torso.
 */
export const HEAD_NOSE_RADIUS_TORSO = 0.2;

const JOINTS: Record<LabelSegment, ReadonlyArray<KeypointName | readonly [KeypointName, KeypointName]>> = {
  left_arm: ['left_wrist', 'left_elbow'],
  right_arm: ['right_wrist', 'right_elbow'],
  left_leg: ['left_ankle', 'left_knee'],
  right_leg: ['right_ankle', 'right_knee'],
  head: ['nose'],
  trunk: [['left_shoulder', 'right_shoulder'], ['left_hip', 'right_hip']],
};

export function segmentChannels(t: KeypointTracks, torsoPx: number): Record<LabelSegment, Channel2[]> {
  const out = {} as Record<LabelSegment, Channel2[]>;
  for (const seg of LABEL_SEGMENTS) {
    out[seg] = JOINTS[seg].map((j) => {
      if (typeof j === 'string') return [t.x[j].map((v) => v / torsoPx), t.y[j].map((v) => v / torsoPx)] as const;
      const [a, b] = j;
      return [t.x[a].map((v, i) => (v + t.x[b][i]!) / 2 / torsoPx), t.y[a].map((v, i) => (v + t.y[b][i]!) / 2 / torsoPx)] as const;
    });
  }
  return out;
}

/** Per sample, the RMS speed (torso lengths/s) of the fastest of the segment's joints over MOTION_WINDOW_S. */
export function segmentMotion(channels: readonly Channel2[], rateHz: number): Float64Array {
  const n = channels[0]?.[0].length ?? 0;
  const speed2 = new Float64Array(n).fill(NaN);
  for (const [x, y] of channels) {
    for (let i = 1; i < n - 1; i++) {
      const vx = (x[i + 1]! - x[i - 1]!) * rateHz / 2, vy = (y[i + 1]! - y[i - 1]!) * rateHz / 2;
      const s = vx * vx + vy * vy;
      if (Number.isFinite(s) && !(s <= speed2[i]!)) speed2[i] = s;
    }
  }
  const half = Math.max(1, Math.round((MOTION_WINDOW_S * rateHz) / 2));
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    let sum = 0, count = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++) if (Number.isFinite(speed2[j]!)) { sum += speed2[j]!; count++; }
    if (count >= half) out[i] = Math.sqrt(sum / count);
  }
  return out;
}

/** Elbow angle (degrees, 180 = straight) of the arm labelled `side`; NaN where a joint is missing. */
export function elbowAngle(t: KeypointTracks, side: 'left' | 'right'): Float64Array {
  const s = `${side}_shoulder` as const, e = `${side}_elbow` as const, w = `${side}_wrist` as const;
  return new Float64Array(t.length).map((_, i) => {
    const ax = t.x[s][i]! - t.x[e][i]!, ay = t.y[s][i]! - t.y[e][i]!;
    const bx = t.x[w][i]! - t.x[e][i]!, by = t.y[w][i]! - t.y[e][i]!;
    const c = (ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by));
    return Number.isFinite(c) ? (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI : NaN;
  });
}

/**
 * Head rotation (degrees, positive towards the patient's left): the nose's offset from the ear midpoint along
 * the patient's left axis, as an angle about the neck. Where only one ear is seen, the shoulder midline stands
 * in for the ear midpoint, corrected by their median difference where both were seen.
 */
export function headAngle(t: KeypointTracks, frame: BodyFrame, torsoPx: number): Float64Array {
  const n = t.length;
  const fromEars = new Float64Array(n).fill(NaN), fromMidline = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const lx = frame.leftX[i]!, ly = frame.leftY[i]!;
    const ex = (t.x.left_ear[i]! + t.x.right_ear[i]!) / 2, ey = (t.y.left_ear[i]! + t.y.right_ear[i]!) / 2;
    const sx = (t.x.left_shoulder[i]! + t.x.right_shoulder[i]!) / 2, sy = (t.y.left_shoulder[i]! + t.y.right_shoulder[i]!) / 2;
    fromEars[i] = ((t.x.nose[i]! - ex) * lx + (t.y.nose[i]! - ey) * ly) / torsoPx;
    fromMidline[i] = ((t.x.nose[i]! - sx) * lx + (t.y.nose[i]! - sy) * ly) / torsoPx;
  }
  const diffs: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(fromEars[i]!) && Number.isFinite(fromMidline[i]!)) diffs.push(fromMidline[i]! - fromEars[i]!);
  diffs.sort((a, b) => a - b);
  const correction = diffs.length ? diffs[diffs.length >> 1]! : 0;
  return fromEars.map((v, i) => {
    const off = Number.isFinite(v) ? v : fromMidline[i]! - correction;
    return (Math.asin(Math.max(-1, Math.min(1, off / HEAD_NOSE_RADIUS_TORSO))) * 180) / Math.PI;
  });
}
