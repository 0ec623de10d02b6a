/** Chance baselines per feature from the labels of the evaluated recordings (see baselines.ts). */
import { alwaysYesBaseline, randomBaseline } from './baselines.ts';
import type { BinaryMetrics } from './binaryMetrics.ts';
import type { AnnotationTable } from './evaluationTypes.ts';

export interface LabelBaseline {
  featureId: string;
  positives: number;
  negatives: number;
  alwaysYes: BinaryMetrics;
  random: BinaryMetrics;
}

/** Prevalence over the recordings in `keys` (those matched by at least one prediction set) labelled yes/no. */
export function labelBaselines(labels: AnnotationTable, keys: ReadonlySet<string>, features: readonly string[]): Map<string, LabelBaseline> {
  const out = new Map<string, LabelBaseline>();
  for (const featureId of features) {
    let positives = 0;
    let negatives = 0;
    for (const r of labels.records) {
      if (!keys.has(r.key)) continue;
      const v = r.values.get(featureId);
      if (v === 'yes') positives++;
      else if (v === 'no') negatives++;
    }
    out.set(featureId, {
      featureId, positives, negatives,
      alwaysYes: alwaysYesBaseline(positives, negatives),
      random: randomBaseline(positives, negatives),
    });
  }
  return out;
}
