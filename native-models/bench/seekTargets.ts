/**
 * The UI benchmark's seek targets: seeded, so every run seeks to the same frames, and each in the middle of
 * its frame's display interval, so the time the app was asked for (currentTime) never prints like the frame's
 * own media time (the overlay says which one it drew for in data-drawn-at, to the millisecond). Consecutive
 * targets are different frames (a seek to the frame already shown presents nothing new).
 */
import { seededRandom } from '../evaluation/seededRandom.ts';

/** The evaluation's seeded generator (mulberry32), deterministic across platforms. */
export { seededRandom };

export interface SeekTarget {
  /** The frame's index (0-based, at `fps`). */
  frame: number;
  /** Where to set currentTime: the middle of that frame's interval, in seconds. */
  timeS: number;
}

/**
 * `count` targets over frames 0 .. last-but-one of a `durationS` recording at `fps` (the last frame's
 * interval may be cut short by the container, so it is left out).
 */
export function seekTargets(count: number, durationS: number, fps: number, seed = 11): SeekTarget[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`The number of seeks must be a whole number of at least 0 (got ${count}).`);
  if (!(fps > 0) || !(durationS > 0)) throw new RangeError(`The recording needs a positive duration and frame rate (got ${durationS} s at ${fps} fps).`);
  const frames = Math.floor(durationS * fps) - 1;
  if (frames < 2) throw new RangeError(`The recording is too short to seek in (${frames + 1} frames).`);
  const random = seededRandom(seed);
  const out: SeekTarget[] = [];
  let previous = -1;
  while (out.length < count) {
    const frame = Math.floor(random() * frames);
    if (frame === previous) continue;
    previous = frame;
    out.push({ frame, timeS: (frame + 0.5) / fps });
  }
  return out;
}
