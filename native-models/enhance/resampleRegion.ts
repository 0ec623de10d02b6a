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
  const sx = r.w / ow;
  const sy = r.h / oh;
  let o = 0;
  for (let j = 0; j < oh; j++) {
    const fy = r.y + (j + 0.5) * sy - 0.5;
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    for (let i = 0; i < ow; i++) {
      const fx = r.x + (i + 0.5) * sx - 0.5;
      const x0 = Math.floor(fx);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const p00 = px(data, W, H, x0, y0, c);
        const p10 = px(data, W, H, x0 + 1, y0, c);
        const p01 = px(data, W, H, x0, y0 + 1, c);
        const p11 = px(data, W, H, x0 + 1, y0 + 1, c);
        const top = p00 + (p10 - p00) * wx;
        const bot = p01 + (p11 - p01) * wx;
        out[o++] = Math.round(top + (bot - top) * wy);
      }
    }
  }
}

/** Edge pixels extend half a pixel past the border (so scaling a whole image has no dark rim); beyond is black. */
function px(data: Buffer, W: number, H: number, x: number, y: number, c: number): number {
  if (x < -1 || y < -1 || x > W || y > H) return 0;
  const cx = x < 0 ? 0 : x >= W ? W - 1 : x;
  const cy = y < 0 ? 0 : y >= H ? H - 1 : y;
  return data[(cy * W + cx) * 3 + c] ?? 0;
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
