/**
 * The recording's audio as the audio questions need it: the original (16 kHz mono), the denoised version,
 * voice activity, and a transcript when an ASR function is given. analysis.json's `audio` block is cached per
 * recording so reopening needs no decoding. RNNoise gets the audio at its own 48 kHz straight from ffmpeg (the
 * full band, no resampling in and out of it); the denoised audio is brought to 16 kHz once, for voice activity
 * and the model.
 */
import { enhanceAudio } from '../enhance/enhanceAudio.ts';
import type { AudioEnhancementOutput } from '../contract/analysisSchema.ts';
import type { AsrFunction } from '../enhance/transcribeSpeech.ts';
import { extractAudioPcm } from '../media/extractAudio.ts';
import type { AudioSources } from './buildEvidence.ts';

export const AUDIO_RATE = 16000;
/** RNNoise's rate (enhance/denoiseSpeech.ts). */
const DENOISE_RATE = 48000;

export interface PrepareAudioOptions {
  videoPath: string;
  asr?: { transcribe: AsrFunction; model: string };
  signal?: AbortSignal;
}

export async function prepareAudio(o: PrepareAudioOptions): Promise<{ sources: AudioSources; output: AudioEnhancementOutput }> {
  const [base, full] = await Promise.all([
    extractAudioPcm(o.videoPath, { sampleRate: AUDIO_RATE, signal: o.signal }),
    extractAudioPcm(o.videoPath, { sampleRate: DENOISE_RATE, signal: o.signal }),
  ]);
  // In a worker thread: the analysis decodes the video and runs pose meanwhile, fed from this thread.
  const enhanced = await enhanceAudio(full, DENOISE_RATE, { denoise: true, asr: o.asr, signal: o.signal, worker: true });
  const transcript = enhanced.output.transcript;
  return {
    output: enhanced.output,
    sources: {
      sampleRate: AUDIO_RATE,
      base,
      denoised: enhanced.speech16k,
      transcriptOf: transcript
        ? (startS, endS) => transcript.segments.filter((t) => t.endS > startS && t.startS < endS)
          .map((t) => `[${(Math.max(t.startS, startS) - startS).toFixed(1)}s] ${t.text}`).join(' ')
        : undefined,
    },
  };
}
