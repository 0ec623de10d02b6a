/**
 * metrics.csv in the layout of the published metric files: first column `Metric`, rows Accuracy,
 * Precision, Recall, F1 Score, Positive Num, one column per feature id; values rounded to 3 decimals and
 * printed like pandas (`0.544`, `0.5`, `39.0`). Undefined values (binary mode only) are empty cells.
 */
import type { PredictionSetResult } from './evaluationTypes.ts';
import { formatCsv } from './formatCsv.ts';
import { formatPaperNumber } from './formatNumber.ts';

export const METRIC_ROWS = ['Accuracy', 'Precision', 'Recall', 'F1 Score', 'Positive Num'] as const;

export function metricsCsv(set: PredictionSetResult): string {
  const r = set.results;
  return formatCsv([
    ['Metric', ...r.map((x) => x.featureId)],
    ['Accuracy', ...r.map((x) => formatPaperNumber(x.accuracy))],
    ['Precision', ...r.map((x) => formatPaperNumber(x.precision))],
    ['Recall', ...r.map((x) => formatPaperNumber(x.recall))],
    ['F1 Score', ...r.map((x) => formatPaperNumber(x.f1))],
    ['Positive Num', ...r.map((x) => formatPaperNumber(x.positives))],
  ]);
}
