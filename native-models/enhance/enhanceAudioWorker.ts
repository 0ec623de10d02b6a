/**
 * enhanceAudioSignal in a worker thread: while an analysis prepares the audio alongside the video, RNNoise
 * (~4 CPU-s for 3 min) would otherwise run on the thread that reads the decoder's frames and feeds the pose
 * worker, which then wait. The PCM is transferred to the worker and the results back (no copies). A signal
 * that aborts ends the worker at once with CancelledError; so does a failure, with the engine error's class.
 */
import { Worker } from 'node:worker_threads';
import { CancelledError, fromErrorPayload, type ErrorPayload } from '../errors.ts';
import type { AudioSignal, AudioSignalOptions } from './enhanceAudioSignal.ts';
import { disableOrtTelemetry } from './onnxRuntime.ts';

export interface AudioWorkerRequest {
  pcm: Float32Array;
  sampleRate: number;
  options: Omit<AudioSignalOptions, 'signal'>;
}
export type AudioWorkerReply = { ok: true; result: AudioSignal } | { ok: false; error: ErrorPayload };

export function enhanceAudioSignalInWorker(pcm: Float32Array, sampleRate: number, options: AudioSignalOptions = {}): Promise<AudioSignal> {
  const { signal, ...rest } = options;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  // The worker's voice-activity model loads onnxruntime, which reads the telemetry switch from the process environment.
  disableOrtTelemetry();
  const entry = process.env.SEMIOSCOPE_AUDIO_WORKER ?? new URL('./audioWorkerEntry.mjs', import.meta.url);
  const worker = new Worker(entry);
  return new Promise<AudioSignal>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      f();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new CancelledError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: AudioWorkerReply) => finish(() => (m.ok ? resolve(m.result) : reject(fromErrorPayload(m.error)))));
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(new Error(`audio worker exited (code ${code})`))));
    // Copied once into a buffer of its own, which is then moved to the worker: the caller keeps its PCM.
    const own = pcm.slice();
    const request: AudioWorkerRequest = { pcm: own, sampleRate, options: rest };
    worker.postMessage(request, [own.buffer as ArrayBuffer]);
  });
}
