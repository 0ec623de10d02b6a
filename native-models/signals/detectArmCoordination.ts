/**
 * Both arms at once: arms_move_simultaneously where both arms move (faster than a still person's jitter, or
 * rhythmically) for >= 2 s together, with the onset difference between them; asynchronous_movement where, in
 * that overlap, their rhythms differ in frequency or are not phase-locked, or only one of them is rhythmic.
 * Phase locking is the mean resultant length of the phase difference at the common frequency over the windows
 * (1 = locked), each wrist's movement projected on its main axis.
 */
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { heldIntervals } from './heldIntervals.ts';
import { median } from './keypointTracks.ts';
import { dft, prepareWindow, rhythmGrid, RHYTHM_WINDOW_S } from './shortTimeRhythm.ts';
import { clamp01, patientSegment, r2, rhythmicMask, type SignalContext } from './signalContext.ts';

/** An arm "moves" above this RMS speed (torso lengths/s). Our heuristic: ~3x MoveNet's jitter on a still person. */
export const ARM_ACTIVE_MIN_MOTION = 0.25;
/** Shortest stretch of arm movement that counts (s). Our heuristic. */
export const ARM_ACTIVE_MIN_S = 1;
/** Both arms moving together at least this long (s). Our heuristic. */
export const SIMULTANEOUS_MIN_S = 2;
/** Rhythms further apart than this (Hz) are not one rhythm. Our heuristic, ~the spectral resolution of a 3 s window's refined peak. */
export const SYNC_MAX_FREQ_DIFF_HZ = 0.3;
/** Phase locking under this is not synchronous. Our heuristic. */
export const SYNC_MIN_PHASE_LOCKING = 0.6;
/** Windows with both arms rhythmic needed to judge synchrony. Our heuristic. */
export const SYNC_MIN_WINDOWS = 3;

export function detectArmCoordination(ctx: SignalContext): MeasuredSign[] {
  const t = ctx.tracks;
  const active = (seg: 'left_arm' | 'right_arm') => heldIntervals(
    rhythmicMask(ctx, seg).map((rhythmic, i) => rhythmic || ctx.motion[seg][i]! >= ARM_ACTIVE_MIN_MOTION),
    t.startS, t.rateHz, ARM_ACTIVE_MIN_S);
  const L = active('left_arm'), R = active('right_arm');
  const segments = [patientSegment(ctx, 'left_arm'), patientSegment(ctx, 'right_arm')].sort();
  const out: MeasuredSign[] = [];
  for (const l of L) for (const r of R) {
    const s = Math.max(l.startS, r.startS), e = Math.min(l.endS, r.endS);
    if (e - s < SIMULTANEOUS_MIN_S) continue;
    const overlap = e - s;
    const wl = ctx.rhythm.left_arm.filter((w) => w.centreS >= s && w.centreS <= e);
    const wr = ctx.rhythm.right_arm.filter((w) => w.centreS >= s && w.centreS <= e);
    const both = wl.map((w, k) => [w, wr[k]!] as const).filter(([a, b]) => a.rhythmic && b?.rhythmic);
    const measures: Record<string, number> = { onsetDifferenceS: r2(Math.abs(l.startS - r.startS)), overlapS: r2(overlap) };
    let asynchronous = false, asyncEvidence = 0;
    if (both.length >= SYNC_MIN_WINDOWS) {
      const df = median(both.map(([a, b]) => Math.abs(a.frequencyHz! - b.frequencyHz!)))!;
      const plv = phaseLocking(ctx, both.map(([a, b]) => ({ centreS: a.centreS, f: (a.frequencyHz! + b.frequencyHz!) / 2 })), s, e);
      measures.frequencyDifferenceHz = r2(df);
      measures.phaseLocking = r2(plv);
      asynchronous = df > SYNC_MAX_FREQ_DIFF_HZ || plv < SYNC_MIN_PHASE_LOCKING;
      asyncEvidence = clamp01(Math.max(df / (3 * SYNC_MAX_FREQ_DIFF_HZ), 1 - plv / SYNC_MIN_PHASE_LOCKING));
    } else if (wl.length) {
      const shareL = wl.filter((w) => w.rhythmic).length / wl.length, shareR = wr.filter((w) => w.rhythmic).length / Math.max(1, wr.length);
      // One arm in rhythm while the other moves without one.
      if (Math.max(shareL, shareR) >= 0.5 && Math.min(shareL, shareR) < 0.2) { asynchronous = true; asyncEvidence = 0.5 * Math.abs(shareL - shareR); }
    }
    const simultaneousEvidence = clamp01(0.5 + overlap / 20) * clamp01(1 - Math.abs(l.startS - r.startS) / 10);
    out.push({ featureId: 'arms_move_simultaneously', startS: r2(s), endS: r2(e), side: 'bilateral', segments, confidence: r2(clamp01(simultaneousEvidence)), measures });
    if (asynchronous) out.push({ featureId: 'asynchronous_movement', startS: r2(s), endS: r2(e), side: null, segments, confidence: r2(clamp01(0.3 + 0.7 * asyncEvidence)), measures });
  }
  return out;
}

/** Mean resultant length of the wrists' phase difference over the given windows. */
function phaseLocking(ctx: SignalContext, windows: ReadonlyArray<{ centreS: number; f: number }>, s: number, e: number): number {
  const t = ctx.tracks;
  const g = rhythmGrid(t.rateHz);
  const i0 = Math.max(0, Math.round((s - RHYTHM_WINDOW_S / 2 - t.startS) * t.rateHz));
  const i1 = Math.min(t.length - 1, Math.round((e + RHYTHM_WINDOW_S / 2 - t.startS) * t.rateHz));
  const project = (label: 'left' | 'right') => {
    const x = t.x[`${label}_wrist`], y = t.y[`${label}_wrist`];
    let mx = 0, my = 0, n = 0;
    for (let i = i0; i <= i1; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) { mx += x[i]!; my += y[i]!; n++; }
    mx /= n || 1; my /= n || 1;
    let sxx = 0, syy = 0, sxy = 0;
    for (let i = i0; i <= i1; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) { sxx += (x[i]! - mx) ** 2; syy += (y[i]! - my) ** 2; sxy += (x[i]! - mx) * (y[i]! - my); }
    const th = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    return x.map((v, i) => v * Math.cos(th) + y[i]! * Math.sin(th));
  };
  const pl = project('left'), pr = project('right');
  let re = 0, im = 0, n = 0;
  for (const w of windows) {
    const start = Math.round((w.centreS - t.startS) * t.rateHz - (g.windowN - 1) / 2);
    const a = prepareWindow(pl, start, g.windowN), b = prepareWindow(pr, start, g.windowN);
    if (!a || !b) continue;
    const ca = dft(a, w.f, t.rateHz), cb = dft(b, w.f, t.rateHz);
    const d = Math.atan2(ca.im, ca.re) - Math.atan2(cb.im, cb.re);
    re += Math.cos(d); im += Math.sin(d); n++;
  }
  return n ? Math.hypot(re, im) / n : 0;
}
