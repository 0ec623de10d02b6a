/** Matches one prediction set to the labels by recording key and scores every feature present in both. */
import { InputError } from '../errors.ts';
import type { AnnotationTable, PredictionSetResult } from './evaluationTypes.ts';
import { scoreFeature, type ScoreOptions, type ScoredPair } from './scoreFeature.ts';

export interface PredictionSetInput {
  name: string;
  model: string;
  variant: string;
  table: AnnotationTable;
}

export function evaluatePredictionSet(labels: AnnotationTable, set: PredictionSetInput, opts: ScoreOptions): PredictionSetResult {
  const preds = new Map(set.table.records.map((r) => [r.key, r]));
  const labelKeys = new Set(labels.records.map((r) => r.key));
  const labelsOnly = labels.records.filter((r) => !preds.has(r.key)).map((r) => r.fileName);
  const predictionsOnly = set.table.records.filter((r) => !labelKeys.has(r.key)).map((r) => r.fileName);
  const matched = labels.records.filter((r) => preds.has(r.key));
  if (matched.length === 0) {
    const lk = labels.records[0]?.key ?? '?';
    const pk = set.table.records[0]?.key ?? '?';
    throw new InputError(`No recording of prediction set "${set.name}" (${set.table.source}) matches a row of ${labels.source}.`,
      `Recordings are matched by file name without extension, e.g. labels "${lk}" vs predictions "${pk}".`);
  }
  const features = labels.features.filter((f) => set.table.features.includes(f));
  if (features.length === 0) {
    throw new InputError(`Prediction set "${set.name}" shares no feature with ${labels.source}.`,
      `Labels have: ${labels.features.join(', ')}; predictions have: ${set.table.features.join(', ') || 'none'}.`);
  }
  const results = features.map((featureId) => {
    const pairs: ScoredPair[] = matched.map((l) => ({
      key: l.key,
      patientId: l.patientId,
      label: l.values.get(featureId) ?? null,
      predicted: preds.get(l.key)?.values.get(featureId) ?? null,
    }));
    return scoreFeature(featureId, pairs, opts);
  });
  return {
    name: set.name,
    model: set.model,
    variant: set.variant,
    source: set.table.source,
    matched: matched.length,
    matchedKeys: matched.map((r) => r.key),
    labelsOnly,
    predictionsOnly,
    features,
    predictionOnlyFeatures: set.table.features.filter((f) => !labels.features.includes(f)),
    results,
    warnings: set.table.warnings,
  };
}
