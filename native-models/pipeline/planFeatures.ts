/**
 * Which (feature, variant) pairs are asked, which one is each feature's primary finding, and which features
 * cannot be assessed (and why). The variant policy itself lives in planVariants.ts.
 */
import { FEATURE_IDS, getFeature, type InputVariant } from '../semiology/featureCatalogue.ts';
import type { ModelInfoCore } from '../vlm/modelBackend.ts';
import type { FeaturePlan } from './aggregateFindings.ts';
import { planVariants } from './planVariants.ts';

export interface VariantPolicy {
  /** 'catalogue': each feature's default variant (the best published one); 'base': no enhancement; 'all': every variant. */
  defaults: 'catalogue' | 'base' | 'all';
  /** Per-feature overrides (`--variant feature=variant`): the feature's primary variant. */
  overrides?: Readonly<Record<string, InputVariant>>;
}

export interface PlanFeaturesInput {
  featureIds?: readonly string[];
  policy?: VariantPolicy;
  recordingHasAudio: boolean;
  visionModel: ModelInfoCore;
  audioModel?: ModelInfoCore;
}

export const BASE_ONLY: VariantPolicy = { defaults: 'base' };

export interface PlannedPair extends FeaturePlan {
  /** The variant whose finding is the feature's main one (the others are comparisons). */
  primary: boolean;
}

export function planFeatures(input: PlanFeaturesInput): PlannedPair[] {
  const policy = input.policy ?? BASE_ONLY;
  const baseOverrides = policy.defaults === 'base'
    ? Object.fromEntries((input.featureIds ?? FEATURE_IDS).map((id) => [id, 'base' as InputVariant]))
    : {};
  const overrides = { ...baseOverrides, ...policy.overrides };
  const primary = planVariants({ overrides, featureIds: input.featureIds });
  const all = policy.defaults === 'all' ? planVariants({ all: true, featureIds: input.featureIds }) : primary;
  const canHear = input.audioModel?.hasAudio || input.visionModel.hasAudio;
  const out: PlannedPair[] = [];
  for (const p of all) {
    const f = getFeature(p.featureId);
    const main = primary.find((x) => x.featureId === p.featureId)!.variants[0]!;
    let reason: string | undefined;
    if (f.modality === 'audio') {
      if (!input.recordingHasAudio) reason = 'the recording has no audio track';
      else if (!canHear) reason = `the model "${input.visionModel.name}" has no audio encoder; add an audio-capable model (e.g. Qwen2.5-Omni) for the audio features`;
    } else if (!input.visionModel.hasVision) {
      reason = `the model "${input.visionModel.name}" cannot see images`;
    }
    const variants = [main, ...p.variants.filter((v) => v !== main)];
    for (const v of variants) out.push({ featureId: f.id, variant: v, primary: v === main, ...(reason ? { notAssessedReason: reason } : {}) });
  }
  return out;
}
