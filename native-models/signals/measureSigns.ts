/**
 * The signals layer's one entry: the patient's pose frame records in, measured signs out (intervals with the
 * patient's side and the numbers behind them), plus series for the review app to plot and the features this
 * view cannot measure. Pure: no I/O, no models; the output matches contract/measuredSigns.ts.
 */
import type { EnhancedFrameRecord } from '../contract/analysisSchema.ts';
import { MEASURED_FEATURE_IDS, MEASURED_SIGNS_VERSION, type CareInterventionSpan, type MeasuredSign, type MeasuredSigns, type NotMeasurable, type SignalSeries } from '../contract/measuredSigns.ts';
import { UsageError } from '../errors.ts';
import { estimateBodyFrame } from './bodyFrame.ts';
import { careInterventionSpans, maskSpans, type OtherPeopleFrame } from './careInterventionMask.ts';
import { detectArmCoordination } from './detectArmCoordination.ts';
import { detectArmPostures } from './detectArmPostures.ts';
import { detectClonic } from './detectClonic.ts';
import { detectFullBodyShaking } from './detectFullBodyShaking.ts';
import { detectHeadTurning, headTurnSeries } from './detectHeadTurning.ts';
import { detectPelvicThrusting, hipsVisibleShare, PELVIC_MIN_HIP_SHARE } from './detectPelvicThrusting.ts';
import { detectTonic } from './detectTonic.ts';
import { buildKeypointTracks } from './keypointTracks.ts';
import { elbowAngle, LABEL_SEGMENTS, segmentChannels, segmentMotion, type LabelSegment } from './segmentSignals.ts';
import { movementEnvelope, RHYTHM_HOP_S, shortTimeRhythm, type RhythmWindow } from './shortTimeRhythm.ts';
import { patientSegment, type SignalContext } from './signalContext.ts';
import { torsoLength } from './torsoLength.ts';

export type { OtherPeopleFrame } from './careInterventionMask.ts';

/**
 * Revision of how signs are measured from the same keypoints (the output format is MEASURED_SIGNS_VERSION).
 * Measured signs cached under an older revision are measured again: the cache key carries it (pipeline/measuredSignsKey.ts).
 * 2: rhythm by prominence, drift and persistence; arm movement above the recording's jitter; tonic only for
 * joints found in most frames.
 * 3: tonic needs a larger change of posture (TONIC_MIN_DISPLACEMENT 0.25 -> 0.4 torso lengths).
 */
export const MEASURE_SIGNS_REVISION = 3;

/** Rhythm needs pose at least this fast: 10 fps resolves jerks up to 5 Hz, the top of the clonic range. */
export const MIN_RHYTHM_FPS = 10;
/** Default rate of the layer (the issue: 15 fps resolves jerks up to 7.5 Hz). */
export const DEFAULT_SIGNALS_FPS = 15;
/** Step of the plotted series other than rhythm (s). Our choice: 5 values a second keeps analysis.json small. */
export const SERIES_STEP_S = 0.2;
/** Head turning needs the nose seen in this share of samples. Our heuristic. */
export const HEAD_MIN_VISIBLE_SHARE = 0.2;

export interface MeasureSignsOptions {
  /** Rate of the keypoint tracks (Hz): pass the pose rate; frames are resampled onto it. */
  fps: number;
  /** The recording is mirrored (a camera setting): every side is flipped. */
  mirrored?: boolean;
  /** Other people's boxes per frame (source pixels): where they overlap the patient, the span is masked. */
  otherPeople?: readonly OtherPeopleFrame[];
}

