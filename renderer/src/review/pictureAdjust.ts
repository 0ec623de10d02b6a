/**
 * Brightness and contrast of the review video (night video in an EMU is dim): percentages within fixed
 * ranges, stepped by keys and buttons, applied as a CSS filter on the <video> only, never on the overlay.
 */

export interface Picture {
  /** Percent: 100 is the video as recorded. */
  brightness: number;
  contrast: number;
}

export interface Range {
  min: number;
  max: number;
  step: number;
}

export const NEUTRAL: Picture = { brightness: 100, contrast: 100 };
export const BRIGHTNESS: Range = { min: 50, max: 300, step: 25 };
export const CONTRAST: Range = { min: 50, max: 200, step: 25 };

/** A value within the range, snapped to its steps. */
export function clampTo(value: number, r: Range): number {
  if (!Number.isFinite(value)) return 100;
  const snapped = r.min + Math.round((value - r.min) / r.step) * r.step;
  return Math.min(r.max, Math.max(r.min, snapped));
}

/** One step up (`+1`) or down (`-1`) of brightness or contrast. */
export function stepPicture(p: Picture, which: keyof Picture, by: number): Picture {
  const r = which === 'brightness' ? BRIGHTNESS : CONTRAST;
  return { ...p, [which]: clampTo(p[which] + by * r.step, r) };
}

/** The CSS filter for the video: 'none' when neutral. */
export function pictureFilter(p: Picture): string {
  const parts: string[] = [];
  if (p.brightness !== 100) parts.push(`brightness(${p.brightness / 100})`);
  if (p.contrast !== 100) parts.push(`contrast(${p.contrast / 100})`);
  return parts.length ? parts.join(' ') : 'none';
}

export function isNeutral(p: Picture): boolean {
  return p.brightness === 100 && p.contrast === 100;
}
