/**
 * Scores one feature of one prediction set from its (label, prediction) pairs, in either mode.
 *
 * binary (default): rows labelled yes/no are "labelled"; predictions na / fail / empty are abstentions,
 *   reported as coverage = answered / labelled, never counted as yes or no; metrics are computed on the
 *   answered rows, with Wilson 95% intervals for accuracy, precision and recall, MCC, and a
 *   patient-grouped bootstrap interval for F1. Label `na` rows are not scored (counted in labelNa).
 * paper: reproduces the published evaluation: rows with an empty label and failed (or missing) predictions
 *   are excluded; when any remaining label or prediction is `na`, precision/recall/F1 are sklearn's macro
 *   average over the observed classes with zero_division=0; otherwise binary with yes positive and 0 for
 *   undefined ratios. "Positive Num" (`positives`) counts every labelled positive, including rows whose
 *   prediction failed or is missing, as the published tables do; the metrics still leave those rows out.
 */
import { binaryMetrics, countConfusion } from './binaryMetrics.ts';
import type { CellValue, EvaluationMode, FeatureResult } from './evaluationTypes.ts';
import { macroMetrics } from './macroMetrics.ts';
import { patientBootstrap } from './patientBootstrap.ts';
import { seededRandom } from './seededRandom.ts';
import { wilsonInterval } from './wilsonInterval.ts';

export interface ScoredPair {
  key: string;
  patientId: string;
  label: CellValue;
  predicted: CellValue;
}

export interface ScoreOptions {
  mode: EvaluationMode;
  /** Bootstrap replicates for the F1 interval; 0 disables it. */
  bootstrap: number;
  seed: number;
}

const isAnswer = (v: CellValue): v is 'yes' | 'no' => v === 'yes' || v === 'no';

export function scoreFeature(featureId: string, pairs: readonly ScoredPair[], opts: ScoreOptions): FeatureResult {
  const labelledRows = pairs.filter((p) => (opts.mode === 'paper' ? p.label !== null : isAnswer(p.label)));
  const labelNa = pairs.filter((p) => p.label === 'na').length;
  const abstained = labelledRows.filter((p) => p.predicted === 'na').length;
  const failed = labelledRows.filter((p) => p.predicted === 'fail').length;
  const missing = labelledRows.filter((p) => p.predicted === null).length;
  const answered = labelledRows.filter((p) => isAnswer(p.predicted)).length;
  const scored = opts.mode === 'paper'
    ? labelledRows.filter((p) => p.predicted !== 'fail' && p.predicted !== null)
    : labelledRows.filter((p) => isAnswer(p.predicted));

  const macro = opts.mode === 'paper' && scored.some((p) => p.label === 'na' || p.predicted === 'na');
  const counts = countConfusion(scored.map((p) => ({ label: p.label === 'yes', predicted: p.predicted === 'yes' })));
  const statistic = opts.mode === 'paper' ? paperF1 : binaryF1;
  const boot = opts.bootstrap > 0
    ? patientBootstrap(scored, (p) => p.patientId, statistic, opts.bootstrap, seededRandom(opts.seed, featureId))
    : null;
  const patients = new Set(scored.map((p) => p.patientId));
  const positivePatients = new Set(scored.filter((p) => p.label === 'yes').map((p) => p.patientId));

  const base = {
    featureId,
    mode: opts.mode,
    labelled: labelledRows.length,
    labelNa,
    answered,
    abstained,
    failed,
    missing,
    coverage: labelledRows.length > 0 ? answered / labelledRows.length : null,
    n: scored.length,
    // The published "Positive Num" counts every labelled positive, failed predictions included.
    positives: (opts.mode === 'paper' ? labelledRows : scored).filter((p) => p.label === 'yes').length,
    ...counts,
    f1Ci: boot?.interval ?? null,
    bootstrapDefined: boot?.defined ?? 0,
    bootstrapRequested: boot?.replicates ?? 0,
    videos: scored.length,
    patients: patients.size,
    positivePatients: positivePatients.size,
  };

  if (macro) {
    const m = macroMetrics(scored.map((p) => ({ label: p.label as string, predicted: p.predicted as string })));
    return {
      ...base, averaging: 'macro', macroClasses: m.classes,
      accuracy: m.accuracy, precision: m.precision, recall: m.recall, f1: m.f1, mcc: null,
      accuracyCi: null, precisionCi: null, recallCi: null,
    };
  }
  const b = binaryMetrics(counts);
  if (opts.mode === 'paper') {
    const z = (x: number | null): number | null => (scored.length === 0 ? null : x ?? 0);
    return {
      ...base, averaging: 'binary', macroClasses: [],
      accuracy: b.accuracy, precision: z(b.precision), recall: z(b.recall), f1: z(b.f1), mcc: b.mcc,
      accuracyCi: null, precisionCi: null, recallCi: null,
    };
  }
  return {
    ...base, averaging: 'binary', macroClasses: [],
    accuracy: b.accuracy, precision: b.precision, recall: b.recall, f1: b.f1, mcc: b.mcc,
    accuracyCi: wilsonInterval(counts.tp + counts.tn, scored.length),
    precisionCi: wilsonInterval(counts.tp, counts.tp + counts.fp),
    recallCi: wilsonInterval(counts.tp, counts.tp + counts.fn),
  };
}

function binaryF1(rows: readonly ScoredPair[]): number | null {
  return binaryMetrics(countConfusion(rows.map((p) => ({ label: p.label === 'yes', predicted: p.predicted === 'yes' })))).f1;
}

function paperF1(rows: readonly ScoredPair[]): number | null {
  if (rows.length === 0) return null;
  if (rows.some((p) => p.label === 'na' || p.predicted === 'na')) {
    return macroMetrics(rows.map((p) => ({ label: p.label as string, predicted: p.predicted as string }))).f1;
  }
  return binaryF1(rows) ?? 0;
}
