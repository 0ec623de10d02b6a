/**
 * Both arms at once: arms_move_simultaneously where both arms move (faster than the recording's own jitter and
 * not a mere echo of the other arm, or rhythmically) for >= 2 s together, with the onset difference between them; asynchronous_movement where, in
 * that overlap, their rhythms differ in frequency or are not phase-locked, or only one of them is rhythmic.
 * Phase locking is the mean resultant length of the phase difference at the common frequency over the windows
 * (1 = locked), each wrist's movement projected on its main axis.
 */
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { limbRhythms } from './detectClonic.ts';
import { heldIntervals } from './heldIntervals.ts';
import { median } from './keypointTracks.ts';
import { dft, prepareWindow, rhythmGrid, RHYTHM_WINDOW_S } from './shortTimeRhythm.ts';
import { clamp01, patientSegment, r2, rhythmicMask, type SignalContext } from './signalContext.ts';

/** An arm "moves" above this RMS speed (torso lengths/s) at least. Our heuristic: ~3x MoveNet's jitter on a still person filling the frame. */
export const ARM_ACTIVE_MIN_MOTION = 0.25;
/**
 * The recording's own jitter floor of an arm: this quantile of its speed over the recording (an EMU recording
 * shows the patient at rest for more than a quarter of it). Our heuristic.
 */
export const ARM_JITTER_QUANTILE = 0.25;
/**
 * ... and above this many times that floor. Our heuristic, measured with real MoveNet: on the bench's stand-in
 * recording (a person ~38 px of torso in the 448-px pose frame, drifting) the arms' jitter speed has a 25th
 * percentile of 0.15 and a median of 0.2 torso lengths/s, and 3x the floor still let 8 stretches of jitter
 * count as movement outside the scripted shake, 4x none.
 */
export const ARM_ACTIVE_JITTER_FACTOR = 4;
/**
 * An arm moving at under this share of the other arm's speed, not rhythmically, is the pose model's echo of the
 * other arm (the same 0.3 as CROSSTALK_MAX_RATIO in measureSigns.ts: a forearm jerking at 1.3 torso lengths/s
 * moved the still arm's keypoints at 0.24-0.33, tests/integration/signals).
 */
export const ARM_ECHO_MAX_RATIO = 0.3;
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
  const active = (seg: 'left_arm' | 'right_arm') => {
    const other = ctx.motion[seg === 'left_arm' ? 'right_arm' : 'left_arm'];
    const floor = Math.max(ARM_ACTIVE_MIN_MOTION, ARM_ACTIVE_JITTER_FACTOR * quantile(ctx.motion[seg], ARM_JITTER_QUANTILE));
    const moving = (i: number) => { const m = ctx.motion[seg][i]!; return m >= floor && !(m < ARM_ECHO_MAX_RATIO * other[i]!); };
    // Inside one of the arm's rhythm runs (their keypoint gaps bridged) the arm moves throughout.
    const runs = limbRhythms(ctx, seg);
    const inRun = (i: number) => { const ts = t.startS + i / t.rateHz; return runs.some((r) => ts >= r.startS && ts <= r.endS); };
    return heldIntervals(rhythmicMask(ctx, seg).map((rhythmic, i) => rhythmic || inRun(i) || moving(i)), t.startS, t.rateHz, ARM_ACTIVE_MIN_S);
  };
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

/** The q-quantile of the finite values (0 when there are none). */
function quantile(v: Float64Array, q: number): number {
  const s = Array.from(v).filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(q * (s.length - 1))]! : 0;
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
