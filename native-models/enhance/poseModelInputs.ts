/**
 * Input tensors of the pose and person models, computed in plain JS from an rgb24 frame so that either runtime
 * (onnxruntime-node or TF.js) gets the same numbers. The arithmetic follows the TF ops the models were used
 * with: `tf.image.cropAndResize` (bilinear, black outside the frame) for MoveNet's square crop, and
 * `tf.image.resizeBilinear` (no corner alignment, no half-pixel centres) for CenterNet's whole-frame input.
 * Both read the frame through an upright view (uprightView.ts): with the patient lying across or upside down
 * the models see the frame turned upright, at no extra cost (only the strides of the pixel reads change, and
 * the numbers are those of the turned frame, bit for bit).
 */
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box } from './poseTypes.ts';
import { type Orientation, uprightView } from './uprightView.ts';

/**
 * MoveNet input: the square `sq` (pixels of the upright picture, may extend past it) resampled to size x
 * size, with everything outside `visible` blacked out, as int32 NHWC [1, size, size, 3].
 */
export function moveNetInput(frame: RgbImage, sq: Box, visible: Box, size: number, orientation: Orientation = 0): Int32Array {
  const { width: W, height: H, data, origin, du, dv } = uprightView(frame, orientation);
  const out = new Int32Array(size * size * 3);
  const step = size > 1 ? 1 / (size - 1) : 0;
  const c0 = Math.max(0, Math.floor(((visible.x - sq.x) / sq.w) * size));
  const c1 = Math.min(size, Math.ceil(((visible.x + visible.w - sq.x) / sq.w) * size));
  const r0 = Math.max(0, Math.floor(((visible.y - sq.y) / sq.h) * size));
  const r1 = Math.min(size, Math.ceil(((visible.y + visible.h - sq.y) / sq.h) * size));
  // Per output column: byte offsets of the two source columns and the weight; outside the picture: black.
  const x0 = new Int32Array(size), x1 = new Int32Array(size), xw = new Float32Array(size), inside = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const fx = sq.x + i * sq.w * step;
    if (fx < 0 || fx > W - 1) continue;
    const a = Math.floor(fx);
    inside[i] = 1;
    x0[i] = a * du;
    x1[i] = Math.ceil(fx) * du;
    xw[i] = fx - a;
  }
  for (let r = r0; r < r1; r++) {
    const fy = sq.y + r * sq.h * step;
    if (fy < 0 || fy > H - 1) continue;
    const ya = Math.floor(fy), yb = Math.ceil(fy), wy = fy - ya;
    const rowA = origin + ya * dv, rowB = origin + yb * dv;
    for (let i = c0, o = (r * size + c0) * 3; i < c1; i++, o += 3) {
      if (!inside[i]) continue;
      const a = x0[i]!;
      const b = x1[i]!, wx = xw[i]!;
      // TF's order: top row, bottom row, then between them; the int32 store truncates like TF's cast.
      for (let c = 0; c < 3; c++) {
        const tl = data[rowA + a + c]!, bl = data[rowB + a + c]!;
        const top = tl + (data[rowA + b + c]! - tl) * wx;
        const bottom = bl + (data[rowB + b + c]! - bl) * wx;
        out[o + c] = top + (bottom - top) * wy;
      }
    }
  }
  return out;
}

/** CenterNet input: the whole upright picture resized to size x size, float32 NHWC [1, size, size, 3] in 0..255. */
export function centerNetInput(frame: RgbImage, size: number, orientation: Orientation = 0): Float32Array {
  const { width: W, height: H, data, origin, du, dv } = uprightView(frame, orientation);
  const out = new Float32Array(size * size * 3);
  const sx = W / size, sy = H / size;
  const x0 = new Int32Array(size), x1 = new Int32Array(size), xw = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const fx = i * sx;
    const a = Math.floor(fx);
    x0[i] = a * du;
    x1[i] = Math.min(W - 1, Math.ceil(fx)) * du;
    xw[i] = fx - a;
  }
  for (let r = 0, o = 0; r < size; r++) {
    const fy = r * sy;
    const ya = Math.floor(fy), yb = Math.min(H - 1, Math.ceil(fy)), wy = fy - ya;
    const rowA = origin + ya * dv, rowB = origin + yb * dv;
    for (let i = 0; i < size; i++, o += 3) {
      const a = x0[i]!, b = x1[i]!, wx = xw[i]!;
      for (let c = 0; c < 3; c++) {
        const tl = data[rowA + a + c]!, bl = data[rowB + a + c]!;
        const top = tl + (data[rowA + b + c]! - tl) * wx;
        const bottom = bl + (data[rowB + b + c]! - bl) * wx;
        out[o + c] = top + (bottom - top) * wy;
      }
    }
  }
  return out;
}
