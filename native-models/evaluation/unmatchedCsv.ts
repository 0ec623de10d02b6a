/** unmatched.csv: every recording found on one side only, per prediction set (never silently dropped). */
import type { PredictionSetResult } from './evaluationTypes.ts';
import { formatCsv, type CsvCell } from './formatCsv.ts';

export function unmatchedCsv(sets: readonly PredictionSetResult[]): string {
  const rows: CsvCell[][] = [['set', 'file_name', 'found_in']];
  for (const s of sets) {
    for (const f of s.labelsOnly) rows.push([s.name, f, 'labels only']);
    for (const f of s.predictionsOnly) rows.push([s.name, f, 'predictions only']);
  }
  return formatCsv(rows);
}
