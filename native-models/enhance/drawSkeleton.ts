/**
 * The `pose` variant's image: the frame with the patient's limbs drawn on it, OpenPose-style. Left limbs
 * orange, right limbs blue (each with a dark outline so they read on any background); joints whose score is
 * under `minScore` are left out together with the segments that touch them.
 */
import type { RgbImage } from '../media/frameTypes.ts';
import { KP, type Keypoint, type KeypointName } from './poseTypes.ts';

export type Rgb = readonly [number, number, number];

export const LEFT_COLOUR: Rgb = [255, 140, 0];
export const RIGHT_COLOUR: Rgb = [0, 160, 255];
export const CENTRE_COLOUR: Rgb = [255, 255, 255];
const OUTLINE: Rgb = [0, 0, 0];

type Side = 'left' | 'right' | 'centre';

/** Limb segments (arms and legs) with their side. */
export const LIMB_SEGMENTS: ReadonlyArray<readonly [KeypointName, KeypointName, Side]> = [
  ['left_shoulder', 'left_elbow', 'left'], ['left_elbow', 'left_wrist', 'left'],
  ['right_shoulder', 'right_elbow', 'right'], ['right_elbow', 'right_wrist', 'right'],
  ['left_hip', 'left_knee', 'left'], ['left_knee', 'left_ankle', 'left'],
  ['right_hip', 'right_knee', 'right'], ['right_knee', 'right_ankle', 'right'],
];

/** Shoulder and hip girdles plus the flanks: drawn only with `includeTorso`. */
export const TORSO_SEGMENTS: ReadonlyArray<readonly [KeypointName, KeypointName, Side]> = [
  ['left_shoulder', 'right_shoulder', 'centre'], ['left_hip', 'right_hip', 'centre'],
  ['left_shoulder', 'left_hip', 'left'], ['right_shoulder', 'right_hip', 'right'],
];

export interface DrawSkeletonOptions {
  /** Line width in px; default max(2, long side / 160). */
  thickness?: number;
  includeTorso?: boolean;
}

/** `keypoints` in the frame's pixels (17, in KEYPOINT_NAMES order, or any subset by name). Returns a copy. */
export function drawSkeleton(frame: RgbImage, keypoints: readonly Keypoint[], minScore: number, options: DrawSkeletonOptions = {}): RgbImage {
  const out: RgbImage = { width: frame.width, height: frame.height, data: Buffer.from(frame.data) };
  const byName = new Map<KeypointName, Keypoint>();
  for (const k of keypoints) byName.set(k.name, k);
  const t = options.thickness ?? Math.max(2, Math.round(Math.max(frame.width, frame.height) / 160));
  const segs = options.includeTorso ? [...LIMB_SEGMENTS, ...TORSO_SEGMENTS] : LIMB_SEGMENTS;
  const drawn: Array<[Keypoint, Keypoint, Rgb]> = [];
  const joints = new Map<KeypointName, Rgb>();
  for (const [a, b, side] of segs) {
    const ka = byName.get(a);
    const kb = byName.get(b);
    if (!ka || !kb || ka.score < minScore || kb.score < minScore) continue;
    const colour = side === 'left' ? LEFT_COLOUR : side === 'right' ? RIGHT_COLOUR : CENTRE_COLOUR;
    drawn.push([ka, kb, colour]);
    if (side !== 'centre') { joints.set(a, colour); joints.set(b, colour); }
  }
  for (const [a, b] of drawn) drawSegment(out, a.x, a.y, b.x, b.y, t / 2 + 1, OUTLINE);
  for (const [name] of joints) { const k = byName.get(name)!; drawSegment(out, k.x, k.y, k.x, k.y, t * 0.9 + 1, OUTLINE); }
  for (const [a, b, c] of drawn) drawSegment(out, a.x, a.y, b.x, b.y, t / 2, c);
  for (const [name, c] of joints) { const k = byName.get(name)!; drawSegment(out, k.x, k.y, k.x, k.y, t * 0.9, c); }
  return out;
}

/** Fill every pixel whose centre lies within `radius` of segment a-b (a disc when a === b). */
function drawSegment(img: RgbImage, ax: number, ay: number, bx: number, by: number, radius: number, c: Rgb): void {
  const { width: W, height: H, data } = img;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - radius));
  const x1 = Math.min(W - 1, Math.ceil(Math.max(ax, bx) + radius));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - radius));
  const y1 = Math.min(H - 1, Math.ceil(Math.max(ay, by) + radius));
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const r2 = radius * radius;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5 - ax;
      const py = y + 0.5 - ay;
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      if (ex * ex + ey * ey <= r2) {
        const p = (y * W + x) * 3;
        data[p] = c[0]; data[p + 1] = c[1]; data[p + 2] = c[2];
      }
    }
  }
}

/** Keypoint index helper for callers holding MoveNet-ordered arrays. */
export function keypointAt(keypoints: readonly Keypoint[], name: KeypointName): Keypoint | undefined {
  const k = keypoints[KP[name]];
  return k && k.name === name ? k : keypoints.find((p) => p.name === name);
}
