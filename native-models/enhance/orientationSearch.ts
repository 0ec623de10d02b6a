/**
 * Which way up the pose models should see the frame. Seen from above, a patient in an EMU bed often lies across
 * the picture or upside down, depending on how the camera is mounted, and CenterNet and MoveNet find only
 * people who stand roughly upright in what they are shown (a footballer turned 90 degrees: no detection, 4
 * keypoints). So when a detection in the current orientation does not find the patient well, the frame is
 * looked at turned the three other ways too (uprightView.ts) and the pose goes on in the orientation that finds
 * the patient best. A patient found well upright costs nothing more; a search costs three detections and up
 * to three MoveNet runs (~0.2 s), and runs only at a detection that does not find the patient well, at most
 * every `SEARCH_MIN_GAP_S`, the gap doubling up to `SEARCH_MAX_GAP_S` while searches find no better
 * orientation (a patient out of view does not make every re-detection four). A camera whose orientation is
 * known can fix it (the `patientOrientation` setting): no search at all.
 *
 * A look in the current orientation is scored by the detector's score of the person taken for the patient
 * times MoveNet's mean keypoint score of their pose: below `FOUND_WELL_SCORE`, a search. A search scores each
 * orientation by the best of that product over the few best detections (`orientationScore`): the person the
 * tracker takes may be the one seen worst (three people on a sofa: the one taken scored 0.14 upright, while
 * a wrong turn showed one person at 0.18; the best seen upright scored 0.29). Both scores fall when the
 * picture is turned (tests/integration/enhance/orientationSearch.test.ts: 7 photos of people each turned 4
 * ways by ffmpeg; in every one the right orientation is found).
 */
import { ORIENTATIONS, type Orientation } from './uprightView.ts';

/** `auto`: searched; a fixed orientation: the camera's, as the user set it. */
export type OrientationSetting = Orientation | 'auto';

/** Version of the search below: part of the keypoint cache key, so tracks made by an earlier search are made again. */
export const ORIENTATION_SEARCH_VERSION = 1;

/** The setting as part of a cache key: what the pose track depends on. */
export function orientationKey(setting: OrientationSetting): string {
  return setting === 'auto' ? `auto.v${ORIENTATION_SEARCH_VERSION}` : String(setting);
}

/**
 * A look that scores this much finds the patient well: no search. Our measurement (above): every right
 * orientation of the bench stand-in's person scored 0.27-0.31, wrong orientations at most 0.18.
 */
export const FOUND_WELL_SCORE = 0.2;
/** Another orientation is taken only when it scores at least this much better than the current one. Our choice (hysteresis). */
export const SWITCH_MARGIN = 0.05;
/** Least time between two searches (recording seconds). Our choice: every other re-detection of a lost patient (they run every 1 s). */
export const SEARCH_MIN_GAP_S = 2;
/** The gap doubles up to this while searches find no better orientation. Our choice. */
export const SEARCH_MAX_GAP_S = 32;

/** People looked at in a search, per orientation: this many of the best detections get a pose. Our choice (cost: at most 4 x 3 MoveNet runs per search). */
export const SEARCH_PEOPLE = 3;

/** How well people are seen with the frame turned one way: the best detection score times pose score (0: nobody). */
export function orientationScore(seen: ReadonlyArray<{ detectionScore: number; poseScore: number }>): number {
  return seen.reduce((best, p) => Math.max(best, p.detectionScore * p.poseScore), 0);
}

/** The patient looked for with the frame turned one way, scored (0: nobody). */
export interface OrientationLook {
  orientation: Orientation;
  score: number;
}

export class OrientationSearch {
  private current: Orientation;
  private lastSearchT = -Infinity;
  private gapS = SEARCH_MIN_GAP_S;

  constructor(readonly setting: OrientationSetting = 'auto') {
    this.current = setting === 'auto' ? 0 : setting;
  }

  /** The orientation the models see the frame in now. */
  get orientation(): Orientation {
    return this.current;
  }

  /** Carry on from frames taken from the keypoint cache, which were estimated in `o`. */
  follow(o: Orientation): void {
    if (this.setting === 'auto') this.current = o;
  }

  /** After a look in the current orientation at `tS`: whether to look in the other orientations now. */
  shouldSearch(tS: number, look: OrientationLook): boolean {
    if (this.setting !== 'auto') return false;
    if (look.score >= FOUND_WELL_SCORE) {
      this.gapS = SEARCH_MIN_GAP_S;
      return false;
    }
    return tS - this.lastSearchT >= this.gapS - 1e-6;
  }

  /** The other orientations, to look in after the current one. */
  others(): Orientation[] {
    return ORIENTATIONS.filter((o) => o !== this.current);
  }

  /** The looks of a search at `tS` (the current orientation's among them): the orientation to go on in. */
  choose(tS: number, looks: readonly OrientationLook[]): Orientation {
    this.lastSearchT = tS;
    const here = looks.find((l) => l.orientation === this.current)?.score ?? 0;
    const best = looks.reduce((a, b) => (b.score > a.score ? b : a), { orientation: this.current, score: here });
    if (best.orientation !== this.current && best.score >= here + SWITCH_MARGIN) {
      this.current = best.orientation;
      this.gapS = SEARCH_MIN_GAP_S;
    } else {
      this.gapS = Math.min(SEARCH_MAX_GAP_S, this.gapS * 2);
    }
    return this.current;
  }
}
