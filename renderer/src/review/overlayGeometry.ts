/**
 * Where a point of the analysis (keypoints and face boxes, in pixels of the frames the engine decoded) lands
 * on the overlay canvas. The engine decodes with ffmpeg, which applies the container's rotation, so its frames
 * are upright and `recording.width/height` are the display size after rotation; the browser shows the video
 * upright too. `frameSize` answers the size of the frame the points were measured on for each rotation, and
 * `toCanvas` maps through the video element's letterboxed (object-fit: contain) content box.
 * `fitCanvas` sizes a canvas (the overlay, the fast-seek still) to its box at the screen's pixel ratio.
 */

export type Rotation = 0 | 90 | 180 | 270;

export interface ContentBox {
  /** Offset and size of the picture inside the element (letterboxing removed), in CSS pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The picture's box inside an element of size `elW x elH` showing a `vw x vh` video with object-fit: contain. */
export function containBox(elW: number, elH: number, vw: number, vh: number): ContentBox {
  if (vw <= 0 || vh <= 0 || elW <= 0 || elH <= 0) return { x: 0, y: 0, w: 0, h: 0 };
  const s = Math.min(elW / vw, elH / vh);
  const w = vw * s;
  const h = vh * s;
  return { x: (elW - w) / 2, y: (elH - h) / 2, w, h };
}

/**
 * The coordinate space of the points: the upright display frame (width x height as analysis.json records
 * them, already swapped for 90 / 270). `pointsUpright` false means the points were measured on the stored,
 * unrotated picture: they are then turned by `rotation` clockwise into the upright frame.
 */
export function uprightPoint(x: number, y: number, rotation: Rotation, displayW: number, displayH: number, pointsUpright = true): { x: number; y: number } {
  if (pointsUpright || rotation === 0) return { x, y };
  if (rotation === 90) return { x: displayW - y, y: x };
  if (rotation === 180) return { x: displayW - x, y: displayH - y };
  return { x: y, y: displayH - x };
}

/** A point in display pixels onto the canvas, through the content box. */
export function toCanvas(x: number, y: number, displayW: number, displayH: number, box: ContentBox): { x: number; y: number } {
  return { x: box.x + (x / displayW) * box.w, y: box.y + (y / displayH) * box.h };
}

/** Sizes a canvas's drawing buffer to its CSS box at the screen's pixel ratio; answers its context and size (null without a 2D context). */
export function fitCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; w: number; h: number } | null {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(canvas.clientWidth * dpr);
  const h = Math.round(canvas.clientHeight * dpr);
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const ctx = canvas.getContext('2d');
  return ctx ? { ctx, w, h } : null;
}
