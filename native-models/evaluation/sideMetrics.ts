/**
 * Metrics of side predictions (the patient's left / right / bilateral) over rows that have both a labelled
 * and a predicted side: accuracy; balanced accuracy = mean recall over the sides present in the labels
 * (a side nobody labelled has no recall, so it is left out, as sklearn's balanced_accuracy_score does);
 * macro-F1 = mean over the sides present in labels or predictions of F1 = 2TP/(2TP+FP+FN) (sklearn
 * average='macro'). Undefined (no rows) is null.
 */
import type { SideMetrics, SideValue } from './evaluationTypes.ts';

export const SIDE_ORDER: readonly SideValue[] = ['left', 'right', 'bilateral'];

export interface SidePair {
  label: SideValue;
  predicted: SideValue;
}

export function sideMetrics(pairs: readonly SidePair[]): SideMetrics {
  const n = pairs.length;
  if (n === 0) return { n: 0, accuracy: null, balancedAccuracy: null, macroF1: null, classes: [] };
  const correct = pairs.filter((p) => p.label === p.predicted).length;
  const labelClasses = SIDE_ORDER.filter((c) => pairs.some((p) => p.label === c));
  const classes = SIDE_ORDER.filter((c) => pairs.some((p) => p.label === c || p.predicted === c));
  const recall = (c: SideValue): number => {
    const labelled = pairs.filter((p) => p.label === c);
    return labelled.filter((p) => p.predicted === c).length / labelled.length;
  };
  const f1 = (c: SideValue): number => {
    const tp = pairs.filter((p) => p.label === c && p.predicted === c).length;
    const fp = pairs.filter((p) => p.label !== c && p.predicted === c).length;
    const fn = pairs.filter((p) => p.label === c && p.predicted !== c).length;
    return (2 * tp) / (2 * tp + fp + fn);
  };
  return {
    n,
    accuracy: correct / n,
    balancedAccuracy: labelClasses.reduce((s, c) => s + recall(c), 0) / labelClasses.length,
    macroF1: classes.reduce((s, c) => s + f1(c), 0) / classes.length,
    classes,
  };
}
