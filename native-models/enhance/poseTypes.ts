/** Body keypoints as the enhance layer produces them: 17 COCO joints in the pixels of a given image. */

/** The 17 COCO keypoints in MoveNet's output order. */
export const KEYPOINT_NAMES = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
] as const;

export type KeypointName = (typeof KEYPOINT_NAMES)[number];

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
