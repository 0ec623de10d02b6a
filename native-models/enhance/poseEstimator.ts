/**
 * Body pose on real pretrained models that ship inside @vladmandic/human (loaded from disk, run by
 * `poseModelRunner.ts` on onnxruntime-node, or on TF.js WASM when asked): CenterNet finds the people, MoveNet
 * Lightning (17 COCO keypoints) runs on a square crop around each one. `estimateInRegion` skips the detector
 * for a person already being tracked. With `worker: true` the models live in a worker thread, so inference
 * overlaps frame decoding. Every method can look at the frame turned upright for a patient lying across or
 * upside down (`orientation`, uprightView.ts); poses and boxes always come back in the frame's own pixels.
 */
import { throwIfCancelled } from '../errors.ts';
import type { RgbImage } from '../media/frameTypes.ts';
import { createPersonDetector, type PersonDetector } from './personDetector.ts';
import type { PoseEstimator, PoseEstimatorOptions } from './poseEstimatorTypes.ts';
import { moveNetInput } from './poseModelInputs.ts';
import { poseModelInfo } from './poseModelInfo.ts';
import { createPoseModelRunner, defaultPoseThreads, MOVENET_SIZE } from './poseModelRunner.ts';
import { type Box, type Keypoint, KEYPOINT_NAMES, type PersonPose } from './poseTypes.ts';
import { type Orientation, toFrameKeypoints, toUprightBox } from './uprightView.ts';

export type { PoseEstimator, PoseEstimatorOptions } from './poseEstimatorTypes.ts';
export { poseModelInfo } from './poseModelInfo.ts';

/** A detector box is widened to a square this much larger than its long side before MoveNet sees it. */
const DETECTION_MARGIN = 1.2;
/** Around a person's box, this much (relative to its size) stays visible to MoveNet; the rest is blacked out. */
const VISIBLE_MARGIN = 1.15;

export async function createPoseEstimator(options: PoseEstimatorOptions = {}): Promise<PoseEstimator> {
  if (options.worker) {
    const { createPoseEstimatorWorker } = await import('./poseEstimatorWorker.ts');
    return createPoseEstimatorWorker(options);
  }
  const { maxPeople = 4, minPersonScore = 0.3, runtime = 'onnx', threads = defaultPoseThreads() } = options;
  const info = poseModelInfo(runtime, threads);
  const runner = await createPoseModelRunner({ runtime, threads, modelsDir: options.modelsDir, signal: options.signal });
  const detector: PersonDetector = createPersonDetector(runner, { minScore: minPersonScore, maxPeople });

  /**
   * MoveNet on the square `sq` (pixels of the upright picture, may extend past it: black outside); keypoints
   * in the frame's pixels. Only `visible` is shown: the rest of the square is blacked out so people beside the
   * one in `visible` do not draw the pose.
   */
  async function runMoveNet(frame: RgbImage, sq: Box, visible: Box, orientation: Orientation): Promise<Keypoint[]> {
    const data = await runner.moveNet(moveNetInput(frame, sq, visible, MOVENET_SIZE, orientation));
    const upright = KEYPOINT_NAMES.map((name, i) => ({
      name,
      x: sq.x + (data[i * 3 + 1] ?? 0) * sq.w,
      y: sq.y + (data[i * 3] ?? 0) * sq.h,
      score: data[i * 3 + 2] ?? 0,
    }));
    return orientation === 0 ? upright : toFrameKeypoints(upright, orientation, frame.width, frame.height);
  }

  /** The pose of the person in `region` (frame pixels), seen turned upright for `orientation`. */
  async function poseIn(frame: RgbImage, region: Box, detectionScore: number | null, margin: number, orientation: Orientation): Promise<PersonPose> {
    const up = toUprightBox(region, orientation, frame.width, frame.height);
    const keypoints = await runMoveNet(frame, squareAround(up, margin), grow(up, VISIBLE_MARGIN), orientation);
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
    async estimate(frame, signal, orientation = 0) {
      throwIfCancelled(signal);
      const people = await detector.detect(frame, orientation);
      if (people.length === 0) {
        const whole = { x: 0, y: 0, w: frame.width, h: frame.height };
        const p = await poseIn(frame, whole, null, 1, orientation);
        return p.score >= 0.2 ? [p] : [];
      }
      const poses: PersonPose[] = [];
      for (const d of people.slice(0, maxPeople)) {
        throwIfCancelled(signal);
        const p = await poseIn(frame, d.box, d.score, DETECTION_MARGIN, orientation);
        // Two boxes over one person give the same pose twice: keep the better one.
        const twin = poses.findIndex((q) => samePerson(p, q));
        if (twin < 0) poses.push(p);
        else if (p.score > poses[twin]!.score) poses[twin] = p;
      }
      return poses;
    },
    async detectPeople(frame, signal, orientation = 0) {
      throwIfCancelled(signal);
      return detector.detect(frame, orientation);
    },
    async estimateInRegion(frame, region, signal, orientation = 0) {
      throwIfCancelled(signal);
      return poseIn(frame, region, null, 1, orientation);
    },
    async dispose() {
      await runner.dispose();
    },
  };
}

/** The box scaled about its centre. */
export function grow(b: Box, f: number): Box {
  return { x: b.x + (b.w * (1 - f)) / 2, y: b.y + (b.h * (1 - f)) / 2, w: b.w * f, h: b.h * f };
}

/** Poses whose confident head and shoulder points nearly coincide. */
function samePerson(a: PersonPose, b: PersonPose): boolean {
  const size = Math.sqrt(Math.min(a.box.w * a.box.h, b.box.w * b.box.h));
  let n = 0, close = 0;
  for (let i = 0; i <= 6; i++) {
    const p = a.keypoints[i]!;
    const q = b.keypoints[i]!;
    if (p.score < 0.3 || q.score < 0.3) continue;
    n++;
    if (Math.hypot(p.x - q.x, p.y - q.y) < 0.05 * size) close++;
  }
  return n >= 2 && close / n >= 0.6;
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
