/** What analysis.json says about the pose models and runtime (also part of the keypoint cache key). */
import type { PoseModelInfo } from '../contract/analysisSchema.ts';
import { defaultPoseThreads, type PoseRuntime } from './poseModelRunner.ts';
import { humanVersion } from './humanModels.ts';

export function poseModelInfo(runtime: PoseRuntime = 'onnx', threads = defaultPoseThreads()): PoseModelInfo {
  const v = humanVersion();
  return {
    id: `movenet-lightning+centernet/human-${v}/${runtime}`,
    poseModel: 'MoveNet SinglePose Lightning (17 COCO keypoints)',
    personDetector: 'CenterNet (COCO person class)',
    backend: runtime === 'onnx'
      ? `onnxruntime-node CPU, ${threads} thread${threads === 1 ? '' : 's'}; models from @vladmandic/human ${v}, converted from TF.js to ONNX (once, kept in the user's cache)`
      : `TensorFlow.js WASM, models from @vladmandic/human ${v}`,
  };
}
