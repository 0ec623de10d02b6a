/**
 * Clonic jerking: rhythmic movement of a limb (short-time spectra of its wrist and elbow, or ankle and knee),
 * one interval per limb run, side = that limb's side (the patient's). Measures: median frequency, its linear
 * trend (clonic jerks slow before they stop: a negative trend), amplitude in torso lengths.
 */
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { MIN_PEAK_PROMINENCE, MIN_RHYTHM_AMPLITUDE } from './shortTimeRhythm.ts';
import { rhythmicIntervals, type RhythmicInterval } from './rhythmicIntervals.ts';
import { clamp01, patientSegment, r2, type SignalContext } from './signalContext.ts';
import type { LabelSegment } from './segmentSignals.ts';

export const LIMBS: readonly LabelSegment[] = ['left_arm', 'right_arm', 'left_leg', 'right_leg'];

/**
 * Evidence strength of a rhythmic run: peak prominence x amplitude margin x coverage (not a probability).
 * The prominence counts on a log scale, full at 10x the threshold.
 */
export function rhythmEvidence(iv: RhythmicInterval): number {
  const prominence = clamp01(Math.log(iv.prominence / MIN_PEAK_PROMINENCE) / Math.log(10));
  const size = clamp01(iv.amplitude / (3 * MIN_RHYTHM_AMPLITUDE));
  return r2(clamp01((0.3 + 0.7 * prominence) * (0.5 + 0.5 * size) * iv.coverage));
}

export function rhythmMeasures(iv: RhythmicInterval): Record<string, number> {
  return {
    frequencyHz: r2(iv.frequencyHz),
    frequencyTrendHzPerS: Math.round(iv.frequencyTrendHzPerS * 1000) / 1000,
    amplitudeTorso: Math.round(iv.amplitude * 1000) / 1000,
    prominence: Math.round(iv.prominence),
    durationS: r2(iv.endS - iv.startS),
  };
}

export function limbRhythms(ctx: SignalContext, seg: LabelSegment): RhythmicInterval[] {
  return rhythmicIntervals(ctx.rhythm[seg], ctx.envelope[seg], ctx.tracks.startS, ctx.tracks.rateHz);
}

export function detectClonic(ctx: SignalContext): MeasuredSign[] {
  if (!ctx.rhythmMeasurable) return [];
  const out: MeasuredSign[] = [];
  for (const seg of LIMBS) {
    const segment = patientSegment(ctx, seg);
    const side = segment.startsWith('left') ? 'left' : 'right';
    for (const iv of limbRhythms(ctx, seg)) {
      out.push({ featureId: 'clonic', startS: iv.startS, endS: iv.endS, side, confidence: rhythmEvidence(iv), segments: [segment], measures: rhythmMeasures(iv) });
    }
  }
  return out;
}
