/**
 * Tonic posturing: a limb held away from the patient's baseline posture with little movement for >= 2 s.
 * The posture is the distal and middle joints relative to the limb's root (shoulder or hip) in the body frame
 * (patient's left and head axes), torso lengths; the baseline is its median over the first seconds.
 */
import type { KeypointName } from '../contract/analysisSchema.ts';
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { heldIntervals } from './heldIntervals.ts';
import { median } from './keypointTracks.ts';
import { LIMBS } from './detectClonic.ts';
import { baselineOf, clamp01, HELD_SIGN_MAX_S, HELD_SIGN_MIN_S, patientSegment, r2, rhythmicAt, type SignalContext } from './signalContext.ts';
import type { LabelSegment } from './segmentSignals.ts';

/**
 * Posture change from baseline that counts (torso lengths, summed over both joints). Our heuristic, above
 * MoveNet's own spread on a still limb: the same still forearm, read before and after 20 s of jerking from
 * frames within 45 dB PSNR of each other (the photo video of tests/integration/signals/measureSigns.test.ts
 * turned 180 or 270 degrees, wrist found at score ~0.5), differed by 0.28 torso lengths. A raised or extended
 * arm moves its wrist alone by more than half a torso length.
 */
export const TONIC_MIN_DISPLACEMENT = 0.4;
/** "Little movement": RMS speed under this (torso lengths/s). Our heuristic, ~3x MoveNet's jitter on a still person. */
export const TONIC_MAX_MOTION = 0.15;
/**
 * A limb whose distal joint the pose model finds in less than this share of the recording is not measured:
 * such a joint (covered, or hard to see) is placed at different spots when it is found, which looks like a
 * changed posture. Our heuristic, measured: on the bench's stand-in recording the footballer's left ankle is
 * found in 24% of the frames, first beside his knee and later 0.6 torso lengths away (a 'tonic' interval
 * with no movement at all); every joint that is really in view is found in >= 70%.
 */
export const TONIC_MIN_SEEN_SHARE = 0.5;

const JOINTS: Record<string, readonly [KeypointName, KeypointName, KeypointName]> = {
  left_arm: ['left_shoulder', 'left_elbow', 'left_wrist'], right_arm: ['right_shoulder', 'right_elbow', 'right_wrist'],
  left_leg: ['left_hip', 'left_knee', 'left_ankle'], right_leg: ['right_hip', 'right_knee', 'right_ankle'],
};

/** The limb's posture coordinates (4 series): middle and distal joint from the root, along left and up axes. */
export function limbPosture(ctx: SignalContext, seg: LabelSegment): Float64Array[] {
  const [root, mid, end] = JOINTS[seg]!;
  const { tracks: t, frame: f, torsoPx } = ctx;
  const coord = (j: KeypointName, ax: Float64Array, ay: Float64Array) =>
    new Float64Array(t.length).map((_, i) => ((t.x[j][i]! - t.x[root][i]!) * ax[i]! + (t.y[j][i]! - t.y[root][i]!) * ay[i]!) / torsoPx);
  return [coord(mid, f.leftX, f.leftY), coord(mid, f.upX, f.upY), coord(end, f.leftX, f.leftY), coord(end, f.upX, f.upY)];
}

export function detectTonic(ctx: SignalContext): MeasuredSign[] {
  const out: MeasuredSign[] = [];
  const { startS, rateHz, length } = ctx.tracks;
  for (const seg of LIMBS) {
    const distal = JOINTS[seg]![2];
    if (seenShare(ctx, distal) < TONIC_MIN_SEEN_SHARE) continue;
    const posture = limbPosture(ctx, seg);
    const base = posture.map((p) => baselineOf(ctx, p));
    if (base.some((b) => b === null)) continue;
    const displacement = new Float64Array(length).map((_, i) =>
      Math.hypot(posture[0]![i]! - base[0]!, posture[1]![i]! - base[1]!) + Math.hypot(posture[2]![i]! - base[2]!, posture[3]![i]! - base[3]!));
    const motion = ctx.motion[seg];
    const holds = Array.from(displacement, (d, i) => d >= TONIC_MIN_DISPLACEMENT && motion[i]! <= TONIC_MAX_MOTION);
    for (const iv of heldIntervals(holds, startS, rateHz, HELD_SIGN_MIN_S, HELD_SIGN_MAX_S)) {
      if (rhythmicAt(ctx, seg, (iv.startS + iv.endS) / 2)) continue;
      const d = median(Array.from(displacement.subarray(iv.i0, iv.i1 + 1)))!;
      const m = median(Array.from(motion.subarray(iv.i0, iv.i1 + 1)))!;
      const segment = patientSegment(ctx, seg);
      out.push({
        featureId: 'tonic', startS: iv.startS, endS: iv.endS, side: segment.startsWith('left') ? 'left' : 'right',
        confidence: r2(clamp01(0.4 + 0.3 * clamp01(d / (2 * TONIC_MIN_DISPLACEMENT) - 0.5) + 0.3 * clamp01(1 - m / TONIC_MAX_MOTION))),
        segments: [segment],
        measures: { displacementTorso: r2(d), motionTorsoPerS: Math.round(m * 1000) / 1000, durationS: r2(iv.endS - iv.startS) },
      });
    }
  }
  return out;
}

function seenShare(ctx: SignalContext, joint: KeypointName): number {
  const x = ctx.tracks.x[joint];
  let n = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) n++;
  return x.length ? n / x.length : 0;
}
