/**
 * The player's speeds for J / K / L. An HTML video cannot play backwards, so J is "slower" (down to 0.25x),
 * not reverse; L is "faster" (up to 2x) and, from pause, plays at 1x; K pauses.
 */

export const RATES = [0.25, 0.5, 1, 1.5, 2] as const;

/** The index of the listed rate nearest to `rate` (a rate set elsewhere still steps sensibly). */
function nearest(rate: number): number {
  let best = 0;
  for (let i = 1; i < RATES.length; i++) if (Math.abs(RATES[i]! - rate) < Math.abs(RATES[best]! - rate)) best = i;
  return best;
}

/** J: one listed rate slower, never below 0.25x. */
export function slower(rate: number): number {
  return RATES[Math.max(0, nearest(rate) - 1)]!;
}

/** L: from pause 1x; playing, one listed rate faster, never above 2x. */
export function faster(rate: number, paused: boolean): number {
  if (paused) return 1;
  return RATES[Math.min(RATES.length - 1, nearest(rate) + 1)]!;
}

/** The speed as the player shows it: "0.25x", "1x", "1.5x". */
export function rateLabel(rate: number): string {
  return `${Number(rate.toFixed(2))}x`;
}
