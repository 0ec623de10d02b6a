/**
 * The cache key of an analysis's measured signs, like an answer's: the pose track they were measured on, the
 * output format, how they are measured (the signals layer's revision: measurements cached under an earlier
 * revision are measured again, not served stale) and the settings that change them.
 */
import { MEASURED_SIGNS_VERSION } from '../contract/measuredSigns.ts';
import { MEASURE_SIGNS_REVISION } from '../signals/measureSigns.ts';

export interface MeasuredSignsKeyParts {
  /** The pose track's own key (model, rate, frame size, the other people kept with it). */
  poseKey: string;
  mirrored: boolean;
  /** Pose frames measured. */
  frames: number;
}

export function measuredSignsKey(p: MeasuredSignsKeyParts, revision: number = MEASURE_SIGNS_REVISION): string {
  return `${p.poseKey};signs=v${MEASURED_SIGNS_VERSION};rev=${revision};mirrored=${p.mirrored};frames=${p.frames}`;
}
