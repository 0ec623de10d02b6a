/**
 * Speech enhancement with RNNoise (@echogarden/rnnoise-wasm: BSD-3, weights compiled into the WASM), in the
 * role SEGAN played in the paper. RNNoise works on 48 kHz audio in 480-sample frames scaled to 16-bit range:
 * other rates are resampled in and out. The output is aligned with the input (RNNoise's one-frame delay is
 * removed) and has the input's length.
 */
import RNNoise from '@echogarden/rnnoise-wasm';
import { throwIfCancelled } from '../errors.ts';

export const DENOISER_NAME = 'RNNoise (@echogarden/rnnoise-wasm 0.2.0)';
const RATE = 48000;
const FRAME = 480;
/**
 * Frames between two turns of the event loop: 0.2 s of audio, ~5 ms of work, so video decoding and the pose
 * worker, fed from the same thread while the analysis runs audio and video together, never wait long (on the
 * bench stand-in, 100 frames per turn left the decode ~1-2 s behind).
 */
const YIELD_FRAMES = 20;

interface RnnoiseModule {
  _rnnoise_create(model: number): number;
  _rnnoise_destroy(state: number): void;
  _rnnoise_process_frame(state: number, out: number, input: number): number;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAPF32: Float32Array;
}

let modulePromise: Promise<RnnoiseModule> | null = null;
function rnnoise(): Promise<RnnoiseModule> {
  modulePromise ??= RNNoise() as Promise<RnnoiseModule>;
  return modulePromise;
}

export interface DenoiseOptions {
  signal?: AbortSignal;
  /** Per-frame speech probability from RNNoise's own VAD, at 100 frames/s, when given. */
  onVadProbabilities?: (p: Float32Array) => void;
}

export async function denoiseSpeech(pcm: Float32Array, sampleRate: number, options: DenoiseOptions = {}): Promise<Float32Array> {
  const { resamplePcm } = await import('./resamplePcm.ts');
  const m = await rnnoise();
  const x = sampleRate === RATE ? pcm : resamplePcm(pcm, sampleRate, RATE);
  const frames = Math.ceil(x.length / FRAME) + 1; // one extra frame flushes the delay
  const y = new Float32Array(frames * FRAME);
  const vad = new Float32Array(frames);
  const state = m._rnnoise_create(0);
  const inPtr = m._malloc(FRAME * 4);
  const outPtr = m._malloc(FRAME * 4);
  try {
    for (let f = 0; f < frames; f++) {
      if (f % YIELD_FRAMES === 0) {
        throwIfCancelled(options.signal);
        if (f > 0) await new Promise((r) => setImmediate(r)); // let the event loop breathe (pipes, workers)
      }
      const heap = m.HEAPF32;
      const base = inPtr >> 2;
      for (let i = 0; i < FRAME; i++) heap[base + i] = (x[f * FRAME + i] ?? 0) * 32768;
      vad[f] = m._rnnoise_process_frame(state, outPtr, inPtr);
      const heap2 = m.HEAPF32; // may have been replaced if memory grew
      const ob = outPtr >> 2;
      for (let i = 0; i < FRAME; i++) y[f * FRAME + i] = heap2[ob + i]! / 32768;
    }
  } finally {
    m._free(inPtr);
    m._free(outPtr);
    m._rnnoise_destroy(state);
  }
  options.onVadProbabilities?.(vad.subarray(1));
  const aligned = y.subarray(FRAME, FRAME + x.length);
  return sampleRate === RATE ? aligned.slice() : resamplePcm(aligned, RATE, sampleRate).subarray(0, pcm.length);
}
