/**
 * The messages for one feature question about one segment. Everything that does not depend on the question
 * (system text, segment description, frames, audio) comes first and is byte-identical across features, so a
 * server's prompt cache can reuse it; the question comes last.
 */
import { createHash } from 'node:crypto';
import { formatClock } from '../media/formatClock.ts';
import type { FeatureDefinition, InputVariant } from '../semiology/featureCatalogue.ts';
import { ANSWER_INSTRUCTION } from '../semiology/answerSchema.ts';
import type { ChatMessage, ContentPart } from './chatClient.ts';

export interface SegmentEvidence {
  startS: number;
  endS: number;
  variant: InputVariant;
  /** JPEG frames with their recording times (vision features); `note` says when a frame is not the variant's image. */
  frames?: Array<{ tS: number; jpeg: Buffer; note?: string }>;
  /** WAV of the segment's audio (audio features). */
  audioWav?: Buffer;
  /** Transcript of the segment's audio with times (the `transcript` variant). */
  transcript?: string;
}

export const SYSTEM_PROMPT =
  'You are an experienced epileptologist reviewing a video-EEG recording from an epilepsy monitoring unit. ' +
  'Judge only what the provided frames or audio show. Be precise and conservative: say a sign is present only when you can see or hear it.';

const VARIANT_NOTES: Record<InputVariant, string> = {
  base: '',
  crop: ' Each frame is an enlarged crop of the patient\'s face.',
  // Colours as drawn by enhance/drawSkeleton.ts (LEFT_COLOUR orange, RIGHT_COLOUR blue).
  pose: ' The patient\'s body pose is drawn over each frame: left limbs in orange, right limbs in blue.',
  denoised: ' The audio has been denoised to make speech and vocal sounds clearer.',
  transcript: ' A machine transcript of the speech is given as secondary evidence; it may attribute speech wrongly, so rely on the audio first.',
};

export function evidenceParts(e: SegmentEvidence): ContentPart[] {
  const dur = (e.endS - e.startS).toFixed(1);
  const parts: ContentPart[] = [];
  if (e.frames && e.frames.length) {
    parts.push({ type: 'text', text: `${e.frames.length} frames in time order from a ${dur} s segment (${formatClock(e.startS)}-${formatClock(e.endS)}) of a seizure recording.` });
    for (const f of e.frames) {
      parts.push({ type: 'text', text: `t=${(f.tS - e.startS).toFixed(1)}s${f.note ? ` (${f.note})` : ''}` });
      parts.push({ type: 'image_url', image_url: { url: `data:image/jpeg;base64,${f.jpeg.toString('base64')}` } });
    }
    if (VARIANT_NOTES[e.variant]) parts.push({ type: 'text', text: VARIANT_NOTES[e.variant].trim() });
  }
  if (e.audioWav) {
    parts.push({ type: 'text', text: `The audio of a ${dur} s segment (${formatClock(e.startS)}-${formatClock(e.endS)}) of a seizure recording.` });
    parts.push({ type: 'input_audio', input_audio: { data: e.audioWav.toString('base64'), format: 'wav' } });
    // Notes after the media: the denoised and transcript variants send the same audio and share its prefix.
    if (VARIANT_NOTES[e.variant]) parts.push({ type: 'text', text: VARIANT_NOTES[e.variant].trim() });
    if (e.transcript !== undefined) parts.push({ type: 'text', text: `Transcript: ${e.transcript || '(no speech recognised)'}` });
  }
  return parts;
}

/** One call covering several features: the same evidence prefix, then every question, numbered by id. */
export function buildBatchPrompt(features: readonly FeatureDefinition[], evidence: SegmentEvidence): ChatMessage[] {
  const questions = features.map((f) => `- ${f.id}: ${f.question}`).join('\n');
  return [
    { role: 'system', content: `${SYSTEM_PROMPT} ${BATCH_INSTRUCTION}` },
    { role: 'user', content: [...evidenceParts(evidence), { type: 'text', text: `Questions:\n${questions}` }] },
  ];
}

export const BATCH_INSTRUCTION =
  'When asked several questions, answer with one JSON object with a key for every question id, in the same order; each value is ' +
  '{"present": true or false, "justification": "one sentence on what you observed", "onset_s": seconds from the start of this segment when the sign first appears, or null}.';

/**
 * A short fingerprint of everything in the prompt that is not evidence: cached answers are keyed by it, so
 * rewording a question, the system prompt or the answer format never serves an answer to the old wording.
 * Shared-prefix and naive prompting send identical prompts; batched prompting is a different prompt.
 */
export function promptFingerprint(feature: FeatureDefinition, variant: InputVariant, batched: boolean): string {
  const text = [SYSTEM_PROMPT, batched ? BATCH_INSTRUCTION : ANSWER_INSTRUCTION, VARIANT_NOTES[variant], feature.question].join('\u0000');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export function buildFeaturePrompt(feature: FeatureDefinition, evidence: SegmentEvidence): ChatMessage[] {
  return [
    // The answer format is the same for every question, so it sits in the shared prefix, not after each question.
    { role: 'system', content: `${SYSTEM_PROMPT} ${ANSWER_INSTRUCTION}` },
    { role: 'user', content: [...evidenceParts(evidence), { type: 'text', text: `Question: ${feature.question}` }] },
  ];
}
