/**
 * The pose estimator in a worker thread: the same interface as the in-process one, so inference overlaps
 * ffmpeg decoding and the rest of the pipeline on the main thread. Frames are copied to the worker (a 448x252
 * frame is 340 kB). Start-up is all or nothing: if the models do not load (or start-up is cancelled) the
 * worker is ended before the error is thrown. A request whose signal aborts rejects at once with
 * CancelledError; so do requests still pending when the estimator is disposed.
 */
import { Worker } from 'node:worker_threads';
import { asCancellation, CancelledError, fromErrorPayload } from '../errors.ts';
import type { RgbImage } from '../media/frameTypes.ts';
import { disableOrtTelemetry } from './onnxRuntime.ts';
import type { PoseEstimator, PoseEstimatorOptions } from './poseEstimatorTypes.ts';
import { poseModelInfo } from './poseModelInfo.ts';
import type { FramePayload, PoseWorkerCall, PoseWorkerReply, PoseWorkerResult } from './poseWorkerProtocol.ts';

interface Pending {
  resolve: (r: PoseWorkerResult) => void;
  reject: (e: Error) => void;
}

function framePayload(frame: RgbImage): { payload: FramePayload; transfer: ArrayBuffer[] } {
  const data = new Uint8Array(frame.data.length);
  data.set(frame.data);
  return { payload: { width: frame.width, height: frame.height, data }, transfer: [data.buffer] };
}

function unexpected(r: PoseWorkerResult): Error {
  return new Error(`pose worker answered ${r.method} to another request`);
}

export async function createPoseEstimatorWorker(options: PoseEstimatorOptions): Promise<PoseEstimator> {
  const { worker: _worker, signal: startSignal, ...initOptions } = options;
  // The worker's onnxruntime reads the process environment: the telemetry switch must be set before it starts.
  disableOrtTelemetry();
  const info = poseModelInfo(options.runtime, options.threads);
  const entry = process.env.SEMIOSCOPE_POSE_WORKER ?? new URL('./poseWorkerEntry.mjs', import.meta.url);
  const worker = new Worker(entry);
  worker.unref();
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let dead: Error | null = null;
  const fail = (e: Error) => {
    dead ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (m: PoseWorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return; // its caller gave up (aborted signal)
    pending.delete(m.id);
    if (m.ok) p.resolve(m);
    else p.reject(fromErrorPayload(m.error));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`pose worker exited (code ${code})`)));

  function request(call: PoseWorkerCall, transfer: ArrayBuffer[] = [], signal?: AbortSignal): Promise<PoseWorkerResult> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    let onAbort: (() => void) | undefined;
    return new Promise<PoseWorkerResult>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (signal) {
        onAbort = () => { pending.delete(id); reject(new CancelledError()); };
        signal.addEventListener('abort', onAbort, { once: true });
      }
      worker.ref();
      worker.postMessage({ ...call, id }, transfer);
    }).finally(() => {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      if (pending.size === 0) worker.unref();
    });
  }

  let disposed: Promise<void> | null = null;
  const dispose = () => {
    disposed ??= (async () => {
      if (!dead) {
        try { await request({ method: 'dispose' }); } catch { /* the worker is ended below anyway */ }
      }
      fail(new CancelledError('The pose estimator was closed.'));
      await worker.terminate();
    })();
    return disposed;
  };

  try {
    const r = await request({ method: 'init', options: initOptions }, [], startSignal);
    if (r.method !== 'init') throw unexpected(r);
  } catch (e) {
    await dispose();
    throw asCancellation(e, startSignal);
  }

  return {
    modelId: info.id,
    info,
    async estimate(frame, signal, orientation = 0) {
      const { payload, transfer } = framePayload(frame);
      const r = await request({ method: 'estimate', frame: payload, orientation }, transfer, signal);
      if (r.method !== 'estimate') throw unexpected(r);
      return r.result;
    },
    async detectPeople(frame, signal, orientation = 0) {
      const { payload, transfer } = framePayload(frame);
      const r = await request({ method: 'detectPeople', frame: payload, orientation }, transfer, signal);
      if (r.method !== 'detectPeople') throw unexpected(r);
      return r.result;
    },
    async estimateInRegion(frame, region, signal, orientation = 0) {
      const { payload, transfer } = framePayload(frame);
      const r = await request({ method: 'estimateInRegion', frame: payload, region, orientation }, transfer, signal);
      if (r.method !== 'estimateInRegion') throw unexpected(r);
      return r.result;
    },
    dispose,
  };
}
