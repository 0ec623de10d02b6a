/**
 * Runs of rhythmic windows as intervals: consecutive rhythmic windows (one missing window tolerated) that keep
 * their frequency make a core (unscored windows, where keypoints were missing for up to ~2 s, are bridged); a
 * core counts only when it spans windows that share no data, so the rhythm was seen twice, independently, at
 * the same frequency: a real rhythm keeps its frequency from window to window, a noise peak jumps or fades.
 * Onset and offset are then placed on the movement envelope, where it crosses a share of its level in the
 * core, which is finer than the 3 s window. The interval carries the median frequency and its linear trend.
 */
import { RHYTHM_WINDOW_S, type RhythmWindow } from './shortTimeRhythm.ts';
import { median } from './keypointTracks.ts';

/** At least this many rhythmic windows (0.5 s apart) make an interval: ~2 s of rhythm. Our heuristic. */
export const MIN_RHYTHMIC_WINDOWS = 3;
/**
 * A run's first and last rhythmic windows must be at least this far apart (s): one window length, so they
 * share no samples. Our heuristic, measured on the bench's stand-in recording (a photo drifting on a grey
 * room, real MoveNet): with the window test reduced to amplitude and drift, 10 rhythm signs outside the
 * scripted shake, 0 with this rule; with the prominence test also 0 (two independent guards).
 */
export const MIN_RUN_SPAN_S = RHYTHM_WINDOW_S;
/**
 * Largest frequency change between consecutive rhythmic windows of a run (Hz per window step, 0.5 s), so that
 * the windows MIN_RUN_SPAN_S apart saw the same rhythm. Our heuristic: clonic jerks slow over seconds (the
 * 4 -> 1.5 Hz of the tests in 20 s is 0.06 Hz a step) and a 3 s window's refined peak is good to ~0.1 Hz.
 * On the bench recording it changed no count by itself (the span rule did the work).
 */
export const MAX_FREQ_STEP_HZ = 0.3;
/** Non-rhythmic windows tolerated inside a run. Our heuristic. */
export const MAX_WINDOW_GAP = 1;
/**
 * Unscored windows (too little valid data) bridged inside a run: 10 windows at 0.5 s are what ~2 s of missing
 * keypoints leave unscored with 3 s windows. Our heuristic. (Care-intervention spans are cut out afterwards.)
 */
export const MAX_UNSCORED_GAP = 10;
/** Onset/offset where the envelope falls under this share of its median in the core. Our heuristic. */
export const ENVELOPE_EDGE_FRACTION = 0.2;

export interface RhythmicInterval {
  startS: number;
  endS: number;
  windows: RhythmWindow[];
  frequencyHz: number;
  frequencyTrendHzPerS: number;
  amplitude: number;
  /** Median prominence of the rhythmic windows. */
  prominence: number;
  /** Rhythmic windows over all windows between the first and last rhythmic one. */
  coverage: number;
}

export function rhythmicIntervals(windows: readonly RhythmWindow[], envelope: Float64Array, startS: number, rateHz: number): RhythmicInterval[] {
  const runs: Array<[number, number]> = [];
  let a = -1, last = -1;
  windows.forEach((w, i) => {
    if (!w.rhythmic) return;
    const between = windows.slice(last + 1, i);
    const bridged = between.filter((x) => x.scored).length <= MAX_WINDOW_GAP && between.filter((x) => !x.scored).length <= MAX_UNSCORED_GAP;
    const steady = a >= 0 && Math.abs(w.frequencyHz! - windows[last]!.frequencyHz!) <= MAX_FREQ_STEP_HZ * (i - last);
    if (a >= 0 && bridged && steady) { last = i; return; }
    if (a >= 0) runs.push([a, last]);
    a = i; last = i;
  });
  if (a >= 0) runs.push([a, last]);
  const out: RhythmicInterval[] = [];
  for (const [i0, i1] of runs) {
    const span = windows.slice(i0, i1 + 1);
    const rhythmic = span.filter((w) => w.rhythmic);
    const c0 = span[0]!.centreS, c1 = span[span.length - 1]!.centreS;
    if (rhythmic.length < MIN_RHYTHMIC_WINDOWS || c1 - c0 < MIN_RUN_SPAN_S - 1e-9) continue;
    const [on, off] = placeEdges(envelope, startS, rateHz, c0, c1, c0 - RHYTHM_WINDOW_S / 2, c1 + RHYTHM_WINDOW_S / 2);
    const freqs = rhythmic.map((w) => w.frequencyHz!);
    out.push({
      startS: on, endS: off, windows: span,
      frequencyHz: median(freqs)!,
      frequencyTrendHzPerS: slope(rhythmic.map((w) => w.centreS), freqs),
      amplitude: median(rhythmic.map((w) => w.amplitude))!,
      prominence: median(rhythmic.map((w) => w.prominence))!,
      coverage: rhythmic.length / Math.max(1, span.filter((w) => w.scored).length),
    });
  }
  return out;
}

/**
 * Onset and offset around a core [c0, c1] (seconds) within [lo, hi]: from each end of the core, outwards while
 * the envelope stays above the edge level, or inwards to where it first reaches it.
 */
export function placeEdges(envelope: Float64Array, startS: number, rateHz: number, c0: number, c1: number, lo: number, hi: number): [number, number] {
  const idx = (t: number) => Math.min(envelope.length - 1, Math.max(0, Math.round((t - startS) * rateHz)));
  const i0 = idx(c0), i1 = idx(c1), iLo = idx(lo), iHi = idx(hi);
  const core: number[] = [];
  for (let i = i0; i <= i1; i++) if (Number.isFinite(envelope[i]!)) core.push(envelope[i]!);
  const level = (median(core) ?? 0) * ENVELOPE_EDGE_FRACTION;
  const above = (i: number) => Number.isFinite(envelope[i]!) && envelope[i]! >= level;
  let s = i0;
  if (above(s)) while (s - 1 >= iLo && above(s - 1)) s--;
  else while (s < i1 && !above(s)) s++;
  let e = i1;
  if (above(e)) while (e + 1 <= iHi && above(e + 1)) e++;
  else while (e > s && !above(e)) e--;
  const t = (i: number) => Math.max(0, Math.round((startS + i / rateHz) * 100) / 100);
  return [t(s), t(e)];
}

/** Least-squares slope of y over x (0 for fewer than two points). */
export function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) { num += (x[i]! - mx) * (y[i]! - my); den += (x[i]! - mx) ** 2; }
  return den > 0 ? num / den : 0;
}
