/**
 * Which way up the pose models should see the frame. Seen from above, a patient in an EMU bed often lies across
 * the picture or upside down, depending on how the camera is mounted, and CenterNet and MoveNet find only
 * people who stand roughly upright in what they are shown (a footballer turned 90 degrees: no detection, 4
 * keypoints). So when a detection in the current orientation does not find the patient well, the frame is
 * looked at turned the three other ways too (uprightView.ts) and the pose goes on in the orientation that finds
 * the patient best. A patient found well upright costs nothing more; a search costs three detections and up
 * to three MoveNet runs (~0.2 s), and runs at the first detection and after that only while the patient is not
 * found well, at most every `SEARCH_MIN_GAP_S`, the gap doubling up to `SEARCH_MAX_GAP_S` while searches find
 * no better orientation (a patient out of view does not make every re-detection four). A camera whose
 * orientation is known can fix it (the `patientOrientation` setting): no search at all.
 *
 * A look is scored by the detector's score of the person taken for the patient times MoveNet's mean keypoint
 * score of their pose: both fall when the picture is turned, and together they tell orientations apart better
 * than either (our measurement, real models, 10 photos of people each turned 4 ways: the right orientation
 * scored 0.16-0.31, every wrong one 0.18 or less, and in each picture the right orientation scored best).
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
/** Least time between two searches (recording seconds). Our choice: a lost patient is re-detected every 1 s. */
export const SEARCH_MIN_GAP_S = 2;
/** The gap doubles up to this while searches find no better orientation. Our choice. */
export const SEARCH_MAX_GAP_S = 32;

/** The patient looked for with the frame turned one way: the detector's score of the person taken for the patient times their pose's mean keypoint score (0: nobody). */
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
