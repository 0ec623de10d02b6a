/**
 * Zoom and pan of the review video, as pure math. The view is a uniform scale (1x-8x) and a translation,
 * applied with `transform-origin: 0 0` to one wrapper holding both the <video> and the overlay canvas, so
 * the skeleton stays on the body: a point p of the wrapper shows at `scale * p + t`. Everything is in
 * fractions of the frame (the stage), per axis, so a resized stage keeps the same view and the CSS uses
 * percentages (a translate percentage is of the wrapper's own size, which is the stage's).
 */
import { containBox, type ContentBox } from './overlayGeometry.ts';

export interface View {
  scale: number;
  /** Translation as a fraction of the frame's width / height. */
  x: number;
  y: number;
}

export const IDENTITY: View = { scale: 1, x: 0, y: 0 };
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
/** One key press or button click zooms by this factor (three presses: about 2x). */
export const ZOOM_STEP = 2 ** (1 / 3);
/** Frame fraction moved by one pan key press, in shown-picture terms. */
export const PAN_STEP = 0.1;

/** The whole frame as the picture (no letterboxing). */
const FULL: ContentBox = { x: 0, y: 0, w: 1, h: 1 };

/** The picture's box inside the frame as fractions of it (object-fit: contain of a `vw x vh` video). */
export function contentFraction(frameW: number, frameH: number, vw: number, vh: number): ContentBox {
  const b = containBox(frameW, frameH, vw, vh);
  if (b.w <= 0 || b.h <= 0) return FULL;
  return { x: b.x / frameW, y: b.y / frameH, w: b.w / frameW, h: b.h / frameH };
}

/**
 * One axis: the picture spans [start, start + size] of a frame of size 1 before the view. At 1x it sits where
 * object-fit put it; zoomed, it either stays inside the frame (while smaller than it: letterboxed axis) or
 * covers it (larger), so the point under the pointer stays put wherever the clamp allows.
 */
function clampAxis(t: number, scale: number, start: number, size: number): number {
  if (scale <= MIN_ZOOM) return 0;
  const a = -scale * start;
  const b = 1 - scale * (start + size);
  return Math.min(Math.max(a, b), Math.max(Math.min(a, b), t));
}

/** The view with the scale within 1x-8x and the picture never leaving the frame (see clampAxis). */
export function clampView(v: View, content: ContentBox = FULL): View {
  const scale = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(v.scale) ? v.scale : 1));
  const x = clampAxis(Number.isFinite(v.x) ? v.x : 0, scale, content.x, content.w);
  const y = clampAxis(Number.isFinite(v.y) ? v.y : 0, scale, content.y, content.h);
  return { scale, x: x + 0, y: y + 0 };
}

/** Zoom by `factor` keeping the point under `at` (frame fractions) where it is. */
export function zoomAt(v: View, at: { x: number; y: number }, factor: number, content: ContentBox = FULL): View {
  const scale = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.scale * factor));
  // The wrapper point under `at`, before and after: (at - t) / s stays put.
  const px = (at.x - v.x) / v.scale;
  const py = (at.y - v.y) / v.scale;
  return clampView({ scale, x: at.x - scale * px, y: at.y - scale * py }, content);
}

/** Move the picture by `dx, dy` frame fractions (a drag to the right moves the picture right). */
export function pan(v: View, dx: number, dy: number, content: ContentBox = FULL): View {
  return clampView({ scale: v.scale, x: v.x + dx, y: v.y + dy }, content);
}

/** The CSS transform of the wrapper (with `transform-origin: 0 0`). */
export function toCss(v: View): string {
  if (v.scale === 1 && v.x === 0 && v.y === 0) return 'none';
  const n = (a: number) => Number(a.toFixed(6));
  return `translate(${n(v.x * 100)}%, ${n(v.y * 100)}%) scale(${n(v.scale)})`;
}

/** Where a box in wrapper pixels shows on the frame under the view (to draw an overlay outside the wrapper). */
export function viewBox(box: ContentBox, v: View, frameW: number, frameH: number): ContentBox {
  return { x: v.scale * box.x + v.x * frameW, y: v.scale * box.y + v.y * frameH, w: v.scale * box.w, h: v.scale * box.h };
}

/** The zoom as the player shows it: "2.0x". */
export function zoomLabel(v: View): string {
  return `${v.scale.toFixed(1)}x`;
}

/** A wheel event's zoom factor: a notch (100 px) zooms about 1.2x, up is in; lines and pages scaled to pixels. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaY * (deltaMode === 1 ? 40 : deltaMode === 2 ? 800 : 1);
  return Math.exp(-Math.max(-300, Math.min(300, px)) * 0.0018);
}
