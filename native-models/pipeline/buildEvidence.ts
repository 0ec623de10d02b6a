/**
 * The evidence of one segment in one input variant: the frames as the model will see them (JPEG, with times)
 * or the segment's audio. Variants other than `base` come from the enhancement layer through `VariantImages`.
 */
import { encodeJpeg } from '../media/encodeJpeg.ts';
import { encodeWav, slicePcm } from '../media/extractAudio.ts';
import type { RgbImage, TimedFrame } from '../media/frameTypes.ts';
import type { InputVariant } from '../semiology/featureCatalogue.ts';
import type { SegmentEvidence } from '../vlm/buildFeaturePrompt.ts';
import type { SegmentInfo } from '../contract/analysisSchema.ts';

/**
 * Turns a sampled frame into the image a visual variant sends (face crop, skeleton overlay...); `fallback`
 * names what was sent instead when the variant's image could not be made for this frame.
 */
export type VariantImages = (variant: InputVariant, frame: TimedFrame) => { image: RgbImage; fallback?: string };

export interface AudioSources {
  sampleRate: number;
  base: Float32Array;
  denoised?: Float32Array;
  /** Transcript text of a time span, for the `transcript` variant. */
  transcriptOf?: (startS: number, endS: number) => string;
}

export function visualEvidence(segment: SegmentInfo, variant: InputVariant, frames: readonly TimedFrame[], images: VariantImages | null): SegmentEvidence {
  const jpegs = frames.map((f) => {
    if (variant === 'base' || !images) return { tS: f.tS, jpeg: encodeJpeg(f) };
    const { image, fallback } = images(variant, f);
    return { tS: f.tS, jpeg: encodeJpeg(image), ...(fallback ? { note: fallback } : {}) };
  });
  return { startS: segment.startS, endS: segment.endS, variant, frames: jpegs };
}

export function audioEvidence(segment: SegmentInfo, variant: InputVariant, audio: AudioSources): SegmentEvidence {
  // The transcript variant pairs the cleaned audio (primary) with the transcript (secondary), as the paper did.
  const pcm = variant === 'base' ? audio.base : (audio.denoised ?? audio.base);
  const evidence: SegmentEvidence = {
    startS: segment.startS, endS: segment.endS, variant,
    audioWav: encodeWav(slicePcm(pcm, audio.sampleRate, segment.startS, segment.endS), audio.sampleRate),
  };
  if (variant === 'transcript') evidence.transcript = audio.transcriptOf?.(segment.startS, segment.endS) ?? '';
  return evidence;
}
