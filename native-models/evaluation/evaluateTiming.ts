/**
 * Onsets and sides of one prediction set against the timed labels, over the recordings matched for presence.
 * Label classes per feature: with a presence column in the labels, `yes` + a start time is an onset, `no` is
 * none (a time written on a `no` row is not an onset), anything else is not scored; without a presence
 * column, a start time is an onset and an empty one none. An ambiguous time cell is not scored. A prediction
 * CSV's onset counts only where its presence cell for the feature (if it has that column) says yes.
 */
import type { AnnotationRecord, AnnotationTable, LateralityReport, TimingReport } from './evaluationTypes.ts';
import { lateralityItem } from './lateralityItems.ts';
import type { TimedLabels } from './mergeTimedLabels.ts';
import { scoreLaterality, type LateralityRow } from './scoreLaterality.ts';
import { scoreTiming, type TimingRow } from './scoreTiming.ts';

export interface TimingEvaluation {
  timing?: TimingReport;
  laterality?: LateralityReport;
}

export function evaluateTiming(labels: AnnotationTable, timed: TimedLabels, predictions: AnnotationTable, matched: readonly AnnotationRecord[]): TimingEvaluation {
  const preds = new Map(predictions.records.map((r) => [r.key, r]));
  const out: TimingEvaluation = {};

  const features = timed.timedFeatures.filter((f) => predictions.timedFeatures?.includes(f));
  if (features.length > 0) {
    const all: TimingRow[] = [];
    const results = features.map((f) => {
      const rows = matched.map((l): TimingRow => ({ label: labelClass(labels, timed, l, f), predicted: predictedOnset(predictions, preds.get(l.key), f) }));
      all.push(...rows);
      return scoreTiming(f, rows);
    });
    out.timing = { features: results, overall: scoreTiming('all', all) };
  }

  const items = timed.lateralityItems.filter((i) => predictions.lateralityItems?.includes(i));
  if (items.length > 0) {
    const all: LateralityRow[] = [];
    const results = items.map((id) => {
      const rows = matched.map((l): LateralityRow => ({
        label: timed.byKey.get(l.key)?.sides.get(id)?.side ?? null,
        predicted: preds.get(l.key)?.timing?.sides.get(id) ?? null,
      }));
      all.push(...rows);
      return scoreLaterality(id, lateralityItem(id).features, rows);
    });
    out.laterality = { items: results, overall: scoreLaterality('all', [...new Set(items.flatMap((i) => lateralityItem(i).features))], all) };
  }
  return out;
}

function labelClass(labels: AnnotationTable, timed: TimedLabels, l: AnnotationRecord, f: string): TimingRow['label'] {
  const t = timed.byKey.get(l.key)?.times.get(f);
  if (labels.features.includes(f)) {
    const p = l.values.get(f) ?? null;
    if (p === 'no') return { kind: 'none' };
    if (p === 'yes' && t && !t.ambiguous && t.startS !== null) return { kind: 'onset', startS: t.startS, endS: t.endS };
    return { kind: 'unscored' };
  }
  if (!t || t.ambiguous) return { kind: 'unscored' };
  return t.startS === null ? { kind: 'none' } : { kind: 'onset', startS: t.startS, endS: t.endS };
}

function predictedOnset(table: AnnotationTable, rec: AnnotationRecord | undefined, f: string): TimingRow['predicted'] {
  const t = rec?.timing?.times.get(f);
  if (!t || t.ambiguous || t.startS === null) return null;
  if (t.source === 'csv' && table.features.includes(f) && rec!.values.get(f) !== 'yes') return null;
  return { startS: t.startS, endS: t.endS, source: t.source };
}
