/**
 * The patient's orientation in the picture, and the frame seen with the patient turned upright. An EMU camera
 * often shows the patient lying across the image or upside down, and the pose models (CenterNet, MoveNet) find
 * only people standing roughly upright. The models therefore read the frame through an `UprightView`: the same
 * pixels addressed as if the frame had been turned, so nothing is copied (the model inputs are sampled through
 * it, poseModelInputs.ts), and what they find is mapped back to the frame's own pixels with `toFramePoint` /
 * `toFrameBox`, so everything after the models (tracking, keypoint cache, face crop, overlays, analysis.json,
 * the signals layer) works in the frame's coordinates whatever the orientation.
 *
 * Coordinates are pixel indices (pixel i has its centre at i), as the models' inputs are sampled: a quarter
 * turn then maps the pixel grid onto itself exactly.
 */
import { PATIENT_ORIENTATIONS, type PatientOrientation } from '../contract/analysisSettings.ts';
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box, Keypoint } from './poseTypes.ts';

/**
 * How far the patient is turned clockwise from upright in the picture: head at the top 0, head to the right
 * 90, head at the bottom 180, head to the left 270 (defined by the settings contract). The picture's own
 * rotation metadata is applied when the video is decoded; this is the patient's lie in the picture as shown.
 */
export type Orientation = PatientOrientation;
export const ORIENTATIONS: readonly Orientation[] = PATIENT_ORIENTATIONS;

export function isOrientation(v: unknown): v is Orientation {
  return (PATIENT_ORIENTATIONS as readonly unknown[]).includes(v);
}

/**
 * An rgb24 frame read as the upright picture: `width` x `height` upright pixels, upright pixel (u, v) at byte
 * `origin + u * du + v * dv` of `data` (its red byte; green and blue follow).
 */
export interface UprightView {
  width: number;
  height: number;
  data: Uint8Array;
  origin: number;
  du: number;
  dv: number;
}

/** Size of the upright picture of a `width` x `height` frame. */
export function uprightSize(width: number, height: number, o: Orientation): { width: number; height: number } {
  return o === 90 || o === 270 ? { width: height, height: width } : { width, height };
}

export function uprightView(frame: RgbImage, o: Orientation): UprightView {
  const { width: W, height: H, data } = frame;
  const row = 3 * W;
  switch (o) {
    case 0: return { width: W, height: H, data, origin: 0, du: 3, dv: row };
    // Upright (u, v) is frame (W-1-v, u): the head (small v) to the right.
    case 90: return { width: H, height: W, data, origin: 3 * (W - 1), du: row, dv: -3 };
    case 180: return { width: W, height: H, data, origin: row * (H - 1) + 3 * (W - 1), du: -3, dv: -row };
    // Upright (u, v) is frame (v, H-1-u): the head to the left.
    case 270: return { width: H, height: W, data, origin: row * (H - 1), du: -row, dv: 3 };
  }
}

/** A point of the upright picture of a `width` x `height` frame, in the frame's pixels. */
export function toFramePoint(p: { x: number; y: number }, o: Orientation, width: number, height: number): { x: number; y: number } {
  switch (o) {
    case 0: return { x: p.x, y: p.y };
    case 90: return { x: width - 1 - p.y, y: p.x };
    case 180: return { x: width - 1 - p.x, y: height - 1 - p.y };
    case 270: return { x: p.y, y: height - 1 - p.x };
  }
}

/** A point of a `width` x `height` frame in its upright picture's pixels (the inverse of toFramePoint). */
export function toUprightPoint(p: { x: number; y: number }, o: Orientation, width: number, height: number): { x: number; y: number } {
  switch (o) {
    case 0: return { x: p.x, y: p.y };
    case 90: return { x: p.y, y: width - 1 - p.x };
    case 180: return { x: width - 1 - p.x, y: height - 1 - p.y };
    case 270: return { x: height - 1 - p.y, y: p.x };
  }
}

/** The box spanned by two mapped corners. */
function spanned(a: { x: number; y: number }, b: { x: number; y: number }): Box {
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** A box of the upright picture in the frame's pixels (a square stays a square of the same side). */
export function toFrameBox(b: Box, o: Orientation, width: number, height: number): Box {
  if (o === 0) return { ...b };
  return spanned(toFramePoint(b, o, width, height), toFramePoint({ x: b.x + b.w, y: b.y + b.h }, o, width, height));
}

/** A box of the frame in its upright picture's pixels. */
export function toUprightBox(b: Box, o: Orientation, width: number, height: number): Box {
  if (o === 0) return { ...b };
  return spanned(toUprightPoint(b, o, width, height), toUprightPoint({ x: b.x + b.w, y: b.y + b.h }, o, width, height));
}

/** Keypoints found in the upright picture, in the frame's pixels (names and scores kept). */
export function toFrameKeypoints(keypoints: readonly Keypoint[], o: Orientation, width: number, height: number): Keypoint[] {
  return keypoints.map((k) => ({ ...k, ...toFramePoint(k, o, width, height) }));
}
