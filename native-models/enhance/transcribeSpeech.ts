/**
 * The transcript hook: speech segments are grouped into chunks (neighbours closer than `mergeGapS` joined,
 * each chunk at most `maxChunkS`), and each chunk is passed to an ASR function supplied by the engine (an
 * audio GGUF behind llama-server's `input_audio`). Times in the result are recording seconds.
 */
import type { TimedSpan, Transcript, TranscriptSegment } from '../contract/analysisSchema.ts';
import { asCancellation, throwIfCancelled } from '../errors.ts';

/** Transcribe one chunk of mono PCM; return the text ('' for nothing intelligible). */
export type AsrFunction = (pcm: Float32Array, sampleRate: number, span: TimedSpan, signal?: AbortSignal) => Promise<string>;

export interface TranscribeOptions {
  /** Display name of the ASR model for the transcript. */
  model: string;
  /** Default 1.0 s. */
  mergeGapS?: number;
  /** Default 30 s. */
  maxChunkS?: number;
  /** Audio kept before and after each chunk. Default 0.25 s. */
  padS?: number;
  signal?: AbortSignal;
}

export function chunkSpeech(segments: readonly TimedSpan[], mergeGapS: number, maxChunkS: number): TimedSpan[] {
  const chunks: TimedSpan[] = [];
  for (const s of segments) {
    // Long segments are cut into pieces of at most maxChunkS.
    for (let a = s.startS; a < s.endS; a += maxChunkS) {
      const piece = { startS: a, endS: Math.min(s.endS, a + maxChunkS) };
      const last = chunks[chunks.length - 1];
      if (last && piece.startS - last.endS <= mergeGapS && piece.endS - last.startS <= maxChunkS) last.endS = piece.endS;
      else chunks.push(piece);
    }
  }
  return chunks;
}

export async function transcribeSpeech(
  pcm: Float32Array, sampleRate: number, speech: readonly TimedSpan[], asr: AsrFunction, options: TranscribeOptions,
): Promise<Transcript | null> {
  const { mergeGapS = 1, maxChunkS = 30, padS = 0.25, signal } = options;
  throwIfCancelled(signal);
  if (speech.length === 0) return null;
  const durationS = pcm.length / sampleRate;
  const segments: TranscriptSegment[] = [];
  for (const c of chunkSpeech(speech, mergeGapS, maxChunkS)) {
    throwIfCancelled(signal);
    const r = (v: number) => Math.round(v * 1000) / 1000;
    const span = { startS: r(Math.max(0, c.startS - padS)), endS: r(Math.min(durationS, c.endS + padS)) };
    const slice = pcm.subarray(Math.floor(span.startS * sampleRate), Math.ceil(span.endS * sampleRate));
    let text: string;
    try {
      text = (await asr(slice, sampleRate, span, signal)).trim();
    } catch (e) {
      throw asCancellation(e, signal); // an ASR call cut short by the signal is a cancellation, not a failure
    }
    if (text) segments.push({ startS: span.startS, endS: span.endS, text });
  }
  if (segments.length === 0) return null;
  return { text: segments.map((s) => s.text).join(' '), segments, model: options.model };
}
