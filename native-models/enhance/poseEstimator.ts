/**
 * Body pose on real pretrained models that ship inside @vladmandic/human (TF.js graph models on the WASM
 * backend, loaded from disk): CenterNet finds the people, MoveNet Lightning (17 COCO keypoints) runs on a
 * square crop around each one. `estimateInRegion` skips the detector for a person already being tracked.
 * With `worker: true` the models live in a worker thread, so inference overlaps frame decoding.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import path from 'node:path';
import type { RgbImage } from '../media/frameTypes.ts';
import type { PoseModelInfo } from './enhancementTypes.ts';
import { createPersonDetector, type PersonDetector } from './personDetector.ts';
import { KEYPOINT_NAMES, type Box, type Keypoint, type PersonPose } from './poseTypes.ts';
import { humanModelsDir, humanVersion, initTfjs, loadGraphModelFile } from './tfjsRuntime.ts';

export interface PoseEstimatorOptions {
  /** Most people returned by `estimate` (largest detector scores first). Default 4. */
  maxPeople?: number;
  /** Person-detector threshold. Default 0.3. */
  minPersonScore?: number;
  /** Folder with movenet-lightning.json and centernet.json; default @vladmandic/human's models/. */
  modelsDir?: string;
  /** Run the models in a worker thread. Default false. */
  worker?: boolean;
}

export interface PoseEstimator {
  /** Cache identity of the models: part of the keypoint cache key. */
  readonly modelId: string;
  readonly info: PoseModelInfo;
  /** Every person found (detector, then MoveNet on each); MoveNet on the whole frame when nobody is detected. */
  estimate(frame: RgbImage): Promise<PersonPose[]>;
  /** MoveNet on a square crop around `region` (frame pixels): for a person already tracked. */
  estimateInRegion(frame: RgbImage, region: Box): Promise<PersonPose>;
  dispose(): Promise<void>;
}

const MOVENET_SIZE = 192;
/** A detector box is widened to a square this much larger than its long side before MoveNet sees it. */
const DETECTION_MARGIN = 1.2;

export function poseModelInfo(): PoseModelInfo {
  const v = humanVersion();
  return {
    id: `movenet-lightning+centernet/human-${v}`,
    poseModel: 'MoveNet SinglePose Lightning (17 COCO keypoints)',
    personDetector: 'CenterNet (COCO person class)',
    backend: `TensorFlow.js WASM, models from @vladmandic/human ${v}`,
  };
}

export async function createPoseEstimator(options: PoseEstimatorOptions = {}): Promise<PoseEstimator> {
  if (options.worker) {
    const { createPoseEstimatorWorker } = await import('./poseEstimatorWorker.ts');
    return createPoseEstimatorWorker(options);
  }
  const tf = await initTfjs();
  const { maxPeople = 4, minPersonScore = 0.3 } = options;
  const dir = options.modelsDir ?? humanModelsDir();
  const moveNet: GraphModel = await loadGraphModelFile(path.join(dir, 'movenet-lightning.json'));
  const detector: PersonDetector = await createPersonDetector({ modelsDir: dir, minScore: minPersonScore, maxPeople });
  const info = poseModelInfo();

  /** MoveNet on the square `sq` (frame pixels, may extend past the frame: black outside). */
  async function runMoveNet(frame: RgbImage, sq: Box): Promise<Keypoint[]> {
    const out = tf.tidy(() => {
      const img = tf.tensor4d(frame.data, [1, frame.height, frame.width, 3], 'float32');
      const W = Math.max(1, frame.width - 1);
      const H = Math.max(1, frame.height - 1);
      const box = [[sq.y / H, sq.x / W, (sq.y + sq.h) / H, (sq.x + sq.w) / W]];
      const crop = tf.image.cropAndResize(img, tf.tensor2d(box), [0], [MOVENET_SIZE, MOVENET_SIZE], 'bilinear', 0);
      return moveNet.execute(tf.cast(crop, 'int32')) as Tensor;
    });
    const data = await out.data();
    out.dispose();
    return KEYPOINT_NAMES.map((name, i) => ({
      name,
      x: sq.x + (data[i * 3 + 1] ?? 0) * sq.w,
      y: sq.y + (data[i * 3] ?? 0) * sq.h,
      score: data[i * 3 + 2] ?? 0,
    }));
  }

  async function poseIn(frame: RgbImage, region: Box, detectionScore: number | null, margin: number): Promise<PersonPose> {
    const keypoints = await runMoveNet(frame, squareAround(region, margin));
    return {
      keypoints,
      score: keypoints.reduce((s, k) => s + k.score, 0) / keypoints.length,
      box: detectionScore !== null ? region : keypointBox(keypoints, 0.25) ?? region,
      detectionScore,
    };
  }

  return {
    modelId: info.id,
    info,
    async estimate(frame) {
      const people = await detector.detect(frame);
      if (people.length === 0) {
        const whole = { x: 0, y: 0, w: frame.width, h: frame.height };
        const p = await poseIn(frame, whole, null, 1);
        return p.score >= 0.2 ? [p] : [];
      }
      const poses: PersonPose[] = [];
      for (const d of people.slice(0, maxPeople)) poses.push(await poseIn(frame, d.box, d.score, DETECTION_MARGIN));
      return poses;
    },
    estimateInRegion(frame, region) {
      return poseIn(frame, region, null, 1);
    },
    async dispose() {
      moveNet.dispose();
      detector.dispose();
    },
  };
}

/** Square with the box's centre and side `margin` x its long side. */
export function squareAround(b: Box, margin: number): Box {
  const side = Math.max(b.w, b.h) * margin;
  return { x: b.x + b.w / 2 - side / 2, y: b.y + b.h / 2 - side / 2, w: side, h: side };
}

/** Extent of the keypoints scoring at least `minScore`, or null when fewer than 4 do. */
export function keypointBox(keypoints: readonly Keypoint[], minScore: number): Box | null {
  const ok = keypoints.filter((k) => k.score >= minScore);
  if (ok.length < 4) return null;
  const xs = ok.map((k) => k.x);
  const ys = ok.map((k) => k.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}
