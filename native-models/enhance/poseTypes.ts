/** Body keypoints as the enhance layer produces them: 17 COCO joints in the pixels of a given image. */

import { KEYPOINT_NAMES, type KeypointName } from '../contract/analysisSchema.ts';

/** The 17 COCO keypoints in MoveNet's output order: defined by the analysis.json contract. */
export { KEYPOINT_NAMES, type KeypointName };

/** Index of each keypoint name in `KEYPOINT_NAMES` (and in every `PersonPose.keypoints` array). */
export const KP: Readonly<Record<KeypointName, number>> = Object.fromEntries(
  KEYPOINT_NAMES.map((n, i) => [n, i]),
) as Record<KeypointName, number>;

export interface Keypoint {
  name: KeypointName;
  /** Pixels of the image the pose was estimated on (or source-video pixels where a type says so). */
  x: number;
  y: number;
  /** Model confidence 0..1. */
  score: number;
}

/** Axis-aligned box in pixels: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PersonPose {
  /** Always 17 entries, in `KEYPOINT_NAMES` order; low-confidence joints are kept with their low score. */
  keypoints: Keypoint[];
  /** Mean keypoint score. */
  score: number;
  /** Box of the person: the detector's box, or the extent of the confident keypoints. */
  box: Box;
  /** Person-detector confidence, or null when the pose came from tracking without a detection. */
  detectionScore: number | null;
}
