/**
 * Pelvic thrusting, as far as a 2D overhead view supports it: thrusts move the pelvis towards and away from a
 * camera above the bed, which shows only as a rhythmic change of the apparent torso length (shoulder to hip
 * midpoint, foreshortened as the pelvis lifts). Reported only outside whole-body shaking and with its
 * evidence capped, since the depth movement itself is not seen; without hips in view it is not measurable.
 */
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { rhythmicIntervals } from './rhythmicIntervals.ts';
import { movementEnvelope, shortTimeRhythm } from './shortTimeRhythm.ts';
import { rhythmEvidence, rhythmMeasures } from './detectClonic.ts';
import { fullBodyWindows } from './detectFullBodyShaking.ts';
import { r2, type SignalContext } from './signalContext.ts';

/** Hips must be seen in this share of samples to try. Our heuristic. */
export const PELVIC_MIN_HIP_SHARE = 0.5;
/** Cap on the evidence strength: the thrust's depth movement is seen only through foreshortening. Our heuristic. */
export const PELVIC_MAX_CONFIDENCE = 0.4;

export function hipsVisibleShare(ctx: SignalContext): number {
  const t = ctx.tracks;
  let n = 0;
  for (let i = 0; i < t.length; i++) if (Number.isFinite(t.x.left_hip[i]!) && Number.isFinite(t.x.right_hip[i]!)) n++;
  return t.length ? n / t.length : 0;
}

export function detectPelvicThrusting(ctx: SignalContext): MeasuredSign[] {
  if (!ctx.rhythmMeasurable || hipsVisibleShare(ctx) < PELVIC_MIN_HIP_SHARE) return [];
  const t = ctx.tracks;
  const len = new Float64Array(t.length).map((_, i) => Math.hypot(
    (t.x.left_shoulder[i]! + t.x.right_shoulder[i]! - t.x.left_hip[i]! - t.x.right_hip[i]!) / 2,
    (t.y.left_shoulder[i]! + t.y.right_shoulder[i]! - t.y.left_hip[i]! - t.y.right_hip[i]!) / 2) / ctx.torsoPx);
  const channels = [[len, new Float64Array(t.length).fill(0)] as const];
  const shaking = fullBodyWindows(ctx);
  const windows = shortTimeRhythm(channels, t.startS, t.rateHz).map((w, k) => (shaking[k]?.rhythmic ? { ...w, rhythmic: false, frequencyHz: null } : w));
  return rhythmicIntervals(windows, movementEnvelope(channels, t.rateHz), t.startS, t.rateHz).map((iv) => ({
    featureId: 'pelvic_thrusting', startS: iv.startS, endS: iv.endS, side: null, segments: ['trunk'],
    confidence: r2(Math.min(PELVIC_MAX_CONFIDENCE, rhythmEvidence(iv))),
    measures: rhythmMeasures(iv),
  }));
}
