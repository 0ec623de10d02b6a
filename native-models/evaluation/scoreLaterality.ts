/**
 * Laterality of one item (or pooled over items): coverage (labelled sides the prediction gave a side for),
 * the side metrics on the rows with both, and the trivial always-"right" answer on the same rows and on every
 * labelled row. Predicted sides where no side is labelled are counted, not scored.
 */
import type { LateralityResult, PredictionSource, SideCell, SideValue } from './evaluationTypes.ts';
import { sideMetrics, type SidePair } from './sideMetrics.ts';

export interface LateralityRow {
  label: SideValue | null;
  predicted: SideCell | null;
}

export function scoreLaterality(itemId: string, features: readonly string[], rows: readonly LateralityRow[]): LateralityResult {
  const sources: Record<PredictionSource, number> = { clinician: 0, measured: 0, model: 0, csv: 0 };
  const labelCounts: Record<SideValue, number> = { left: 0, right: 0, bilateral: 0 };
  const pairs: SidePair[] = [];
  const labelledSides: SideValue[] = [];
  let sideWithoutLabel = 0;
  for (const { label, predicted } of rows) {
    const p = predicted?.side ?? null;
    if (label === null) {
      if (p !== null) sideWithoutLabel++;
      continue;
    }
    labelCounts[label]++;
    labelledSides.push(label);
    if (p === null) continue;
    if (predicted!.source !== 'labels') sources[predicted!.source]++;
    pairs.push({ label, predicted: p });
  }
  const labelled = labelledSides.length;
  return {
    itemId, features: [...features], labelled, labelCounts, answered: pairs.length,
    coverage: labelled ? pairs.length / labelled : null,
    model: sideMetrics(pairs),
    alwaysRight: sideMetrics(pairs.map((x) => ({ label: x.label, predicted: 'right' }))),
    alwaysRightAll: sideMetrics(labelledSides.map((label) => ({ label, predicted: 'right' }))),
    sideWithoutLabel, sources,
  };
}
