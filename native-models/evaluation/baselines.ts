/**
 * Chance baselines, computed analytically from the label prevalence p = P / (P + N) of the labelled rows:
 *
 * - always-yes: predicts yes for every recording. tp = P, fp = N. Accuracy p, precision p, recall 1,
 *   F1 2p / (1 + p). MCC undefined.
 * - prevalence-matched random: says yes with probability q = p, independently of the recording.
 *   Expected accuracy p·q + (1-p)(1-q) = p² + (1-p)². Expected recall q = p exactly; precision, given at
 *   least one yes, is p exactly (the yes-set is a uniformly random subset). F1 is reported at the expected
 *   confusion counts (2pq / (p + q) = p), the usual "chance F1"; expected MCC 0.
 */
import type { BinaryMetrics } from './binaryMetrics.ts';

export type BaselineName = 'always-yes' | 'random';

export function alwaysYesBaseline(positives: number, negatives: number): BinaryMetrics {
  const n = positives + negatives;
  if (n === 0) return empty(0);
  const p = positives / n;
  return { n, accuracy: p, precision: p, recall: positives > 0 ? 1 : null, f1: (2 * p) / (1 + p), mcc: null };
}

export function randomBaseline(positives: number, negatives: number): BinaryMetrics {
  const n = positives + negatives;
  if (n === 0) return empty(0);
  const p = positives / n;
  return {
    n,
    accuracy: p * p + (1 - p) * (1 - p),
    precision: positives > 0 ? p : null,
    recall: positives > 0 ? p : null,
    f1: positives > 0 ? p : null,
    mcc: positives > 0 && negatives > 0 ? 0 : null,
  };
}

function empty(n: number): BinaryMetrics {
  return { n, accuracy: null, precision: null, recall: null, f1: null, mcc: null };
}
