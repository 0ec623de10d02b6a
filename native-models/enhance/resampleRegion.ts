/**
 * Resampling of packed rgb24 images: a region (fractional pixel box, may extend past the edges, which read as
 * black) to an output size. Bilinear when enlarging or mildly shrinking; box-averaged when shrinking by more
 * than 2x, so thin detail does not alias.
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
  // Column byte offsets (-1: black), so the inner loop only adds.
  const xa3 = new Int32Array(ow), xb3 = new Int32Array(ow);
  for (let i = 0; i < ow; i++) {
    xa3[i] = X.i0[i]! >= 0 ? X.i0[i]! * 3 : -1;
    xb3[i] = X.i1[i]! >= 0 ? X.i1[i]! * 3 : -1;
  }
  let o = 0;
  for (let j = 0; j < oh; j++) {
    const ya = Y.i0[j]!, yb = Y.i1[j]!, wy = Y.w[j]!;
    const rowA = ya >= 0 ? ya * W * 3 : -1, rowB = yb >= 0 ? yb * W * 3 : -1;
    for (let i = 0; i < ow; i++, o += 3) {
      const xa = xa3[i]!, xb = xb3[i]!, wx = X.w[i]!;
      const w00 = (1 - wx) * (1 - wy), w10 = wx * (1 - wy), w01 = (1 - wx) * wy, w11 = wx * wy;
      if (rowA >= 0 && rowB >= 0 && xa >= 0 && xb >= 0) {
        // All four neighbours inside (nearly every pixel): the same sum as below without the black terms.
        const p00 = rowA + xa, p10 = rowA + xb, p01 = rowB + xa, p11 = rowB + xb;
        out[o] = data[p00]! * w00 + data[p10]! * w10 + data[p01]! * w01 + data[p11]! * w11 + 0.5;
        out[o + 1] = data[p00 + 1]! * w00 + data[p10 + 1]! * w10 + data[p01 + 1]! * w01 + data[p11 + 1]! * w11 + 0.5;
        out[o + 2] = data[p00 + 2]! * w00 + data[p10 + 2]! * w10 + data[p01 + 2]! * w01 + data[p11 + 2]! * w11 + 0.5;
        continue;
      }
      const p00 = rowA >= 0 && xa >= 0 ? rowA + xa : -1;
      const p10 = rowA >= 0 && xb >= 0 ? rowA + xb : -1;
      const p01 = rowB >= 0 && xa >= 0 ? rowB + xa : -1;
      const p11 = rowB >= 0 && xb >= 0 ? rowB + xb : -1;
      for (let c = 0; c < 3; c++) {
        const v = (p00 >= 0 ? data[p00 + c]! * w00 : 0) + (p10 >= 0 ? data[p10 + c]! * w10 : 0)
          + (p01 >= 0 ? data[p01 + c]! * w01 : 0) + (p11 >= 0 ? data[p11 + c]! * w11 : 0);
        out[o + c] = v + 0.5;
      }
    }
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
