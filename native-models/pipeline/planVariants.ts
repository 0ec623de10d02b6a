/**
 * Variant policy: which input variants each feature is asked in. Default: the catalogue's `defaultVariant`;
 * `overrides` (from `--variant <feature>=<variant>`) replace it per feature; `all` (from `--variants all`)
 * asks every feature in every applicable variant, for the paper's base-vs-enhanced comparison.
 */
import { UsageError } from '../errors.ts';
import { FEATURES, getFeature, type FeatureDefinition, type FeatureId, type InputVariant } from '../semiology/featureCatalogue.ts';

export interface VariantPlanOptions {
  overrides?: Readonly<Record<string, InputVariant>>;
  all?: boolean;
  /** Restrict to these feature ids (default: the whole catalogue). */
  featureIds?: readonly string[];
}

export interface PlannedFeature {
  featureId: FeatureId;
  variants: InputVariant[];
}

export function planVariants(options: VariantPlanOptions = {}): PlannedFeature[] {
  const features: readonly FeatureDefinition[] = options.featureIds ? options.featureIds.map(getFeature) : FEATURES;
  for (const [id, v] of Object.entries(options.overrides ?? {})) {
    const f = getFeature(id);
    if (!f.variants.includes(v)) {
      throw new UsageError(`"${v}" is not a variant of ${id}. Use one of: ${f.variants.join(', ')}.`);
    }
  }
  return features.map((f) => {
    if (options.all) return { featureId: f.id, variants: [...f.variants] };
    return { featureId: f.id, variants: [options.overrides?.[f.id] ?? f.defaultVariant] };
  });
}
