/**
 * Motion gating for pose at the signals rate: MoveNet (~9 ms a frame on one core, 2700 runs for 3 min at
 * 15 fps) runs on a frame only when something moved inside the patient's region since the last frame it ran
 * on; otherwise that frame's keypoints are carried over. The test is a pixel count, not a mean: a forearm
 * edge moving by one frame pixel changes a line of pixels by far more than `PIXEL_DELTA`, which a mean over
 * the whole region would dilute. The reference is the frame MoveNet last saw (not the previous frame), so
 * slow drift adds up until it counts. Camera noise or recompression only makes it run more often (the safe
 * direction); a hold never lasts more than `maxHoldS`.
 */
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box } from './poseTypes.ts';

/** A pixel counts as changed when its grey level moved by at least this (0-255). Our heuristic: above H.264 P-frame noise at CRF 16-23. */
export const PIXEL_DELTA = 10;
/** The region moved when at least this many of its pixels changed (a 1-px shift of a ~10-px edge). Our heuristic. */
export const MIN_CHANGED_PIXELS = 10;
/** ... or this share of them, whichever is smaller (large regions of high-resolution frames). Our heuristic. */
export const MIN_CHANGED_SHARE = 0.0005;

export interface MotionGateOptions {
  /** Longest run of frames whose keypoints are carried over, in recording seconds. Default 2. */
  maxHoldS?: number;
}

export class MotionGate {
  private ref: Uint8Array | null = null;
  private refRegion: Box | null = null;
  private refT = -Infinity;
  private readonly maxHoldS: number;

  constructor(options: MotionGateOptions = {}) {
    this.maxHoldS = options.maxHoldS ?? 2;
  }

  /** True when `region` of `frame` looks like the reference (same region, nothing moved, hold not too long). */
  still(frame: RgbImage, region: Box, tS: number): boolean {
    if (!this.ref || !this.refRegion || !sameBox(region, this.refRegion) || tS - this.refT > this.maxHoldS + 1e-6) return false;
    const grey = greyRegion(frame, region);
    if (grey.length !== this.ref.length) return false;
    const limit = Math.min(MIN_CHANGED_PIXELS, Math.max(1, Math.ceil(MIN_CHANGED_SHARE * grey.length)));
    let changed = 0;
    const ref = this.ref;
    for (let i = 0; i < grey.length; i++) {
      const d = grey[i]! - ref[i]!;
      if (d >= PIXEL_DELTA || d <= -PIXEL_DELTA) { if (++changed >= limit) return false; }
    }
    return true;
  }

  /** The frame MoveNet just ran on, with its region: what later frames are compared against. */
  reference(frame: RgbImage, region: Box, tS: number): void {
    this.ref = greyRegion(frame, region);
    this.refRegion = { ...region };
    this.refT = tS;
  }

  /** Forget the reference (a new detection, a lost patient). */
  reset(): void {
    this.ref = null;
    this.refRegion = null;
  }
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

/** Grey levels ((r + 2g + b) / 4) of the region's pixels inside the frame, row by row. */
export function greyRegion(frame: RgbImage, region: Box): Uint8Array {
  const { width: W, height: H, data } = frame;
  const x0 = Math.max(0, Math.floor(region.x)), x1 = Math.min(W, Math.ceil(region.x + region.w));
  const y0 = Math.max(0, Math.floor(region.y)), y1 = Math.min(H, Math.ceil(region.y + region.h));
  if (x1 <= x0 || y1 <= y0) return new Uint8Array(0);
  const out = new Uint8Array((x1 - x0) * (y1 - y0));
  let o = 0;
  for (let y = y0; y < y1; y++) {
    let p = (y * W + x0) * 3;
    for (let x = x0; x < x1; x++, p += 3) out[o++] = (data[p]! + 2 * data[p + 1]! + data[p + 2]!) >> 2;
  }
  return out;
}
