/**
 * Motion gating for pose at the signals rate: MoveNet (~9 ms a frame on one core, 2700 runs for 3 min at
 * 15 fps) runs on a frame only when something moved inside the patient's region since the last frame it ran
 * on; otherwise that frame's keypoints are carried over. The test is a pixel count, not a mean: a forearm
 * edge moving by one frame pixel changes a line of pixels by far more than `PIXEL_DELTA`, which a mean over
 * the whole region would dilute. The reference is the frame MoveNet last saw (not the previous frame), so
 * slow drift adds up until it counts. Camera noise or recompression only makes it run more often (the safe
 * direction); a hold never lasts more than `maxHoldS`.
 *
 * A region whose whole content slid as one (the patient drifting on the bed, the bed moved) is held too, with
 * the keypoints moved by the slide: `hold` estimates the shift of the content since the reference (sub-pixel,
 * Lucas-Kanade) and holds only when, once that shift is undone, the same pixel count finds nothing that moved
 * half a pixel or more against the rest (a limb moving against the body), and the region has texture in
 * enough places for a slide to be told from one moving part. Without it the bench stand-in's slow drift ran
 * MoveNet on every other frame; the measured signs of its shaking episode are the same either way
 * (`npm run bench:preprocess -- --compare-gates`).
 */
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box } from './poseTypes.ts';

/** A pixel counts as changed when its grey level moved by at least this (0-255). Our heuristic: above H.264 P-frame noise at CRF 16-23. */
export const PIXEL_DELTA = 10;
/** The region moved when at least this many of its pixels changed (a 1-px shift of a ~10-px edge). Our heuristic. */
export const MIN_CHANGED_PIXELS = 10;
/** ... or this share of them, whichever is smaller (large regions of high-resolution frames). Our heuristic. */
export const MIN_CHANGED_SHARE = 0.0005;
/**
 * Once a slide is undone, a pixel counts as changed only when it is PIXEL_DELTA outside every grey level the
 * reference takes within half a pixel of it (resampling by a fraction of a pixel is exact only for smooth
 * content). So a part moving half a pixel or more against the rest still counts; MoveNet's own jitter is about
 * a pixel of these frames, and the signals layer's rhythm floor (signals/shortTimeRhythm.ts) ~1.5 px.
 */
export const SHIFT_TOLERANCE_PX = 0.5;
/**
 * A slide is followed only when the region's texture is spread over at least this many of its 3 x 3 cells
 * (each with at least CELL_MIN_SHARE of the edge energy): a single moving limb on a plain blanket must not
 * pass for the whole region sliding. Our heuristic.
 */
export const MIN_TEXTURED_CELLS = 5;
export const CELL_MIN_SHARE = 0.02;
/** A slide is followed up to this many frame pixels from the reference; beyond, MoveNet runs. Our choice (holdRegion moves the region at ~8 %). */
export const MAX_SHIFT_PX = 12;

export interface MotionGateOptions {
  /** Longest run of frames whose keypoints are carried over, in recording seconds. Default 2. */
  maxHoldS?: number;
  /** Follow a slide of the whole region (`hold` returns its shift). Default true; false holds only unchanged regions. */
  followShift?: boolean;
}

/** How far the region's content slid since MoveNet's frame (frame pixels); {0, 0} when nothing moved. */
export interface HeldShift {
  dx: number;
  dy: number;
}

export class MotionGate {
  private ref: Uint8Array | null = null;
  private refRegion: Box | null = null;
  private refT = -Infinity;
  /** Clipped pixel rectangle of the reference (greyRegion's) and its grey gradients, made on first need. */
  private rect = { x0: 0, y0: 0, w: 0, h: 0 };
  private grad: Gradients | null = null;
  /** The last accepted shift (where the next estimate starts) and the region's grey levels it was found on. */
  private shift: HeldShift = { dx: 0, dy: 0 };
  private shiftGrey: Uint8Array | null = null;
  private readonly maxHoldS: number;
  private readonly followShift: boolean;

  constructor(options: MotionGateOptions = {}) {
    this.maxHoldS = options.maxHoldS ?? 2;
    this.followShift = options.followShift ?? true;
  }

  /** True when `region` of `frame` looks like the reference (same region, nothing moved, hold not too long). */
  still(frame: RgbImage, region: Box, tS: number): boolean {
    const grey = this.comparable(frame, region, tS);
    return grey !== null && unchanged(grey, this.ref!);
  }

