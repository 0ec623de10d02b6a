/**
 * Arm postures from the elbow angles (2D, 180 deg = straight): arm_flexion (elbow held flexed), arm_straightening
 * (held extended), each changed from the patient's baseline so a resting posture is not reported, and figure4
 * (one elbow extended while the other is flexed, held; side = the extended arm). An overhead camera sees the
 * angle foreshortened: an arm raised towards the lens looks more flexed than it is.
 */
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { heldIntervals } from './heldIntervals.ts';
import { median } from './keypointTracks.ts';
import { elbowAngle } from './segmentSignals.ts';
import { baselineOf, clamp01, HELD_SIGN_MAX_S, HELD_SIGN_MIN_S, patientSegment, r2, type SignalContext } from './signalContext.ts';

/** Elbow flexed at or below this (deg). Our heuristic: a right angle plus a margin for 2D foreshortening. */
export const ARM_FLEXED_MAX_DEG = 100;
/** Elbow extended at or above this (deg). Our heuristic. */
export const ARM_EXTENDED_MIN_DEG = 150;
/** Change from the baseline angle that makes a held angle a posture (deg). Our heuristic. */
export const POSTURE_CHANGE_MIN_DEG = 30;
/** "Held": the angle stays within this range over 1 s (deg). Our heuristic. */
export const ANGLE_HOLD_MAX_RANGE_DEG = 15;

export function detectArmPostures(ctx: SignalContext): MeasuredSign[] {
  const { startS, rateHz, length } = ctx.tracks;
  const half = Math.max(1, Math.round(rateHz / 2));
  const arms = (['left', 'right'] as const).map((label) => {
    const angle = elbowAngle(ctx.tracks, label);
    const base = baselineOf(ctx, angle);
    const held = Array.from(angle, (_, i) => {
      let lo = Infinity, hi = -Infinity;
      for (let j = Math.max(0, i - half); j <= Math.min(length - 1, i + half); j++) { const a = angle[j]!; if (!Number.isFinite(a)) return false; lo = Math.min(lo, a); hi = Math.max(hi, a); }
      return hi - lo <= ANGLE_HOLD_MAX_RANGE_DEG;
    });
    const changed = (i: number) => base !== null && Math.abs(angle[i]! - base) >= POSTURE_CHANGE_MIN_DEG;
    const flexed = Array.from(angle, (a, i) => held[i]! && a <= ARM_FLEXED_MAX_DEG);
    const extended = Array.from(angle, (a, i) => held[i]! && a >= ARM_EXTENDED_MIN_DEG);
    const segment = patientSegment(ctx, `${label}_arm`);
    return { label, angle, base, flexed, extended, changed, segment, side: segment.startsWith('left') ? 'left' as const : 'right' as const };
  });
  const out: MeasuredSign[] = [];
  const sign = (featureId: MeasuredSign['featureId'], holds: boolean[], arm: (typeof arms)[number], extra: (i0: number, i1: number) => Record<string, number>, segs = [arm.segment]) => {
    for (const iv of heldIntervals(holds, startS, rateHz, HELD_SIGN_MIN_S, HELD_SIGN_MAX_S)) {
      const a = median(Array.from(arm.angle.subarray(iv.i0, iv.i1 + 1)))!;
      const change = arm.base === null ? 0 : Math.abs(a - arm.base);
      out.push({
        featureId, startS: iv.startS, endS: iv.endS, side: arm.side, segments: segs,
        confidence: r2(clamp01(0.4 + 0.6 * clamp01((change - POSTURE_CHANGE_MIN_DEG) / 60 + 0.3))),
        measures: { elbowAngleDeg: Math.round(a), baselineAngleDeg: Math.round(arm.base ?? NaN), durationS: r2(iv.endS - iv.startS), ...extra(iv.i0, iv.i1) },
      });
    }
  };
  for (const arm of arms) {
    sign('arm_flexion', arm.flexed.map((v, i) => v && arm.changed(i) && arm.angle[i]! < arm.base!), arm, () => ({}));
    sign('arm_straightening', arm.extended.map((v, i) => v && arm.changed(i) && arm.angle[i]! > arm.base!), arm, () => ({}));
  }
  // Figure 4: this arm extended, the other flexed, at least one of them changed from its baseline.
  for (const [ext, flex] of [[arms[0]!, arms[1]!], [arms[1]!, arms[0]!]] as const) {
    const holds = ext.extended.map((v, i) => v && flex.flexed[i]! && (ext.changed(i) || flex.changed(i)));
    sign('figure4', holds, ext, (i0, i1) => ({ flexedElbowAngleDeg: Math.round(median(Array.from(flex.angle.subarray(i0, i1 + 1)))!) }), [ext.segment, flex.segment]);
  }
  return out.map((s) => (Number.isNaN(s.measures.baselineAngleDeg) ? { ...s, measures: Object.fromEntries(Object.entries(s.measures).filter(([k]) => k !== 'baselineAngleDeg')) } : s));
}
