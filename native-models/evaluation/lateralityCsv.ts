/**
 * laterality.csv: per prediction set and laterality item (and `all`, pooled): labelled sides, coverage,
 * accuracy, balanced accuracy and macro-F1 on the rows with both sides, the always-"right" answer on the same
 * rows and on every labelled row, and where the predicted sides came from. 3 decimals; undefined is empty.
 */
import type { LateralityResult, PredictionSetResult } from './evaluationTypes.ts';
import { formatCsv, type CsvCell } from './formatCsv.ts';
import { r3 } from './timingCsv.ts';

export const LATERALITY_COLUMNS = [
  'set', 'item', 'features', 'labelled', 'labelled_left', 'labelled_right', 'labelled_bilateral', 'answered', 'coverage',
  'accuracy', 'balanced_accuracy', 'macro_f1', 'f1_classes',
  'always_right_accuracy', 'always_right_balanced_accuracy', 'always_right_macro_f1',
  'always_right_all_accuracy', 'always_right_all_balanced_accuracy', 'always_right_all_macro_f1',
  'side_without_label', 'source_clinician', 'source_measured', 'source_model', 'source_csv',
] as const;

export function lateralityCsv(sets: readonly PredictionSetResult[]): string {
  const rows: CsvCell[][] = [[...LATERALITY_COLUMNS]];
  for (const s of sets) {
    if (!s.laterality) continue;
    for (const l of [...s.laterality.items, s.laterality.overall]) rows.push(lateralityRow(s.name, l));
  }
  return formatCsv(rows);
}

function lateralityRow(set: string, l: LateralityResult): CsvCell[] {
  return [set, l.itemId, l.features.join(' '), l.labelled, l.labelCounts.left, l.labelCounts.right, l.labelCounts.bilateral,
    l.answered, r3(l.coverage), r3(l.model.accuracy), r3(l.model.balancedAccuracy), r3(l.model.macroF1), l.model.classes.join(' '),
    r3(l.alwaysRight.accuracy), r3(l.alwaysRight.balancedAccuracy), r3(l.alwaysRight.macroF1),
    r3(l.alwaysRightAll.accuracy), r3(l.alwaysRightAll.balancedAccuracy), r3(l.alwaysRightAll.macroF1),
    l.sideWithoutLabel, l.sources.clinician, l.sources.measured, l.sources.model, l.sources.csv];
}
