/**
 * People in a frame: CenterNet (COCO, from @vladmandic/human's models) keeping the `person` class, with
 * non-maximum suppression. The detector sees the frame turned upright for the orientation asked for
 * (uprightView.ts); boxes come back in the frame's own pixels.
 */
import type { RgbImage } from '../media/frameTypes.ts';
import { centerNetInput } from './poseModelInputs.ts';
import { CENTERNET_SIZE, type PoseModelRunner } from './poseModelRunner.ts';
import type { Box } from './poseTypes.ts';
import { type Orientation, toFrameBox, uprightSize } from './uprightView.ts';

export interface PersonDetection {
  box: Box;
  score: number;
}

export interface PersonDetectorOptions {
  /** Default 0.25. */
  minScore?: number;
  /** Default 6. */
  maxPeople?: number;
  /** IoU above which overlapping boxes are merged. Default 0.5. */
  iouThreshold?: number;
}

export interface PersonDetector {
  readonly modelId: string;
  /** People in `frame`, seen with the picture turned so a person lying `orientation` stands upright. */
  detect(frame: RgbImage, orientation?: Orientation): Promise<PersonDetection[]>;
}

const PERSON_CLASS = 0;
/** Default IoU above which two boxes are one person (the usual NMS threshold of COCO detectors). */
export const NMS_IOU = 0.5;

/** The detector on `runner`'s CenterNet (the runner is owned, and disposed, by the caller). */
export function createPersonDetector(runner: PoseModelRunner, options: PersonDetectorOptions = {}): PersonDetector {
  const inputSize = CENTERNET_SIZE; // fixed by the exported graph (its feature maps are concatenated at fixed sizes)
  const { minScore = 0.25, maxPeople = 6, iouThreshold = NMS_IOU } = options;
  return {
    modelId: 'centernet-512',
    async detect(frame, orientation = 0) {
      const det = await runner.centerNet(centerNetInput(frame, inputSize, orientation));
      const { width: W, height: H } = uprightSize(frame.width, frame.height, orientation);
      const sx = W / inputSize;
      const sy = H / inputSize;
      const found: PersonDetection[] = [];
      for (let k = 0; k + 6 <= det.length; k += 6) {
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0, score = 0, cls = -1] = det.subarray(k, k + 6);
        if (Math.round(cls) !== PERSON_CLASS || score < minScore) continue;
        const bx = Math.max(0, x1 * sx);
        const by = Math.max(0, y1 * sy);
        const box = { x: bx, y: by, w: Math.min(W, x2 * sx) - bx, h: Math.min(H, y2 * sy) - by };
        if (box.w > 2 && box.h > 2) found.push({ box: toFrameBox(box, orientation, frame.width, frame.height), score });
      }
      return nonMaxSuppression(found, iouThreshold, maxPeople);
    },
  };
}

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/** IoU, lifted for boxes whose centres are close relative to their size (region poses vs detector boxes). */
export function boxSimilarity(a: Box, b: Box): number {
  const d = Math.hypot(a.x + a.w / 2 - (b.x + b.w / 2), a.y + a.h / 2 - (b.y + b.h / 2));
  const size = Math.max(1, Math.sqrt(Math.max(a.w * a.h, b.w * b.h)));
  const near = Math.max(0, 1 - d / (0.5 * size));
  return Math.max(iou(a, b), 0.8 * near);
}

export function nonMaxSuppression(dets: PersonDetection[], iouThreshold: number, max: number): PersonDetection[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: PersonDetection[] = [];
  for (const d of sorted) {
    if (kept.length >= max) break;
    if (kept.every((k) => iou(k.box, d.box) < iouThreshold)) kept.push(d);
  }
  return kept;
}
