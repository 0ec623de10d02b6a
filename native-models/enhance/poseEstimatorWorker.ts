/**
 * The pose estimator in a worker thread: the same interface as the in-process one, so TF.js inference (which
 * blocks the thread it runs on) overlaps ffmpeg decoding and the rest of the pipeline on the main thread.
 * Frames are copied to the worker (a 448x252 frame is 340 kB).
 */
import { Worker } from 'node:worker_threads';
import type { RgbImage } from '../media/frameTypes.ts';
import type { PoseEstimator, PoseEstimatorOptions } from './poseEstimator.ts';
import { poseModelInfo } from './poseEstimator.ts';
import type { PersonDetection } from './personDetector.ts';
import type { Box, PersonPose } from './poseTypes.ts';

export interface PoseWorkerRequest {
  id: number;
  method: 'init' | 'estimate' | 'detectPeople' | 'estimateInRegion' | 'dispose';
  options?: Omit<PoseEstimatorOptions, 'worker'>;
  frame?: { width: number; height: number; data: Uint8Array };
  region?: Box;
}

export interface PoseWorkerResponse {
  id: number;
  result?: PersonPose[] | PersonPose | PersonDetection[] | null;
  error?: string;
}

export async function createPoseEstimatorWorker(options: PoseEstimatorOptions): Promise<PoseEstimator> {
  const entry = process.env.SEMIOSCOPE_POSE_WORKER ?? new URL('./poseWorkerEntry.mjs', import.meta.url);
  const worker = new Worker(entry);
  worker.unref();
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let dead: Error | null = null;
  worker.on('message', (m: PoseWorkerResponse) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  const fail = (e: Error) => {
    dead = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => { if (!dead) fail(new Error(`pose worker exited (code ${code})`)); });

  function call<T>(req: Omit<PoseWorkerRequest, 'id'>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ ...req, id }, transfer);
    }).finally(() => { if (pending.size === 0) worker.unref(); });
  }
  function framePayload(frame: RgbImage) {
    const data = new Uint8Array(frame.data.length);
    data.set(frame.data);
    return { payload: { width: frame.width, height: frame.height, data }, transfer: [data.buffer] };
  }

  const { worker: _w, ...rest } = options;
  await call<null>({ method: 'init', options: rest });
  const info = poseModelInfo(options.runtime, options.threads);
  return {
    modelId: info.id,
    info,
    estimate(frame) {
      const { payload, transfer } = framePayload(frame);
      return call<PersonPose[]>({ method: 'estimate', frame: payload }, transfer);
    },
    detectPeople(frame) {
      const { payload, transfer } = framePayload(frame);
      return call<PersonDetection[]>({ method: 'detectPeople', frame: payload }, transfer);
    },
    estimateInRegion(frame, region) {
      const { payload, transfer } = framePayload(frame);
      return call<PersonPose>({ method: 'estimateInRegion', frame: payload, region }, transfer);
    },
    async dispose() {
      if (dead) return;
      try { await call<null>({ method: 'dispose' }); } catch { /* already gone */ }
      dead = new Error('pose estimator disposed');
      await worker.terminate();
    },
  };
}
