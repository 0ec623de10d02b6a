/**
 * Input tensors of the pose and person models, computed in plain JS from an rgb24 frame so that either runtime
 * (onnxruntime-node or TF.js) gets the same numbers. The arithmetic follows the TF ops the models were used
 * with: `tf.image.cropAndResize` (bilinear, black outside the frame) for MoveNet's square crop, and
 * `tf.image.resizeBilinear` (no corner alignment, no half-pixel centres) for CenterNet's whole-frame input.
 */
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box } from './poseTypes.ts';

/**
 * MoveNet input: the square `sq` (frame pixels, may extend past the frame) resampled to size x size, with
 * everything outside `visible` blacked out, as int32 NHWC [1, size, size, 3].
 */
export function moveNetInput(frame: RgbImage, sq: Box, visible: Box, size: number): Int32Array {
  const { width: W, height: H, data } = frame;
  const out = new Int32Array(size * size * 3);
  const step = size > 1 ? 1 / (size - 1) : 0;
  const c0 = Math.max(0, Math.floor(((visible.x - sq.x) / sq.w) * size));
  const c1 = Math.min(size, Math.ceil(((visible.x + visible.w - sq.x) / sq.w) * size));
  const r0 = Math.max(0, Math.floor(((visible.y - sq.y) / sq.h) * size));
  const r1 = Math.min(size, Math.ceil(((visible.y + visible.h - sq.y) / sq.h) * size));
  // Per output column: source columns and weight; -1 = outside the frame (black).
  const x0 = new Int32Array(size), x1 = new Int32Array(size), xw = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const fx = sq.x + i * sq.w * step;
    if (fx < 0 || fx > W - 1) { x0[i] = -1; continue; }
    x0[i] = Math.floor(fx);
    x1[i] = Math.ceil(fx);
    xw[i] = fx - x0[i]!;
  }
  for (let r = r0; r < r1; r++) {
    const fy = sq.y + r * sq.h * step;
    if (fy < 0 || fy > H - 1) continue;
    const ya = Math.floor(fy), yb = Math.ceil(fy), wy = fy - ya;
    const rowA = ya * W * 3, rowB = yb * W * 3;
    for (let i = c0; i < c1; i++) {
      if (x0[i]! < 0) continue;
      blend(data, rowA + x0[i]! * 3, rowA + x1[i]! * 3, rowB + x0[i]! * 3, rowB + x1[i]! * 3, xw[i]!, wy, out, (r * size + i) * 3);
    }
  }
  return out;
}

/** CenterNet input: the whole frame resized to size x size, float32 NHWC [1, size, size, 3] in 0..255. */
export function centerNetInput(frame: RgbImage, size: number): Float32Array {
  const { width: W, height: H, data } = frame;
  const out = new Float32Array(size * size * 3);
  const sx = W / size, sy = H / size;
  const x0 = new Int32Array(size), x1 = new Int32Array(size), xw = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const fx = i * sx;
    x0[i] = Math.floor(fx);
    x1[i] = Math.min(W - 1, Math.ceil(fx));
    xw[i] = fx - x0[i]!;
  }
  for (let r = 0; r < size; r++) {
    const fy = r * sy;
    const ya = Math.floor(fy), yb = Math.min(H - 1, Math.ceil(fy)), wy = fy - ya;
    const rowA = ya * W * 3, rowB = yb * W * 3;
    for (let i = 0; i < size; i++) {
      blend(data, rowA + x0[i]! * 3, rowA + x1[i]! * 3, rowB + x0[i]! * 3, rowB + x1[i]! * 3, xw[i]!, wy, out, (r * size + i) * 3);
    }
  }
  return out;
}

/**
 * One rgb pixel interpolated from four source pixels (byte offsets), top row first then bottom, as TF does;
 * an Int32Array output truncates like TF's cast to int32.
 */
function blend(data: Uint8Array, tl: number, tr: number, bl: number, br: number, wx: number, wy: number, out: Int32Array | Float32Array, o: number): void {
  for (let c = 0; c < 3; c++) {
    const top = data[tl + c]! + (data[tr + c]! - data[tl + c]!) * wx;
    const bottom = data[bl + c]! + (data[br + c]! - data[bl + c]!) * wx;
    out[o + c] = top + (bottom - top) * wy;
  }
}
