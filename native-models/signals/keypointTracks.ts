/**
 * Keypoint tracks: the patient's pose frame records (analysis.json `enhancement.frames`) turned into one time
 * series per joint on a regular grid at the layer's rate. Low-score points are missing (NaN); a gap between two
 * valid samples no longer than MAX_INTERPOLATED_GAP_S is bridged linearly, longer gaps stay missing. Nothing
 * is smoothed: linear interpolation between neighbouring samples is the only filtering, so 1-5 Hz movement
 * keeps its amplitude. A left/right label swap for a frame or two (the joints jump to each other's places) is
 * undone by continuity before resampling.
 */
import type { EnhancedFrameRecord, KeypointName } from '../contract/analysisSchema.ts';
import { KEYPOINT_NAMES } from '../contract/analysisSchema.ts';

/** Keypoints under this model score are missing. Our heuristic; the overlay draws joints from 0.3 (enhance). */
export const MIN_KEYPOINT_SCORE = 0.3;

/**
 * Longest gap bridged by linear interpolation (s). Our heuristic: 0.2 s is 3 frames at 15 fps and under one
 * cycle of a 5 Hz jerk, so a bridged gap cannot invent or erase a rhythm.
 */
export const MAX_INTERPOLATED_GAP_S = 0.2;

/** A pair is swapped when the swapped assignment costs under this share of the kept one. Our heuristic. */
export const SWAP_COST_RATIO = 0.5;

/** Left/right joint pairs, by base name. */
export const PAIRS = ['eye', 'ear', 'shoulder', 'elbow', 'wrist', 'hip', 'knee', 'ankle'] as const;

export interface KeypointTracks {
  /** Time of sample 0 (recording seconds). */
  startS: number;
  rateHz: number;
  length: number;
  /** Per joint, by the pose model's labels; NaN where missing. Source-video pixels. */
  x: Record<KeypointName, Float64Array>;
  y: Record<KeypointName, Float64Array>;
  /** Score of the sample (interpolated in gaps), NaN where missing. */
  score: Record<KeypointName, Float64Array>;
}

interface Point { x: number; y: number; score: number }

export function timeAt(tracks: KeypointTracks, i: number): number {
  return tracks.startS + i / tracks.rateHz;
}

/** Per-joint series at `rateHz` from pose frame records (any order; an empty `keypoints` means no patient). */
export function buildKeypointTracks(frames: readonly EnhancedFrameRecord[], rateHz: number): KeypointTracks {
  const sorted = [...frames].sort((a, b) => a.tS - b.tS);
  const points = unswapLabels(sorted.map((f) => {
    const m = new Map<KeypointName, Point>();
    for (const k of f.keypoints) if (k.score >= MIN_KEYPOINT_SCORE && Number.isFinite(k.x) && Number.isFinite(k.y)) m.set(k.name, { x: k.x, y: k.y, score: k.score });
    return m;
  }), sorted.map((f) => f.tS));
  const startS = sorted.length ? sorted[0]!.tS : 0;
  const endS = sorted.length ? sorted[sorted.length - 1]!.tS : 0;
  const length = sorted.length ? Math.floor((endS - startS) * rateHz + 1e-6) + 1 : 0;
  // Consecutive input frames are always bridged, whatever the input rate (a 2 fps pose has 0.5 s spacing).
  const spacing = median(sorted.slice(1).map((f, i) => f.tS - sorted[i]!.tS)) ?? 0;
  const maxGap = Math.max(MAX_INTERPOLATED_GAP_S, 1.5 * spacing);
  const empty = () => Object.fromEntries(KEYPOINT_NAMES.map((n) => [n, new Float64Array(length).fill(NaN)])) as Record<KeypointName, Float64Array>;
  const tracks: KeypointTracks = { startS, rateHz, length, x: empty(), y: empty(), score: empty() };
  const times = sorted.map((f) => f.tS);
  for (const name of KEYPOINT_NAMES) {
    const ts: number[] = [], xs: number[] = [], ys: number[] = [], ss: number[] = [];
    points.forEach((m, i) => { const p = m.get(name); if (p) { ts.push(times[i]!); xs.push(p.x); ys.push(p.y); ss.push(p.score); } });
    let j = 0;
    for (let i = 0; i < length; i++) {
      const g = startS + i / rateHz;
      while (j + 1 < ts.length && ts[j + 1]! <= g + 1e-9) j++;
      if (!ts.length || ts[j]! > g + 1e-9) continue;
      const exact = Math.abs(ts[j]! - g) <= 1e-6;
      if (exact) { tracks.x[name][i] = xs[j]!; tracks.y[name][i] = ys[j]!; tracks.score[name][i] = ss[j]!; continue; }
      if (j + 1 >= ts.length) continue;
      const gap = ts[j + 1]! - ts[j]!;
      if (gap > maxGap + 1e-9) continue;
      const a = (g - ts[j]!) / gap;
      tracks.x[name][i] = xs[j]! + a * (xs[j + 1]! - xs[j]!);
      tracks.y[name][i] = ys[j]! + a * (ys[j + 1]! - ys[j]!);
      tracks.score[name][i] = ss[j]! + a * (ss[j + 1]! - ss[j]!);
    }
  }
  return tracks;
}

/**
 * Undo momentary left/right label swaps: for each pair, when the left joint sits where the right one was last
 * seen (and vice versa) much better than where it was itself, the labels are exchanged in that frame.
 */
function unswapLabels(frames: Array<Map<KeypointName, Point>>, times: readonly number[]): Array<Map<KeypointName, Point>> {
  const MEMORY_S = 1;
  for (const pair of PAIRS) {
    const ln = `left_${pair}` as KeypointName, rn = `right_${pair}` as KeypointName;
    let lastL: Point | null = null, lastR: Point | null = null, lastT = -Infinity;
    frames.forEach((m, i) => {
      const l = m.get(ln), r = m.get(rn);
      if (!l || !r) return;
      if (lastL && lastR && times[i]! - lastT <= MEMORY_S) {
        const keep = dist(l, lastL) + dist(r, lastR);
        const swap = dist(l, lastR) + dist(r, lastL);
        if (swap < SWAP_COST_RATIO * keep) { m.set(ln, r); m.set(rn, l); }
      }
      lastL = m.get(ln)!; lastR = m.get(rn)!; lastT = times[i]!;
    });
  }
  return frames;
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

export function median(values: readonly number[]): number | null {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}
