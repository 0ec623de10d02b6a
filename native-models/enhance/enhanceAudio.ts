/**
 * Audio enhancement for one recording: RNNoise speech enhancement, Silero voice activity on the result, and
 * a transcript when an ASR function is given. Returns analysis.json's `audio` block and the denoised PCM
 * (for the `denoised` and `transcript` variants: encode it with media/extractAudio's `encodeWav`). Give it
 * 48 kHz audio when the recording has it: RNNoise's own rate, so it hears the whole band and nothing is
 * resampled in JS on the way in and out (16 kHz input costs ~1.3 CPU-s more for 3 min). The signal part
 * (enhanceAudioSignal.ts) can run in a worker thread (`worker: true`).
 */
import type { AudioEnhancementOutput } from '../contract/analysisSchema.ts';
import type { VoiceActivityOptions } from './detectVoiceActivity.ts';
import { enhanceAudioSignal } from './enhanceAudioSignal.ts';
import { resamplePcm } from './resamplePcm.ts';
import { transcribeSpeech, type AsrFunction } from './transcribeSpeech.ts';

export interface EnhanceAudioOptions {
  /** Apply RNNoise first (default true). VAD and ASR then run on the denoised audio. */
  denoise?: boolean;
  vad?: Omit<VoiceActivityOptions, 'signal' | 'onProbabilities'>;
  /** When given, speech segments are transcribed with it. */
  asr?: { transcribe: AsrFunction; model: string; sampleRate?: number };
  /** Denoise and find voice activity in a worker thread (enhanceAudioWorker.ts); the transcript stays here. */
  worker?: boolean;
  signal?: AbortSignal;
}

export interface EnhancedAudio {
  output: AudioEnhancementOutput;
  /** Denoised PCM at the input rate, or null when `denoise` is false. */
  denoised: Float32Array | null;
  sampleRate: number;
  /** The 16 kHz audio voice activity was found on (the denoised audio when `denoise` is on). */
  speech16k: Float32Array;
}

export async function enhanceAudio(pcm: Float32Array, sampleRate: number, options: EnhanceAudioOptions = {}): Promise<EnhancedAudio> {
  const { denoise = true, signal } = options;
  const run = options.worker ? (await import('./enhanceAudioWorker.ts')).enhanceAudioSignalInWorker : enhanceAudioSignal;
  const a = await run(pcm, sampleRate, { denoise, ...(options.vad ? { vad: options.vad } : {}), signal });
  let transcript = null;
  if (options.asr) {
    const rate = options.asr.sampleRate ?? 16000;
    const src = a.denoised ?? pcm;
    const asrPcm = rate === 16000 ? a.speech16k : rate === sampleRate ? src : resamplePcm(src, sampleRate, rate);
    transcript = await transcribeSpeech(asrPcm, rate, a.voiceActivity, options.asr.transcribe, { model: options.asr.model, signal });
  }
  return {
    output: { voiceActivity: a.voiceActivity, transcript, denoiser: a.denoiser, vadModel: a.vadModel },
    denoised: a.denoised,
    sampleRate,
    speech16k: a.speech16k,
  };
}
