/**
 * The cache keys of an analysis's pose: `poseKey` for what the model is shown from it (face crops, skeleton
 * overlays: part of those answers' keys), `trackKey` for the stored track (keypoints per frame, other people's
 * boxes, the measured signs made from it). Each names everything the results depend on, so a change of model,
 * rate, frame size or orientation setting (or of how the orientation is searched) makes them again instead of
 * serving a track made another way.
 */
import type { PatientOrientation } from '../contract/analysisSettings.ts';
import { orientationKey } from '../enhance/orientationSearch.ts';
import { poseModelInfo } from '../enhance/poseEstimator.ts';

/** Version of the other-people boxes stored with a pose track (part of its key). */
export const OTHERS_VERSION = 1;

export interface PoseTrackKeyParts {
  /** Rate pose runs at (frames per second). */
  poseFps: number;
  /** Long side of the frames pose runs on (px). */
  frameSize: number;
  patientOrientation: PatientOrientation | 'auto';
}

export function poseTrackKeys(p: PoseTrackKeyParts): { poseKey: string; trackKey: string } {
  const poseKey = `${poseModelInfo().id};fps=${p.poseFps};size=${p.frameSize};orientation=${orientationKey(p.patientOrientation)}`;
  // Other people's boxes came with the track key, so tracks stored before them are made again (the answers keep poseKey).
  return { poseKey, trackKey: `${poseKey};others=${OTHERS_VERSION}` };
}
