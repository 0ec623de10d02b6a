/**
 * Multi-class metrics as sklearn computes them with average='macro', zero_division=0: the classes are the
 * union of the values seen in labels and predictions; per class, precision = tp/(predicted as class),
 * recall = tp/(labelled as class), F1 = 2tp/(predicted + labelled), each 0 when its denominator is 0; the
 * macro value is the unweighted mean over classes (so macro F1 is not the F1 of macro precision and recall).
 */

export interface MacroMetrics {
  classes: string[];
  n: number;
  accuracy: number | null;
  precision: number;
  recall: number;
  f1: number;
  perClass: { cls: string; precision: number; recall: number; f1: number; support: number }[];
}

export function macroMetrics(pairs: readonly { label: string; predicted: string }[]): MacroMetrics {
  const classes = [...new Set(pairs.flatMap((p) => [p.label, p.predicted]))].sort();
  const perClass = classes.map((cls) => {
    let tp = 0;
    let predicted = 0;
    let support = 0;
    for (const p of pairs) {
      if (p.predicted === cls) predicted++;
      if (p.label === cls) support++;
      if (p.label === cls && p.predicted === cls) tp++;
    }
    const div = (a: number, b: number): number => (b > 0 ? a / b : 0);
    return { cls, precision: div(tp, predicted), recall: div(tp, support), f1: div(2 * tp, predicted + support), support };
  });
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const correct = pairs.filter((p) => p.label === p.predicted).length;
  return {
    classes,
    n: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : null,
    precision: mean(perClass.map((c) => c.precision)),
    recall: mean(perClass.map((c) => c.recall)),
    f1: mean(perClass.map((c) => c.f1)),
    perClass,
  };
}
