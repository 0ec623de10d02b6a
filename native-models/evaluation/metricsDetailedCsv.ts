/**
 * metrics-detailed.csv: one row per feature with everything behind the headline numbers: how many rows
 * were labelled, answered, abstained, failed; coverage; the confusion counts; metrics with Wilson 95%
 * intervals; MCC; the patient-grouped bootstrap interval for F1; recordings and patients; chance baselines.
 * Full precision (no rounding) so other tools can recompute.
 */
import { getFeature } from '../semiology/featureCatalogue.ts';
import type { FeatureResult, Interval, PredictionSetResult } from './evaluationTypes.ts';
import { formatCsv, type CsvCell } from './formatCsv.ts';
import type { LabelBaseline } from './labelBaselines.ts';

const HEADER = [
  'set', 'feature', 'label', 'group', 'mode', 'averaging',
  'labelled', 'label_na', 'answered', 'abstained_na', 'failed', 'missing', 'coverage',
  'n', 'positives', 'tp', 'fp', 'fn', 'tn',
  'accuracy', 'accuracy_lo', 'accuracy_hi', 'precision', 'precision_lo', 'precision_hi',
  'recall', 'recall_lo', 'recall_hi', 'f1', 'f1_lo', 'f1_hi', 'f1_bootstrap_replicates', 'mcc',
  'videos', 'patients', 'positive_patients', 'always_yes_f1', 'random_f1',
];

export function metricsDetailedCsv(sets: readonly PredictionSetResult[], baselines: ReadonlyMap<string, LabelBaseline>): string {
  const rows: CsvCell[][] = [HEADER];
  for (const set of sets) for (const r of set.results) rows.push(detailRow(set.name, r, baselines.get(r.featureId)));
  return formatCsv(rows);
}

function detailRow(setName: string, r: FeatureResult, b: LabelBaseline | undefined): CsvCell[] {
  const f = getFeature(r.featureId);
  const ci = (x: Interval | null): CsvCell[] => [x?.lo ?? null, x?.hi ?? null];
  return [
    setName, r.featureId, f.label, f.group, r.mode, r.averaging === 'macro' ? `macro(${r.macroClasses.join('/')})` : 'binary',
    r.labelled, r.labelNa, r.answered, r.abstained, r.failed, r.missing, r.coverage,
    r.n, r.positives, r.tp, r.fp, r.fn, r.tn,
    r.accuracy, ...ci(r.accuracyCi), r.precision, ...ci(r.precisionCi),
    r.recall, ...ci(r.recallCi), r.f1, ...ci(r.f1Ci), r.bootstrapRequested ? `${r.bootstrapDefined}/${r.bootstrapRequested}` : '', r.mcc,
    r.videos, r.patients, r.positivePatients, b?.alwaysYes.f1 ?? null, b?.random.f1 ?? null,
  ];
}
