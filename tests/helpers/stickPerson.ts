/** A synthetic stick person (17 COCO keypoints) and a pose around a box, for the tracker tests. */
import { KEYPOINT_NAMES, type Box, type Keypoint, type PersonPose } from '../../native-models/enhance/poseTypes.ts';

/** A stick person whose head is at (cx, cy), head size ~s. */
export function stickPerson(cx: number, cy: number, s: number, score = 0.8): Keypoint[] {
  const at: Record<string, [number, number]> = {
    nose: [0, 0], left_eye: [0.2, -0.15], right_eye: [-0.2, -0.15], left_ear: [0.45, -0.05], right_ear: [-0.45, -0.05],
    left_shoulder: [1, 1.2], right_shoulder: [-1, 1.2], left_elbow: [1.2, 2.5], right_elbow: [-1.2, 2.5],
    left_wrist: [1.2, 3.6], right_wrist: [-1.2, 3.6], left_hip: [0.6, 4], right_hip: [-0.6, 4],
    left_knee: [0.6, 5.8], right_knee: [-0.6, 5.8], left_ankle: [0.6, 7.5], right_ankle: [-0.6, 7.5],
  };
  return KEYPOINT_NAMES.map((name) => ({ name, x: cx + at[name]![0] * s, y: cy + at[name]![1] * s, score }));
}
export function stickPose(box: Box, score = 0.6): PersonPose {
  return { keypoints: stickPerson(box.x + box.w / 2, box.y + 10, 10), score, box, detectionScore: 0.5 };
}

