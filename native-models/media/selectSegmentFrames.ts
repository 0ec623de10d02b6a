import type { TimedFrame } from './frameTypes.ts';

/** The frames that fall in [startS, endS), thinned evenly to at most `maxFrames` (first and last kept). */
export function selectSegmentFrames<T extends Pick<TimedFrame, 'tS'>>(frames: readonly T[], startS: number, endS: number, maxFrames: number): T[] {
  const inside = frames.filter((f) => f.tS >= startS - 1e-6 && f.tS < endS - 1e-6);
  if (inside.length <= maxFrames) return inside;
  if (maxFrames <= 1) return inside.slice(0, Math.max(0, maxFrames));
  const out: T[] = [];
  for (let i = 0; i < maxFrames; i++) out.push(inside[Math.round((i * (inside.length - 1)) / (maxFrames - 1))]!);
  return out;
}
