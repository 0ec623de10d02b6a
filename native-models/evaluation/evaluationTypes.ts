/**
 * Shared types of the evaluation layer: annotation tables (labels or predictions, one row per recording),
 * per-feature results and the whole report.
 */

/**
 * One cell of an annotation or prediction table.
 * `yes` / `no`: an answer. `na`: not assessable (rater) or the model abstained. `fail`: no parseable answer
 * (predictions only). `null`: empty cell, not labelled / not predicted.
 */
export type CellValue = 'yes' | 'no' | 'na' | 'fail' | null;

export interface AnnotationRecord {
  /** Matching key: file name without directory and extension (`x.mp4` and `x.wav` both give `x`). */
  key: string;
  /** File name as written in the source. */
  fileName: string;
  /** First `@`-separated field of the file name. */
  patientId: string;
  /** Where the record came from, for messages: `labels.csv:12` or `x.analysis.json`. */
  origin: string;
  values: Map<string, CellValue>;
}

export interface AnnotationTable {
  /** Display name of the source(s), file names only. */
  source: string;
  /** Feature ids present as columns / findings, in catalogue order. */
  features: string[];
  records: AnnotationRecord[];
  /** Human-readable notes about the input: ignored columns, BOM, demo model... */
  warnings: string[];
}

export type EvaluationMode = 'binary' | 'paper';

export interface Interval {
  lo: number;
  hi: number;
}

/** Metrics for one feature of one prediction set. `null` means undefined (e.g. precision with no predicted yes). */
export interface FeatureResult {
  featureId: string;
  mode: EvaluationMode;
  /** `binary`: yes is the positive class. `macro`: sklearn macro average over the observed classes (paper mode with na). */
  averaging: 'binary' | 'macro';
  /** Classes averaged over when `averaging` is macro. */
  macroClasses: string[];
  /** Matched recordings with a label for this feature (yes/no; in paper mode also na). */
  labelled: number;
  /** Of those, rows whose label is `na` (binary mode: not scored). */
  labelNa: number;
  /** Labelled rows whose prediction is yes/no. */
  answered: number;
  abstained: number;
  failed: number;
  /** Labelled rows with no prediction cell / finding for this feature. */
  missing: number;
  /** answered / labelled (binary mode); null when nothing is labelled. */
  coverage: number | null;
  /** Rows scored. */
  n: number;
  /** "Positive Num": label `yes` among scored rows (binary); among all labelled rows, failed predictions included (paper). */
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  mcc: number | null;
  accuracyCi: Interval | null;
  precisionCi: Interval | null;
  recallCi: Interval | null;
  /** Patient-grouped percentile bootstrap interval for F1. */
  f1Ci: Interval | null;
  /** Bootstrap replicates with a defined F1 / requested. */
  bootstrapDefined: number;
  bootstrapRequested: number;
  /** Distinct recordings and patients among scored rows. */
  videos: number;
  patients: number;
  /** Distinct patients with at least one positive scored recording. */
  positivePatients: number;
}

export interface PredictionSetResult {
  /** Name given on the command line (`qwen:crop`), or `predictions`. */
  name: string;
  model: string;
  variant: string;
  source: string;
  matched: number;
  /** Keys of the recordings found in both. */
  matchedKeys: string[];
  /** Keys present in the labels only / in the predictions only. */
  labelsOnly: string[];
  predictionsOnly: string[];
  /** Features scored (present in both files), catalogue order. */
  features: string[];
  /** Feature columns of the predictions absent from the labels. */
  predictionOnlyFeatures: string[];
  results: FeatureResult[];
  warnings: string[];
}
