/**
 * The signal part of audio enhancement (no model server involved): RNNoise speech enhancement, the audio
 * brought to 16 kHz, and Silero voice activity on it. enhanceAudio.ts adds the transcript; the analysis runs
 * this part in a worker thread (enhanceAudioWorker.ts) so it does not hold up the thread feeding the video.
 */
import type { TimedSpan } from '../contract/analysisSchema.ts';
import { DENOISER_NAME, denoiseSpeech } from './denoiseSpeech.ts';
import { detectVoiceActivity, VAD_MODEL_NAME, type VoiceActivityOptions } from './detectVoiceActivity.ts';
import { resamplePcm } from './resamplePcm.ts';

export interface AudioSignalOptions {
  /** Apply RNNoise first (default true). Voice activity then runs on the denoised audio. */
  denoise?: boolean;
  vad?: Omit<VoiceActivityOptions, 'signal' | 'onProbabilities'>;
  signal?: AbortSignal;
}

export interface AudioSignal {
  /** Denoised PCM at the input rate, or null when `denoise` is false. */
  denoised: Float32Array | null;
  /** The 16 kHz audio voice activity was found on (the denoised audio when `denoise` is on). */
  speech16k: Float32Array;
  voiceActivity: TimedSpan[];
  denoiser: string | null;
  vadModel: string;
}

export async function enhanceAudioSignal(pcm: Float32Array, sampleRate: number, options: AudioSignalOptions = {}): Promise<AudioSignal> {
  const { denoise = true, signal } = options;
  const clean = denoise ? await denoiseSpeech(pcm, sampleRate, { signal }) : null;
  const src = clean ?? pcm;
  const speech16k = sampleRate === 16000 ? src : resamplePcm(src, sampleRate, 16000);
  const voiceActivity = await detectVoiceActivity(speech16k, { ...options.vad, signal });
  return { denoised: clean, speech16k, voiceActivity, denoiser: clean ? DENOISER_NAME : null, vadModel: VAD_MODEL_NAME };
}
