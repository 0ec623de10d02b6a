/**
 * The `crop` variant's image: the face region cut out of a frame and scaled so its long side is
 * `outLongSide` px. The box is moved (not shrunk) to lie inside the frame where it fits; what still falls
 * outside reads as black.
 */
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box } from './poseTypes.ts';
import { resampleRegion } from './resampleRegion.ts';

/** `box` is in the frame's pixels. */
export function cropFace(frame: RgbImage, box: Box, outLongSide: number): RgbImage {
  const b = fitInside(box, frame.width, frame.height);
  const scale = outLongSide / Math.max(b.w, b.h);
  return resampleRegion(frame, b, Math.max(1, Math.round(b.w * scale)), Math.max(1, Math.round(b.h * scale)));
}

/** Shift a box into [0,W]x[0,H] where it fits; centre it on an axis where it is larger than the image. */
export function fitInside(box: Box, W: number, H: number): Box {
  const w = Math.max(1, box.w);
  const h = Math.max(1, box.h);
  const x = w >= W ? (W - w) / 2 : Math.min(Math.max(box.x, 0), W - w);
  const y = h >= H ? (H - h) / 2 : Math.min(Math.max(box.y, 0), H - h);
  return { x, y, w, h };
}
