/**
 * Binary metrics from a 2x2 confusion table (yes = positive).
 * Undefined ratios are null here; paper mode maps them to 0 (sklearn zero_division=0).
 */

export interface ConfusionCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryMetrics {
  n: number;
  accuracy: number | null;
  /** tp / (tp + fp); null when nothing was predicted yes. */
  precision: number | null;
  /** tp / (tp + fn); null when no label is yes. */
  recall: number | null;
  /** 2tp / (2tp + fp + fn) (the harmonic mean of precision and recall); null only when tp + fp + fn = 0. */
  f1: number | null;
  /** Matthews correlation coefficient; null when a row or column of the table is empty. */
  mcc: number | null;
}

export function binaryMetrics(c: ConfusionCounts): BinaryMetrics {
  const { tp, fp, fn, tn } = c;
  const n = tp + fp + fn + tn;
  const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
  const denom = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
  return {
    n,
    accuracy: ratio(tp + tn, n),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    mcc: denom > 0 ? (tp * tn - fp * fn) / Math.sqrt(denom) : null,
  };
}

export function countConfusion(pairs: Iterable<{ label: boolean; predicted: boolean }>): ConfusionCounts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { label, predicted } of pairs) {
    if (label && predicted) c.tp++;
    else if (!label && predicted) c.fp++;
    else if (label) c.fn++;
    else c.tn++;
  }
  return c;
}
