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
  /** Timed and lateralized cells (start/end times per feature, sides per laterality item), when the source has them. */
  timing?: RecordTiming;
}

export interface AnnotationTable {
  /** Display name of the source(s), file names only. */
  source: string;
  /** Feature ids present as columns / findings, in catalogue order. */
  features: string[];
  records: AnnotationRecord[];
  /** Human-readable notes about the input: ignored columns, BOM, demo model... */
  warnings: string[];
  /** Features with a start-time column / onset in the source (timing can be scored), catalogue order. */
  timedFeatures?: string[];
  /** Laterality items (see lateralityItems.ts) with a side column / side in the source. */
  lateralityItems?: string[];
}

/** The patient's side. */
export type SideValue = 'left' | 'right' | 'bilateral';

/**
 * Where a timed or lateralized cell came from: `labels` (a label file), `csv` (a prediction CSV), and for
 * analysis.json the clinician's review, the measured signs or the model's finding.
 */
export type TimingSource = 'labels' | 'csv' | 'clinician' | 'measured' | 'model';
export const PREDICTION_SOURCES = ['clinician', 'measured', 'model', 'csv'] as const;

/** Onset and offset of one feature in one recording; `startS` null = no onset (none given or none predicted). */
export interface TimedValue {
  startS: number | null;
  endS: number | null;
  source: TimingSource;
  /** The cell could not be read unambiguously (e.g. `0:01:59`): the row is not scored for this feature. */
  ambiguous?: boolean;
}

/** The side of one laterality item in one recording; `side` null = no side given. */
export interface SideCell {
  side: SideValue | null;
  source: TimingSource;
}

export interface RecordTiming {
  /** Per feature id. */
  times: Map<string, TimedValue>;
  /** Per laterality item id. */
  sides: Map<string, SideCell>;
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
  /** Onset/offset errors per feature (features timed in both labels and predictions) and pooled; absent when none. */
  timing?: TimingReport;
  /** Laterality per item and pooled; absent when no item has sides in both. */
  laterality?: LateralityReport;
}

export type PredictionSource = (typeof PREDICTION_SOURCES)[number];

/** Absolute errors |predicted − labelled| in seconds over the hits; null values when n = 0. */
export interface ErrorSummary {
  n: number;
  meanS: number | null;
  medianS: number | null;
  /** Mean signed error (predicted − labelled): > 0 late, < 0 early. */
  biasS: number | null;
  /** Share of errors ≤ 2 s / ≤ 5 s. */
  within2: number | null;
  within5: number | null;
}

export interface TimingResult {
  /** Feature id, or `all` for the pooled row. */
  featureId: string;
  /** Matched recordings with a labelled onset (presence label yes, when the labels have one, and a start time). */
  labelledOnsets: number;
  /** Matched recordings labelled without the feature (presence no; or, with no presence column, no start time). */
  labelledNone: number;
  /** Matched recordings not scored: presence yes without a time, na / empty presence, an ambiguous time cell. */
  unscored: number;
  /** Labelled onset and predicted onset: these give the errors. */
  hits: number;
  /** Labelled onset, no predicted onset. */
  misses: number;
  /** Predicted onset, none labelled. */
  falseAlarms: number;
  correctNone: number;
  onset: ErrorSummary;
  /** Over hits with both a labelled and a predicted offset. */
  offset: ErrorSummary;
  /** Hits with a labelled offset but no predicted one. */
  offsetNotPredicted: number;
  /** Predicted onsets among the scored rows (hits + false alarms), by where they came from. */
  sources: Record<PredictionSource, number>;
}

export interface TimingReport {
  features: TimingResult[];
  overall: TimingResult;
}

/** Side metrics over the rows with both a labelled and a predicted side. */
export interface SideMetrics {
  n: number;
  accuracy: number | null;
  /** Mean recall over the sides present in the labels of these rows (sklearn balanced_accuracy_score). */
  balancedAccuracy: number | null;
  /** Mean F1 over the sides present in the labels or predictions of these rows (sklearn average='macro'). */
  macroF1: number | null;
  /** The sides macro-F1 averaged over. */
  classes: SideValue[];
}

export interface LateralityResult {
  /** Laterality item id (`head_turning`, `arm_movement`, ...), or `all` for the pooled row. */
  itemId: string;
  /** The features whose predicted sides answer this item. */
  features: string[];
  /** Matched recordings with a labelled side. */
  labelled: number;
  labelCounts: Record<SideValue, number>;
  /** Of those, rows the prediction gave a side for. */
  answered: number;
  /** answered / labelled. */
  coverage: number | null;
  model: SideMetrics;
  /** Always "right", on the same rows as `model`. */
  alwaysRight: SideMetrics;
  /** Always "right" on every labelled row (coverage 1). */
  alwaysRightAll: SideMetrics;
  /** Predicted sides where no side is labelled (not scored). */
  sideWithoutLabel: number;
  /** Predicted sides among the labelled rows, by where they came from. */
  sources: Record<PredictionSource, number>;
}

export interface LateralityReport {
  items: LateralityResult[];
  overall: LateralityResult;
}