export function measureSigns(frames: readonly EnhancedFrameRecord[], options: MeasureSignsOptions): MeasuredSigns {
  const { fps, mirrored = false } = options;
  if (!(fps > 0) || !Number.isFinite(fps)) throw new UsageError(`The signals rate must be a positive number of frames per second (got ${fps}).`, { setting: 'fps' });
  const tracks = buildKeypointTracks(frames, fps);
  const careIntervention = careInterventionSpans(frames, options.otherPeople);
  maskSpans(tracks, careIntervention);
  const torsoPx = torsoLength(tracks);
  const frame = estimateBodyFrame(tracks, mirrored);
  if (torsoPx === null) {
    return {
      version: MEASURED_SIGNS_VERSION, rateHz: fps, torsoLengthPx: null, bodyFrame: frame.summary, signs: [], series: [], careIntervention,
      notMeasurable: MEASURED_FEATURE_IDS.map((featureId) => ({ featureId, reason: "the patient's shoulders were not seen: no body frame to measure in" })),
    };
  }
  const rhythmMeasurable = fps >= MIN_RHYTHM_FPS;
  const channels = segmentChannels(tracks, torsoPx);
  const perSegment = <T>(f: (s: LabelSegment) => T) => Object.fromEntries(LABEL_SEGMENTS.map((s) => [s, f(s)])) as Record<LabelSegment, T>;
  const rhythm = perSegment((s) => (rhythmMeasurable ? shortTimeRhythm(channels[s], tracks.startS, fps) : []));
  suppressCrosstalk(rhythm);
  const ctx: SignalContext = {
    tracks, frame, torsoPx, channels, rhythmMeasurable, rhythm,
    envelope: perSegment((s) => movementEnvelope(channels[s], fps)),
    motion: perSegment((s) => segmentMotion(channels[s], fps)),
  };
  const head = headTurnSeries(ctx);
  const signs: MeasuredSign[] = [
    ...detectClonic(ctx), ...detectTonic(ctx), ...detectHeadTurning(ctx, head), ...detectArmPostures(ctx),
    ...detectArmCoordination(ctx), ...detectFullBodyShaking(ctx), ...detectPelvicThrusting(ctx),
  ].flatMap((sign) => outsideSpans(sign, careIntervention))
    .sort((a, b) => a.startS - b.startS || a.featureId.localeCompare(b.featureId));

  const notMeasurable: NotMeasurable[] = [{
    featureId: 'limb_automatisms',
    reason: 'not measurable from this view: the 17-point body pose has no hand or finger keypoints, and wrist movement alone cannot tell fumbling or picking from purposeful movement',
  }];
  if (!rhythmMeasurable) {
    for (const featureId of ['clonic', 'full_body_shaking', 'asynchronous_movement', 'pelvic_thrusting'] as const) {
      notMeasurable.push({ featureId, reason: `pose sampled at ${fps} fps: rhythm needs at least ${MIN_RHYTHM_FPS} fps (set the pose rate to 15)` });
    }
  } else if (hipsVisibleShare(ctx) < PELVIC_MIN_HIP_SHARE) {
    notMeasurable.push({ featureId: 'pelvic_thrusting', reason: 'not measurable from this view: the hips were not seen (covered or out of view)' });
  }
  const noseShare = Array.from(tracks.x.nose).filter(Number.isFinite).length / Math.max(1, tracks.length);
  if (noseShare < HEAD_MIN_VISIBLE_SHARE) notMeasurable.push({ featureId: 'head_turning', reason: 'not measurable from this view: the face was not seen' });

  return {
    version: MEASURED_SIGNS_VERSION, rateHz: fps, torsoLengthPx: Math.round(torsoPx * 10) / 10, bodyFrame: frame.summary,
    signs, series: plotSeries(ctx, head), notMeasurable, careIntervention,
  };
}

/**
 * A pose model's joints move together a little: a 1.4 px echo of one shaking forearm showed in the other arm
 * and a leg at the same frequency (tests/integration/signals, real MoveNet). A segment's rhythm at the
 * frequency of a much larger rhythm elsewhere in the same window is that echo, not a second rhythm.
 */
export const CROSSTALK_MAX_RATIO = 0.3;
export const CROSSTALK_FREQ_HZ = 0.3;

