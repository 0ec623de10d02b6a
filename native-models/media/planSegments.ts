/**
 * The segment plan: windows of `segmentS` seconds, consecutive windows overlapping by `overlapS`
 * (starts 0, 25, 50, ... by default). The last window is aligned to end exactly at the recording's end, so
 * every window has the full length (or the whole recording when it is shorter than one window), consecutive
 * windows overlap by at least `overlapS`, and no window lies inside the one before.
 */
import type { SegmentInfo } from '../contract/analysisSchema.ts';

export interface SegmentPlanOptions {
  /** Window length in seconds (default 30). */
  segmentS?: number;
  /** Overlap between consecutive windows in seconds (default 5). */
  overlapS?: number;
}

export const DEFAULT_SEGMENT_S = 30;
export const DEFAULT_OVERLAP_S = 5;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function planSegments(durationS: number, options: SegmentPlanOptions = {}): SegmentInfo[] {
  const segmentS = options.segmentS ?? DEFAULT_SEGMENT_S;
  const overlapS = options.overlapS ?? DEFAULT_OVERLAP_S;
  if (!(durationS > 0)) throw new RangeError(`duration must be positive, got ${durationS}`);
  if (!(segmentS > 0)) throw new RangeError(`segment length must be positive, got ${segmentS}`);
  if (!(overlapS >= 0 && overlapS < segmentS)) throw new RangeError(`overlap must be in [0, segment length), got ${overlapS}`);
  const step = segmentS - overlapS;
  if (durationS <= segmentS) return [{ index: 0, startS: 0, endS: round3(durationS) }];
  const segments: SegmentInfo[] = [];
  for (let start = 0; start + segmentS < durationS - 1e-9; start = round3(start + step)) {
    segments.push({ index: segments.length, startS: start, endS: round3(start + segmentS) });
  }
  segments.push({ index: segments.length, startS: round3(durationS - segmentS), endS: round3(durationS) });
  return segments;
}
