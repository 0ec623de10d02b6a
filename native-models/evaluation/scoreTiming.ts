/**
 * Onset and offset errors of one feature (or pooled over features): each matched recording is first put in
 * a class by its label (an onset, none, or not scored) and by whether an onset was predicted; only hits
 * (labelled and predicted) give errors, misses and false alarms are counted apart and never mixed in.
 */
import type { ErrorSummary, PredictionSource, TimingResult, TimingSource } from './evaluationTypes.ts';

export interface TimingRow {
  label: { kind: 'onset'; startS: number; endS: number | null } | { kind: 'none' } | { kind: 'unscored' };
  /** null: no onset predicted. */
  predicted: { startS: number; endS: number | null; source: TimingSource } | null;
}

export const WITHIN_S = [2, 5] as const;

export function scoreTiming(featureId: string, rows: readonly TimingRow[]): TimingResult {
  const sources: Record<PredictionSource, number> = { clinician: 0, measured: 0, model: 0, csv: 0 };
  const onsetErr: number[] = [];
  const onsetSigned: number[] = [];
  const offsetErr: number[] = [];
  const offsetSigned: number[] = [];
  let labelledOnsets = 0; let labelledNone = 0; let unscored = 0;
  let hits = 0; let misses = 0; let falseAlarms = 0; let correctNone = 0; let offsetNotPredicted = 0;
  for (const { label, predicted } of rows) {
    if (label.kind === 'unscored') { unscored++; continue; }
    if (predicted && predicted.source !== 'labels') sources[predicted.source]++;
    if (label.kind === 'none') {
      labelledNone++;
      if (predicted) falseAlarms++;
      else correctNone++;
      continue;
    }
    labelledOnsets++;
    if (!predicted) { misses++; continue; }
    hits++;
    onsetSigned.push(predicted.startS - label.startS);
    onsetErr.push(Math.abs(predicted.startS - label.startS));
    if (label.endS !== null) {
      if (predicted.endS === null) offsetNotPredicted++;
      else {
        offsetSigned.push(predicted.endS - label.endS);
        offsetErr.push(Math.abs(predicted.endS - label.endS));
      }
    }
  }
  return {
    featureId, labelledOnsets, labelledNone, unscored, hits, misses, falseAlarms, correctNone,
    onset: summarise(onsetErr, onsetSigned), offset: summarise(offsetErr, offsetSigned), offsetNotPredicted, sources,
  };
}

export function summarise(abs: readonly number[], signed: readonly number[]): ErrorSummary {
  const n = abs.length;
  if (n === 0) return { n: 0, meanS: null, medianS: null, biasS: null, within2: null, within5: null };
  const sorted = [...abs].sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    n,
    meanS: mean(abs),
    medianS: n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
    biasS: mean(signed),
    within2: abs.filter((e) => e <= WITHIN_S[0]).length / n,
    within5: abs.filter((e) => e <= WITHIN_S[1]).length / n,
  };
}
