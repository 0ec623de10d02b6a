/**
 * Whole-body shaking: most body segments (arms, legs, head, trunk) rhythmic in the same windows. Onset and
 * offset are placed on the summed movement envelope of all segments.
 */
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { median } from './keypointTracks.ts';
import { rhythmicIntervals } from './rhythmicIntervals.ts';
import type { RhythmWindow } from './shortTimeRhythm.ts';
import { LABEL_SEGMENTS } from './segmentSignals.ts';
import { rhythmEvidence, rhythmMeasures } from './detectClonic.ts';
import { patientSegment, type SignalContext } from './signalContext.ts';

/** "Most segments": at least this many of the six rhythmic at once. Our heuristic. */
export const FULL_BODY_MIN_SEGMENTS = 4;
/** ... and at least this share of the segments that could be scored. Our heuristic. */
export const FULL_BODY_MIN_SHARE = 2 / 3;

/** One window per step: rhythmic when most segments are. */
export function fullBodyWindows(ctx: SignalContext): RhythmWindow[] {
  const n = Math.min(...LABEL_SEGMENTS.map((s) => ctx.rhythm[s].length));
  const out: RhythmWindow[] = [];
  for (let k = 0; k < n; k++) {
    const ws = LABEL_SEGMENTS.map((s) => ctx.rhythm[s][k]!);
    const scored = ws.filter((w) => w.scored), rhythmic = ws.filter((w) => w.rhythmic);
    const yes = rhythmic.length >= FULL_BODY_MIN_SEGMENTS && rhythmic.length >= FULL_BODY_MIN_SHARE * scored.length;
    out.push({
      centreS: ws[0]!.centreS, scored: scored.length > 0, rhythmic: yes,
      frequencyHz: yes ? median(rhythmic.map((w) => w.frequencyHz!)) : null,
      prominence: yes ? median(rhythmic.map((w) => w.prominence))! : 0,
      amplitude: yes ? median(rhythmic.map((w) => w.amplitude))! : 0,
    });
  }
  return out;
}

export function detectFullBodyShaking(ctx: SignalContext): MeasuredSign[] {
  if (!ctx.rhythmMeasurable) return [];
  const windows = fullBodyWindows(ctx);
  const env = new Float64Array(ctx.tracks.length).fill(NaN);
  for (const s of LABEL_SEGMENTS) ctx.envelope[s].forEach((v, i) => { if (Number.isFinite(v)) env[i] = (Number.isFinite(env[i]!) ? env[i]! : 0) + v; });
  return rhythmicIntervals(windows, env, ctx.tracks.startS, ctx.tracks.rateHz).map((iv) => {
    const involved = LABEL_SEGMENTS.filter((s) => ctx.rhythm[s].filter((w) => w.centreS >= iv.startS && w.centreS <= iv.endS && w.rhythmic).length >= 2);
    return {
      featureId: 'full_body_shaking', startS: iv.startS, endS: iv.endS, side: 'bilateral',
      confidence: rhythmEvidence(iv), segments: involved.map((s) => patientSegment(ctx, s)).sort(),
      measures: { ...rhythmMeasures(iv), segmentsRhythmic: involved.length },
    } satisfies MeasuredSign;
  });
}