  /**
   * The shift to move the reference keypoints by when this frame may be held (nothing moved, or the whole
   * region slid), or null when MoveNet must run.
   */
  hold(frame: RgbImage, region: Box, tS: number): HeldShift | null {
    const grey = this.comparable(frame, region, tS);
    if (grey === null) return null;
    if (unchanged(grey, this.ref!)) return { dx: 0, dy: 0 };
    if (!this.followShift) return null;
    // Nothing moved since the frame the current shift was found on (by the same test): the same shift.
    if (this.shiftGrey && unchanged(grey, this.shiftGrey)) return { ...this.shift };
    const found = this.slide(frame);
    if (found) { this.shift = found; this.shiftGrey = grey; }
    return found;
  }

  /** The frame MoveNet just ran on, with its region: what later frames are compared against. */
  reference(frame: RgbImage, region: Box, tS: number): void {
    this.ref = greyRegion(frame, region);
    this.refRegion = { ...region };
    this.refT = tS;
    this.rect = clippedRect(frame, region);
    this.grad = null;
    this.shift = { dx: 0, dy: 0 };
    this.shiftGrey = null;
  }

  /** Forget the reference (a new detection, a lost patient). */
  reset(): void {
    this.ref = null;
    this.refRegion = null;
    this.grad = null;
    this.shiftGrey = null;
  }

  /** The region's grey levels when the frame can be compared with the reference at all, else null. */
  private comparable(frame: RgbImage, region: Box, tS: number): Uint8Array | null {
    if (!this.ref || !this.refRegion || !sameBox(region, this.refRegion) || tS - this.refT > this.maxHoldS + 1e-6) return null;
    const grey = greyRegion(frame, region);
    return grey.length === this.ref.length ? grey : null;
  }

  /**
   * The shift d with frame(q + d) ~ reference(q) over the region (inverse-compositional Lucas-Kanade from the
   * last accepted shift, reference gradients computed once), or null when no shift explains the change.
   */
  private slide(frame: RgbImage): HeldShift | null {
    const { x0, y0, w, h } = this.rect;
    const ref = this.ref!;
    const g = (this.grad ??= gradients(ref, w, h));
    const det = g.axx * g.ayy - g.axy * g.axy;
    // Too little texture, or texture in too few places, to tell a slide from anything else.
    if (!(g.axx + g.ayy > 0) || !(det > 1e-6 * (g.axx + g.ayy) ** 2) || g.texturedCells < MIN_TEXTURED_CELLS) return null;
    // The frame's grey levels around the region, wide enough for any accepted shift.
    const pad = Math.ceil(MAX_SHIFT_PX) + 2;
    const area = clippedRect(frame, { x: x0 - pad, y: y0 - pad, w: w + 2 * pad, h: h + 2 * pad });
    const cur = greyRegion(frame, { x: area.x0, y: area.y0, w: area.w, h: area.h });
    const ox = x0 - area.x0, oy = y0 - area.y0;
    let dx = this.shift.dx, dy = this.shift.dy;
    for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
      const m = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))) + 1;
      const last = iter === MAX_ITERATIONS - 1;
      const limit = changeLimit((w - 2 * m) * (h - 2 * m));
      let bx = 0, by = 0, changed = 0;
      // The steps use every other pixel of every other row; the last pass checks every pixel.
      const step = last ? 1 : 2;
      for (let y = m; y < h - m; y += step) {
        const fy = oy + y + dy;
        const ya = Math.floor(fy), wy = fy - ya;
        if (ya < 0 || ya + 1 >= area.h) return null;
        const rowA = ya * area.w, rowB = rowA + area.w;
        for (let x = m; x < w - m; x += step) {
          const fx = ox + x + dx;
          const xa = Math.floor(fx), wx = fx - xa;
          if (xa < 0 || xa + 1 >= area.w) return null;
          const tl = cur[rowA + xa]!, bl = cur[rowB + xa]!;
          const top = tl + (cur[rowA + xa + 1]! - tl) * wx;
          const bottom = bl + (cur[rowB + xa + 1]! - bl) * wx;
          const i = y * w + x;
          const e = top + (bottom - top) * wy - ref[i]!;
          if (last) {
            const v = e + ref[i]!;
            if ((v >= g.hi[i]! || v <= g.lo[i]!) && ++changed >= limit) return null;
          } else {
            bx += g.gx[i]! * e;
            by += g.gy[i]! * e;
          }
        }
      }
      if (last) return { dx, dy };
      // d <- d - A^-1 b: the step that makes the frame, moved back by d, match the reference (b summed over
      // one pixel in step^2, A over all of them).
      bx *= step * step; by *= step * step;
      dx -= (g.ayy * bx - g.axy * by) / det;
      dy -= (g.axx * by - g.axy * bx) / det;
      if (!Number.isFinite(dx) || !Number.isFinite(dy) || Math.hypot(dx, dy) > MAX_SHIFT_PX) return null;
    }
    return null;
  }
}

