/**
 * timing.csv: per prediction set and feature (and `all`, pooled), the onset and offset absolute errors over
 * the hits (mean, median, share within 2 s and 5 s, mean signed error), with misses and false alarms counted
 * apart, and how many predicted onsets came from the clinician, the measured signs, the model or a CSV.
 * Seconds and shares rounded to 3 decimals; undefined values are empty cells.
 */
import type { PredictionSetResult, TimingResult } from './evaluationTypes.ts';
import { formatCsv, type CsvCell } from './formatCsv.ts';
import { roundHalfEven } from './formatNumber.ts';

export const TIMING_COLUMNS = [
  'set', 'feature', 'labelled_onsets', 'labelled_none', 'unscored', 'hits', 'misses', 'false_alarms', 'correct_none',
  'onset_n', 'onset_mae_s', 'onset_median_s', 'onset_bias_s', 'onset_within_2s', 'onset_within_5s',
  'offset_n', 'offset_mae_s', 'offset_median_s', 'offset_bias_s', 'offset_within_2s', 'offset_within_5s', 'offset_not_predicted',
  'source_clinician', 'source_measured', 'source_model', 'source_csv',
] as const;

export function timingCsv(sets: readonly PredictionSetResult[]): string {
  const rows: CsvCell[][] = [[...TIMING_COLUMNS]];
  for (const s of sets) {
    if (!s.timing) continue;
    for (const t of [...s.timing.features, s.timing.overall]) rows.push(timingRow(s.name, t));
  }
  return formatCsv(rows);
}

function timingRow(set: string, t: TimingResult): CsvCell[] {
  const e = (x: typeof t.onset): CsvCell[] => [x.n, r3(x.meanS), r3(x.medianS), r3(x.biasS), r3(x.within2), r3(x.within5)];
  return [set, t.featureId, t.labelledOnsets, t.labelledNone, t.unscored, t.hits, t.misses, t.falseAlarms, t.correctNone,
    ...e(t.onset), ...e(t.offset), t.offsetNotPredicted, t.sources.clinician, t.sources.measured, t.sources.model, t.sources.csv];
}

export function r3(x: number | null): number | null {
  return x === null ? null : roundHalfEven(x, 3);
}
