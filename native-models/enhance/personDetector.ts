/**
 * People in a frame: CenterNet (COCO, from @vladmandic/human's models) keeping the `person` class, with
 * non-maximum suppression. Boxes in the frame's pixels.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import path from 'node:path';
import type { RgbImage } from '../media/frameTypes.ts';
import type { Box } from './poseTypes.ts';
import { humanModelsDir, initTfjs, loadGraphModelFile } from './tfjsRuntime.ts';

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
  modelsDir?: string;
}

export interface PersonDetector {
  readonly modelId: string;
  detect(frame: RgbImage): Promise<PersonDetection[]>;
  dispose(): void;
}

const PERSON_CLASS = 0;

export async function createPersonDetector(options: PersonDetectorOptions = {}): Promise<PersonDetector> {
  const tf = await initTfjs();
  const inputSize = 512; // fixed by the exported graph (its feature maps are concatenated at fixed sizes)
  const { minScore = 0.25, maxPeople = 6, iouThreshold = 0.5 } = options;
  const model: GraphModel = await loadGraphModelFile(path.join(options.modelsDir ?? humanModelsDir(), 'centernet.json'));
  return {
    modelId: 'centernet-512',
    async detect(frame) {
      const res = tf.tidy(() => {
        const img = tf.tensor4d(frame.data, [1, frame.height, frame.width, 3], 'float32');
        const x = tf.image.resizeBilinear(img, [inputSize, inputSize]);
        return model.execute(x, 'tower_0/detections') as Tensor;
      });
      const det = (await res.array()) as number[][][];
      res.dispose();
      const sx = frame.width / inputSize;
      const sy = frame.height / inputSize;
      const found: PersonDetection[] = [];
      for (const d of det[0] ?? []) {
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0, score = 0, cls = -1] = d;
        if (Math.round(cls) !== PERSON_CLASS || score < minScore) continue;
        const bx = Math.max(0, x1 * sx);
        const by = Math.max(0, y1 * sy);
        const box = { x: bx, y: by, w: Math.min(frame.width, x2 * sx) - bx, h: Math.min(frame.height, y2 * sy) - by };
        if (box.w > 2 && box.h > 2) found.push({ box, score });
      }
      return nonMaxSuppression(found, iouThreshold, maxPeople);
    },
    dispose() { model.dispose(); },
  };
}

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
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
