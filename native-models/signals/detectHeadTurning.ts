/**
 * Head turning (version): the head rotated to one side of the patient's baseline and held. The angle is the
 * nose's offset from the ear midpoint along the patient's left axis (segmentSignals.headAngle); the ear on the
 * side turned to sinks into the pillow, so the other ear's visibility is reported as supporting evidence.
 * side = the side the head turned to (the patient's).
 */
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { heldIntervals } from './heldIntervals.ts';
import { median } from './keypointTracks.ts';
import { headAngle } from './segmentSignals.ts';
import { baselineOf, clamp01, r2, type SignalContext } from './signalContext.ts';

/** Rotation from baseline that counts (deg). Our heuristic; version is a forced, marked turn (Wyllie et al. 1986). */
export const HEAD_TURN_MIN_DEG = 30;
/** Held at least this long (s). Our heuristic for "sustained" (Wyllie et al. 1986: sustained unnatural position). */
export const HEAD_TURN_MIN_S = 3;

export function headTurnSeries(ctx: SignalContext): Float64Array {
  return headAngle(ctx.tracks, ctx.frame, ctx.torsoPx);
}

export function detectHeadTurning(ctx: SignalContext, angle = headTurnSeries(ctx)): MeasuredSign[] {
  const t = ctx.tracks;
  const { startS, rateHz } = t;
  const base = baselineOf(ctx, angle);
  if (base === null) return [];
  const out: MeasuredSign[] = [];
  for (const dir of [1, -1] as const) {
    const holds = Array.from(angle, (a) => dir * (a - base) >= HEAD_TURN_MIN_DEG);
    for (const iv of heldIntervals(holds, startS, rateHz, HEAD_TURN_MIN_S)) {
      const turn = median(Array.from(angle.subarray(iv.i0, iv.i1 + 1)).map((a) => dir * (a - base)))!;
      // Ears by the patient's side: label-left ear is the patient's left unless the frame flipped sides.
      const ear = (side: 'left' | 'right') => {
        const label = ctx.frame.patientSide(side) === side ? side : side === 'left' ? 'right' : 'left';
        const s = Array.from(t.score[`${label}_ear`].subarray(iv.i0, iv.i1 + 1)).map((v) => (Number.isFinite(v) ? v : 0));
        return s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
      };
      const side = dir > 0 ? 'left' : 'right';
      out.push({
        featureId: 'head_turning', startS: iv.startS, endS: iv.endS, side, segments: ['head'],
        confidence: r2(clamp01(0.3 + 0.7 * clamp01((turn - HEAD_TURN_MIN_DEG) / 45 + 0.2))),
        measures: { angleDeg: Math.round(turn), baselineAngleDeg: Math.round(base), durationS: r2(iv.endS - iv.startS), earScoreLeft: r2(ear('left')), earScoreRight: r2(ear('right')) },
      });
    }
  }
  return out;
}
