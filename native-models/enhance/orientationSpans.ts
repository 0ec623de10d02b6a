/**
 * Which way up the pose ran over a recording, for analysis.json (`enhancement.orientation.spans`): the pose
 * frames in time order, cut where the orientation changed, so a reviewer sees whether the patient was found
 * lying across or upside down, and from when.
 */
import type { OrientationSpan } from '../contract/analysisSchema.ts';
import type { Orientation } from './uprightView.ts';

export function orientationSpans(frames: ReadonlyArray<{ tS: number; orientation: Orientation }>): OrientationSpan[] {
  const spans: OrientationSpan[] = [];
  for (const f of [...frames].sort((a, b) => a.tS - b.tS)) {
    const last = spans.at(-1);
    if (last && last.degrees === f.orientation) last.endS = f.tS;
    else spans.push({ startS: f.tS, endS: f.tS, degrees: f.orientation });
  }
  return spans;
}