/** Gauss-Newton steps of the shift estimate; the last pass only checks what is left. Our choice: drift between frames is well under a pixel. */
const MAX_ITERATIONS = 3;

function changeLimit(pixels: number): number {
  return Math.min(MIN_CHANGED_PIXELS, Math.max(1, Math.ceil(MIN_CHANGED_SHARE * pixels)));
}

function unchanged(grey: Uint8Array, ref: Uint8Array): boolean {
  const limit = changeLimit(grey.length);
  let changed = 0;
  for (let i = 0; i < grey.length; i++) {
    const d = grey[i]! - ref[i]!;
    if (d >= PIXEL_DELTA || d <= -PIXEL_DELTA) { if (++changed >= limit) return false; }
  }
  return true;
}

interface Gradients {
  gx: Float32Array;
  gy: Float32Array;
  /** Per pixel: grey levels at or beyond these count as changed once a slide is undone (SHIFT_TOLERANCE_PX). */
  lo: Float32Array;
  hi: Float32Array;
  axx: number;
  axy: number;
  ayy: number;
  /** Cells of a 3 x 3 grid over the region holding at least CELL_MIN_SHARE of the edge energy. */
  texturedCells: number;
}

/**
 * Central-difference gradients of a w x h grey image (0 on the border), the sums of their products, and per
 * pixel the range of grey levels within SHIFT_TOLERANCE_PX of it (widened by PIXEL_DELTA).
 */
function gradients(ref: Uint8Array, w: number, h: number): Gradients {
  const n = w * h;
  const gx = new Float32Array(n), gy = new Float32Array(n);
  const lo = new Float32Array(n).fill(-Infinity), hi = new Float32Array(n).fill(Infinity);
  let axx = 0, axy = 0, ayy = 0;
  const cells = new Float64Array(9);
  const t = SHIFT_TOLERANCE_PX;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const a = (ref[i + 1]! - ref[i - 1]!) / 2, b = (ref[i + w]! - ref[i - w]!) / 2;
      gx[i] = a; gy[i] = b;
      axx += a * a; axy += a * b; ayy += b * b;
      const cell = Math.min(2, Math.floor((3 * y) / h)) * 3 + Math.min(2, Math.floor((3 * x) / w));
      cells[cell] = cells[cell]! + a * a + b * b;
      // Linear interpolation towards each of the 8 neighbours, up to SHIFT_TOLERANCE_PX of the way.
      const v = ref[i]!;
      let nMin = v, nMax = v;
      for (let dy = -w; dy <= w; dy += w) {
        for (let dx = -1; dx <= 1; dx++) {
          const u = ref[i + dy + dx]!;
          if (u < nMin) nMin = u;
          if (u > nMax) nMax = u;
        }
      }
      lo[i] = v + (nMin - v) * t - PIXEL_DELTA; hi[i] = v + (nMax - v) * t + PIXEL_DELTA;
    }
  }
  const energy = axx + ayy;
  const texturedCells = cells.filter((c) => c > 0 && c >= CELL_MIN_SHARE * energy).length;
  return { gx, gy, lo, hi, axx, axy, ayy, texturedCells };
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function clippedRect(frame: RgbImage, region: Box): { x0: number; y0: number; w: number; h: number } {
  const x0 = Math.max(0, Math.floor(region.x)), x1 = Math.min(frame.width, Math.ceil(region.x + region.w));
  const y0 = Math.max(0, Math.floor(region.y)), y1 = Math.min(frame.height, Math.ceil(region.y + region.h));
  return { x0, y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** Grey levels ((r + 2g + b) / 4) of the region's pixels inside the frame, row by row. */
export function greyRegion(frame: RgbImage, region: Box): Uint8Array {
  const { width: W, data } = frame;
  const { x0, y0, w, h } = clippedRect(frame, region);
  if (w <= 0 || h <= 0) return new Uint8Array(0);
  const out = new Uint8Array(w * h);
  let o = 0;
  for (let y = y0; y < y0 + h; y++) {
    let p = (y * W + x0) * 3;
    for (let x = 0; x < w; x++, p += 3) out[o++] = (data[p]! + 2 * data[p + 1]! + data[p + 2]!) >> 2;
  }
  return out;
}