function suppressCrosstalk(rhythm: Record<LabelSegment, RhythmWindow[]>): void {
  const n = Math.min(...LABEL_SEGMENTS.map((s) => rhythm[s].length));
  for (let k = 0; k < n; k++) {
    const ws = LABEL_SEGMENTS.map((s) => rhythm[s][k]!).filter((w) => w.rhythmic);
    if (ws.length < 2) continue;
    const top = ws.reduce((a, b) => (b.amplitude > a.amplitude ? b : a));
    for (const w of ws) {
      if (w !== top && w.amplitude < CROSSTALK_MAX_RATIO * top.amplitude && Math.abs(w.frequencyHz! - top.frequencyHz!) <= CROSSTALK_FREQ_HZ) {
        w.rhythmic = false; w.frequencyHz = null;
      }
    }
  }
}

/** The parts of a sign outside the care-intervention spans (parts shorter than 1 s dropped). */
function outsideSpans(sign: MeasuredSign, spans: readonly CareInterventionSpan[]): MeasuredSign[] {
  let parts: Array<[number, number]> = [[sign.startS, sign.endS]];
  for (const sp of spans) {
    parts = parts.flatMap(([a, b]): Array<[number, number]> => (sp.endS <= a || sp.startS >= b ? [[a, b]] : [[a, sp.startS], [sp.endS, b]]));
  }
  return parts.filter(([a, b]) => b - a >= 1).map(([a, b]) => (a === sign.startS && b === sign.endS ? sign : { ...sign, startS: a, endS: b, measures: { ...sign.measures, durationS: Math.round((b - a) * 100) / 100 } }));
}

function plotSeries(ctx: SignalContext, head: Float64Array): SignalSeries[] {
  const { startS, rateHz } = ctx.tracks;
  const out: SignalSeries[] = [];
  const step = Math.max(1, Math.round(SERIES_STEP_S * rateHz)) / rateHz;
  for (const s of LABEL_SEGMENTS) {
    const w: RhythmWindow[] = ctx.rhythm[s];
    if (w.length) out.push({ segment: patientSegment(ctx, s), quantity: 'rhythmHz', unit: 'Hz', startS: r3(w[0]!.centreS), stepS: RHYTHM_HOP_S, values: w.map((x) => x.frequencyHz) });
  }
  for (const label of ['left', 'right'] as const) {
    out.push({ segment: patientSegment(ctx, `${label}_arm`), quantity: 'elbowAngleDeg', unit: 'deg', startS: r3(startS), stepS: r3(step), values: binMeans(elbowAngle(ctx.tracks, label), rateHz, 1) });
  }
  out.push({ segment: 'head', quantity: 'headAngleDeg', unit: 'deg', startS: r3(startS), stepS: r3(step), values: binMeans(head, rateHz, 1) });
  for (const s of LABEL_SEGMENTS) {
    out.push({ segment: patientSegment(ctx, s), quantity: 'motionTorsoPerS', unit: 'torso lengths/s', startS: r3(startS), stepS: r3(step), values: binMeans(ctx.motion[s], rateHz, 3) });
  }
  return out.sort((a, b) => a.quantity.localeCompare(b.quantity) || a.segment.localeCompare(b.segment));
}

/** Means over SERIES_STEP_S bins (null for a bin with no valid sample), rounded to `digits`. */
function binMeans(v: Float64Array, rateHz: number, digits: number): Array<number | null> {
  const per = Math.max(1, Math.round(SERIES_STEP_S * rateHz));
  const out: Array<number | null> = [];
  const k = 10 ** digits;
  for (let i = 0; i < v.length; i += per) {
    let sum = 0, n = 0;
    for (let j = i; j < Math.min(v.length, i + per); j++) if (Number.isFinite(v[j]!)) { sum += v[j]!; n++; }
    out.push(n ? Math.round((sum / n) * k) / k : null);
  }
  return out;
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;
