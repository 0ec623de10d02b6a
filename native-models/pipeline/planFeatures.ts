/**
 * Which features are asked, in which input variant, and which cannot be assessed (and why).
 */
import { FEATURES, getFeature, type InputVariant } from '../semiology/featureCatalogue.ts';
import type { ModelInfoCore } from '../vlm/modelBackend.ts';
import type { FeaturePlan } from './aggregateFindings.ts';

export interface VariantPolicy {
  /** 'catalogue': each feature's default variant; 'base': no enhancement. */
  defaults: 'catalogue' | 'base';
  /** Per-feature overrides (`--variant feature=variant`). */
  overrides?: Readonly<Record<string, InputVariant>>;
  /** Variants the engine can currently produce; others fall back to base. */
  available?: readonly InputVariant[];
}

export interface PlanFeaturesInput {
  featureIds?: readonly string[];
  policy?: VariantPolicy;
  recordingHasAudio: boolean;
  visionModel: ModelInfoCore;
  audioModel?: ModelInfoCore;
}

export const BASE_ONLY: VariantPolicy = { defaults: 'base', available: ['base'] };

export function planFeatures(input: PlanFeaturesInput): FeaturePlan[] {
  const policy = input.policy ?? BASE_ONLY;
  const ids = input.featureIds?.length ? new Set(input.featureIds) : null;
  const canHear = input.audioModel?.hasAudio || input.visionModel.hasAudio;
  return FEATURES.filter((f) => !ids || ids.has(f.id)).map((f) => {
    const wanted = policy.overrides?.[f.id] ?? (policy.defaults === 'catalogue' ? f.defaultVariant : 'base');
    const variant: InputVariant = !policy.available || policy.available.includes(wanted) ? wanted : 'base';
    const plan: FeaturePlan = { featureId: f.id, variant };
    if (f.modality === 'audio') {
      if (!input.recordingHasAudio) plan.notAssessedReason = 'the recording has no audio track';
      else if (!canHear) plan.notAssessedReason = `the model "${input.visionModel.name}" has no audio encoder; give an audio-capable model with --audio-model and --audio-mmproj`;
    } else if (!input.visionModel.hasVision) {
      plan.notAssessedReason = `the model "${input.visionModel.name}" cannot see images`;
    }
    return plan;
  });
}

/** Validates a `--variant feature=variant` value against the catalogue. */
export function parseVariantOverride(spec: string): [string, InputVariant] {
  const [id, v] = spec.split('=');
  if (!id || !v) throw new Error(`"${spec}" is not feature=variant`);
  const f = getFeature(id);
  if (!f.variants.includes(v as InputVariant)) throw new Error(`"${v}" is not a variant of ${id}; choose one of ${f.variants.join(', ')}`);
  return [id, v as InputVariant];
}
