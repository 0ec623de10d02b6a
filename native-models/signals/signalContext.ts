/**
 * What every detector reads: the tracks, the body frame, the segment signals with their short-time rhythm,
 * movement envelope and speed, built once by measureSigns. Also the patient's baseline (the first seconds of
 * the recording, before the event in an EMU clip) that postures are measured against.
 */
import type { BodySegment } from '../contract/measuredSigns.ts';
import type { BodyFrame } from './bodyFrame.ts';
import { median, type KeypointTracks } from './keypointTracks.ts';
import { RHYTHM_HOP_S, type RhythmWindow } from './shortTimeRhythm.ts';
import type { Channel2, LabelSegment } from './segmentSignals.ts';

/**
 * The baseline posture is the median over the recording's first BASELINE_S. Our heuristic: EMU clips start
 * before the clinical onset (the source paper's recordings include the pre-ictal phase).
 */
export const BASELINE_S = 10;

/** Postures held longer than this are a new resting position, not tonic posturing. Our heuristic (tonic phases last seconds to tens of seconds). */
export const HELD_SIGN_MAX_S = 60;

/** Held signs last at least this long (s): the ">= 2 s". */
export const HELD_SIGN_MIN_S = 2;

export interface SignalContext {
  tracks: KeypointTracks;
  frame: BodyFrame;
  torsoPx: number;
  channels: Record<LabelSegment, Channel2[]>;
  /** Empty arrays when the rate is too low for rhythm. */
  rhythm: Record<LabelSegment, RhythmWindow[]>;
  envelope: Record<LabelSegment, Float64Array>;
  motion: Record<LabelSegment, Float64Array>;
  rhythmMeasurable: boolean;
}

/** The patient's name of a segment labelled by the pose model. */
export function patientSegment(ctx: SignalContext, seg: LabelSegment): BodySegment {
  if (seg === 'head' || seg === 'trunk') return seg;
  const [side, limb] = seg.split('_') as ['left' | 'right', 'arm' | 'leg'];
  return `${ctx.frame.patientSide(side)}_${limb}`;
}

/** Median of a series over the baseline seconds (the whole recording when too little of it was seen). */
export function baselineOf(ctx: SignalContext, series: Float64Array): number | null {
  const n = Math.min(series.length, Math.round(BASELINE_S * ctx.tracks.rateHz));
  const early = Array.from(series.subarray(0, n)).filter(Number.isFinite);
  if (early.length >= 0.3 * n && early.length > 0) return median(early);
  return median(Array.from(series));
}

/** Whether sample i lies in a rhythmic window of the segment (windows are RHYTHM_HOP_S apart). */
export function rhythmicAt(ctx: SignalContext, seg: LabelSegment, tS: number): boolean {
  return ctx.rhythm[seg].some((w) => w.rhythmic && Math.abs(w.centreS - tS) <= 1);
}

/** Per sample, whether it lies within half a step of a rhythmic window's centre. */
export function rhythmicMask(ctx: SignalContext, seg: LabelSegment): boolean[] {
  const { startS, rateHz, length } = ctx.tracks;
  const mask = new Array<boolean>(length).fill(false);
  const half = RHYTHM_HOP_S / 2;
  for (const w of ctx.rhythm[seg]) {
    if (!w.rhythmic) continue;
    const a = Math.max(0, Math.ceil((w.centreS - half - startS) * rateHz));
    const b = Math.min(length - 1, Math.floor((w.centreS + half - startS) * rateHz));
    for (let i = a; i <= b; i++) mask[i] = true;
  }
  return mask;
}

export const clamp01 = (v: number) => Math.max(0, Math.min(1, v));
export const r2 = (v: number) => Math.round(v * 100) / 100;
