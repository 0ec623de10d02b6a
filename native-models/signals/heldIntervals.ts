/**
 * Runs of samples where a condition holds (a posture held, the head turned, an arm moving) as intervals, with
 * short breaks bridged and a minimum (and optional maximum) duration. The building block of the posture signs.
 */

/** Breaks in a held condition up to this long are bridged (s). Our heuristic: a frame or two of jitter. */
export const HOLD_GAP_S = 0.4;

export interface HeldInterval { startS: number; endS: number; i0: number; i1: number }

export function heldIntervals(
  holds: ArrayLike<boolean>, startS: number, rateHz: number, minS: number, maxS = Infinity,
): HeldInterval[] {
  const out: HeldInterval[] = [];
  const maxGap = Math.round(HOLD_GAP_S * rateHz);
  let a = -1, last = -1;
  const close = () => {
    if (a < 0) return;
    const s = startS + a / rateHz, e = startS + last / rateHz;
    if (e - s >= minS - 1e-9 && e - s <= maxS + 1e-9) out.push({ startS: r2(s), endS: r2(e), i0: a, i1: last });
  };
  for (let i = 0; i < holds.length; i++) {
    if (!holds[i]) continue;
    if (a >= 0 && i - last - 1 <= maxGap) { last = i; continue; }
    close();
    a = i; last = i;
  }
  close();
  return out;
}

const r2 = (v: number) => Math.round(v * 100) / 100;
