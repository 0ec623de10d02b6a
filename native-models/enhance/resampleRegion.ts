/**
 * Resampling of packed rgb24 images: a region (fractional pixel box, may extend past the edges, which read as
 * black) to an output size. Bilinear when enlarging or mildly shrinking (computed separably: along x once per
 * source row, then between rows); box-averaged when shrinking by more than 2x, so thin detail does not alias.
 */
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box } from './poseTypes.ts';

export function resampleRegion(src: RgbImage, region: Box, outWidth: number, outHeight: number): RgbImage {
  const ow = Math.max(1, Math.round(outWidth));
  const oh = Math.max(1, Math.round(outHeight));
  const out = Buffer.alloc(ow * oh * 3);
  const sx = region.w / ow;
  const sy = region.h / oh;
  if (sx > 2 || sy > 2) areaAverage(src, region, ow, oh, out);
  else bilinear(src, region, ow, oh, out);
  return { width: ow, height: oh, data: out };
}

/** Whole image to a new size. */
export function resizeImage(src: RgbImage, width: number, height: number): RgbImage {
  return resampleRegion(src, { x: 0, y: 0, w: src.width, h: src.height }, width, height);
}

/** Whole image scaled so its long side is `longSide` (aspect kept, even sizes not enforced). */
export function resizeLongSide(src: RgbImage, longSide: number): RgbImage {
  const s = longSide / Math.max(src.width, src.height);
  return resizeImage(src, Math.max(1, Math.round(src.width * s)), Math.max(1, Math.round(src.height * s)));
}

function bilinear(src: RgbImage, r: Box, ow: number, oh: number, out: Buffer): void {
  const { width: W, height: H, data } = src;
  // Per output column/row: the two source indices (clamped; -1 = black) and the weight of the second.
  const axis = (n: number, start: number, step: number, size: number) => {
    const i0 = new Int32Array(n);
    const i1 = new Int32Array(n);
    const w = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const f = start + (k + 0.5) * step - 0.5;
      const a = Math.floor(f);
      w[k] = f - a;
      i0[k] = edge(a, size);
      i1[k] = edge(a + 1, size);
    }
    return { i0, i1, w };
  };
  const X = axis(ow, r.x, r.w / ow, W);
  const Y = axis(oh, r.y, r.h / oh, H);
  // Separable: each source row an output row needs is first interpolated along x (once, however many output
  // rows use it: a face crop enlarges ~25 source rows to 336), then each output pixel between two such rows.
  const rowCache = new Map<number, Float32Array>();
  const alongX = (y: number): Float32Array => {
    let r = rowCache.get(y);
    if (r) return r;
    r = new Float32Array(ow * 3);
    if (y >= 0) {
      const row = y * W * 3;
      for (let i = 0, o = 0; i < ow; i++, o += 3) {
        const xa = X.i0[i]!, xb = X.i1[i]!, wx = X.w[i]!;
        const pa = xa >= 0 ? row + xa * 3 : -1, pb = xb >= 0 ? row + xb * 3 : -1;
        for (let c = 0; c < 3; c++) r[o + c] = (pa >= 0 ? data[pa + c]! * (1 - wx) : 0) + (pb >= 0 ? data[pb + c]! * wx : 0);
      }
    }
    rowCache.set(y, r);
    return r;
  };
  let o = 0;
  for (let j = 0; j < oh; j++) {
    const wy = Y.w[j]!;
    const top = alongX(Y.i0[j]!), bottom = alongX(Y.i1[j]!);
    for (let k = 0; k < ow * 3; k++) out[o++] = top[k]! * (1 - wy) + bottom[k]! * wy + 0.5;
  }
}

/** Edge pixels extend half a pixel past the border (so scaling a whole image has no dark rim); beyond is black (-1). */
function edge(i: number, size: number): number {
  if (i < -1 || i > size) return -1;
  return i < 0 ? 0 : i >= size ? size - 1 : i;
}

function areaAverage(src: RgbImage, r: Box, ow: number, oh: number, out: Buffer): void {
  const { width: W, height: H, data } = src;
  const sx = r.w / ow;
  const sy = r.h / oh;
  let o = 0;
  for (let j = 0; j < oh; j++) {
    const ya = Math.floor(r.y + j * sy);
    const yb = Math.max(ya + 1, Math.floor(r.y + (j + 1) * sy));
    for (let i = 0; i < ow; i++) {
      const xa = Math.floor(r.x + i * sx);
      const xb = Math.max(xa + 1, Math.floor(r.x + (i + 1) * sx));
      let s0 = 0, s1 = 0, s2 = 0;
      const n = (yb - ya) * (xb - xa);
      for (let y = ya; y < yb; y++) {
        if (y < 0 || y >= H) continue;
        const x0 = Math.max(0, xa);
        const x1 = Math.min(W, xb);
        let p = (y * W + x0) * 3;
        for (let x = x0; x < x1; x++) {
          s0 += data[p]!; s1 += data[p + 1]!; s2 += data[p + 2]!;
          p += 3;
        }
      }
      out[o++] = Math.round(s0 / n);
      out[o++] = Math.round(s1 / n);
      out[o++] = Math.round(s2 / n);
    }
  }
}
