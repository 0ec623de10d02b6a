/**
 * Speech-to-text through an audio-capable model (Qwen2.5-Omni, Voxtral...) served by llama-server's
 * `input_audio`: the ASR function the enhancement layer's transcript hook takes (wired here, in the pipeline,
 * because vlm/ and enhance/ do not import each other).
 */
import { encodeWav } from '../media/extractAudio.ts';
import type { AsrFunction } from '../enhance/transcribeSpeech.ts';
import type { ModelBackend } from '../vlm/modelBackend.ts';

const TRANSCRIPT_GRAMMAR = `root ::= [a-zA-Z0-9 ,.;:'?!()-]{0,400}`;

export function modelAsr(backend: ModelBackend): AsrFunction {
  return async (pcm, sampleRate, span, signal) => {
    const client = await backend.client(signal);
    const wav = encodeWav(pcm, sampleRate);
    const res = await client.complete({
      messages: [{ role: 'user', content: [
        { type: 'input_audio', input_audio: { data: wav.toString('base64'), format: 'wav' } },
        { type: 'text', text: `Transcribe the speech in this audio (${(span.endS - span.startS).toFixed(1)} s) verbatim. Write only the words spoken.` },
      ] }],
      max_tokens: 400, temperature: 0, cache_prompt: false,
      ...(backend.constraint === 'grammar' ? { grammar: TRANSCRIPT_GRAMMAR } : {}),
    }, signal);
    return res.content.trim();
  };
}
