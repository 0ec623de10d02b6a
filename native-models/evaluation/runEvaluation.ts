/**
 * The evaluation, without any output: reads label and prediction files, computes rater agreement and a
 * consensus when several label files are given, scores every prediction set, and the chance baselines;
 * with timed or lateralized labels also onset/offset errors and laterality (evaluateTiming.ts).
 */
import { InputError, UsageError } from '../errors.ts';
import type { AnnotationTable, EvaluationMode, PredictionSetResult } from './evaluationTypes.ts';
import { evaluatePredictionSet } from './evaluatePredictionSet.ts';
import { evaluateTiming } from './evaluateTiming.ts';
import { importLabels, importTimedLabels } from './importLabels.ts';
import { importPredictions } from './importPredictions.ts';
import { labelBaselines, type LabelBaseline } from './labelBaselines.ts';
import { majorityConsensus, type ConsensusResult } from './majorityConsensus.ts';
import { mergeTimedLabels, type TimedLabels } from './mergeTimedLabels.ts';
import { raterAgreement, type AgreementResult } from './raterAgreement.ts';

export interface LabelSource {
  name: string;
  path: string;
}

export interface PredictionSource {
  /** `model:variant` as given, or `predictions`. */
  name: string;
  model: string;
  variant: string;
  paths: string[];
}

export interface EvaluationOptions {
  labels: LabelSource[];
  predictions: PredictionSource[];
  mode: EvaluationMode;
  /** Patient-grouped bootstrap replicates for F1 intervals (0 = off). */
  bootstrap: number;
  seed: number;
  /** Files of times and sides only (S³ layout, e.g. task3_spatial_annotation.csv), merged after the label file's own. */
  timedLabels?: string[];
}

export interface EvaluationReport {
  mode: EvaluationMode;
  options: EvaluationOptions;
  /** The labels scored against (the consensus when there are several rater files). */
  labels: AnnotationTable;
  raterTables: AnnotationTable[];
  agreement: AgreementResult | null;
  consensus: ConsensusResult | null;
  sets: PredictionSetResult[];
  baselines: Map<string, LabelBaseline>;
  /** The timed and lateralized labels, or null when no label file has any. */
  timed: TimedLabels | null;
  warnings: string[];
}

export async function runEvaluation(opts: EvaluationOptions): Promise<EvaluationReport> {
  if (opts.labels.length === 0) throw new UsageError('No label file given.', { setting: 'labels', hint: 'Give the expert labels in the published annotation format.' });
  if (opts.predictions.length === 0 && opts.labels.length < 2) {
    throw new UsageError('Nothing to evaluate: give predictions, or several label files for rater agreement.', { setting: 'predictions' });
  }
  const raterTables = await Promise.all(opts.labels.map((l) => importLabels(l.path)));
  const warnings = raterTables.flatMap((t) => t.warnings);
  let labels = raterTables[0]!;
  let agreement: AgreementResult | null = null;
  let consensus: ConsensusResult | null = null;
  if (raterTables.length > 1) {
    const raters = raterTables.map((table, i) => ({ name: opts.labels[i]!.name, table }));
    agreement = raterAgreement(raters);
    consensus = majorityConsensus(raters);
    labels = consensus.table;
    if (agreement.features.length === 0) throw new InputError('The label files share no feature column.');
    if (agreement.partialRecordings.length > 0) {
      warnings.push(`${agreement.partialRecordings.length} recording(s) are missing from at least one rater file: ${preview(agreement.partialRecordings)}.`);
    }
  }

  const timedTables = await Promise.all((opts.timedLabels ?? []).map((p) => importTimedLabels(p)));
  for (const t of timedTables) warnings.push(...t.warnings);
  const raterTimed = raterTables.filter((t) => t.timedFeatures || t.lateralityItems);
  if (raterTables.length > 1 && raterTimed.length > 0) {
    warnings.push(`Times and sides in the ${raterTables.length} rater files are not merged into a consensus and not scored; give the ones to score against with --timed-labels.`);
  }
  const timedSources = [...(raterTables.length === 1 ? raterTimed : []), ...timedTables];
  const timed = timedSources.length ? mergeTimedLabels(timedSources, new Set(labels.records.map((r) => r.key))) : null;
  if (timed) warnings.push(...timed.warnings);

  const sets: PredictionSetResult[] = [];
  for (const p of opts.predictions) {
    const table = await importPredictions(p.paths);
    const result = evaluatePredictionSet(labels, { name: p.name, model: p.model, variant: p.variant, table }, opts);
    if (timed) {
      const keys = new Set(result.matchedKeys);
      Object.assign(result, evaluateTiming(labels, timed, table, labels.records.filter((r) => keys.has(r.key))));
    }
    sets.push(result);
    warnings.push(...result.warnings);
    if (result.labelsOnly.length) warnings.push(`${p.name}: ${result.labelsOnly.length} labelled recording(s) have no prediction: ${preview(result.labelsOnly)}.`);
    if (result.predictionsOnly.length) warnings.push(`${p.name}: ${result.predictionsOnly.length} predicted recording(s) have no label row: ${preview(result.predictionsOnly)}.`);
    if (result.predictionOnlyFeatures.length) warnings.push(`${p.name}: feature(s) not in the labels, not scored: ${result.predictionOnlyFeatures.join(', ')}.`);
  }
  const matchedKeys = new Set(sets.flatMap((s) => s.matchedKeys));
  const scoredFeatures = [...new Set(sets.flatMap((s) => s.features))];
  return {
    mode: opts.mode, options: opts, labels, raterTables, agreement, consensus, sets,
    baselines: labelBaselines(labels, matchedKeys, scoredFeatures), timed, warnings,
  };
}

function preview(names: readonly string[], max = 10): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more (see unmatched.csv)` : names.join(', ');
}
