import type { InputVariant } from '../semiology/featureCatalogue.ts';
import { getFeature, isFeatureId } from '../semiology/featureCatalogue.ts';

const VISUAL: Readonly<Record<string, string>> = {
  base: 'full frame',
  crop: 'face crop',
  pose: 'skeleton overlay',
};
const AUDIO: Readonly<Record<string, string>> = {
  base: 'raw audio',
  denoised: 'denoised audio',
  transcript: 'audio + transcript',
};

/** How the model was shown a feature's input, in words a clinician reads ("face crop", "skeleton overlay"). */
export function describeVariant(featureId: string, variant: InputVariant): string {
  const audio = isFeatureId(featureId) && getFeature(featureId).modality === 'audio';
  return (audio ? AUDIO[variant] : VISUAL[variant]) ?? variant;
}
