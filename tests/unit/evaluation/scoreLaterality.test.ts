/** Side metrics and laterality on hand-made tables, each figure worked out in the comment beside it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreLaterality, type LateralityRow } from '../../../native-models/evaluation/scoreLaterality.ts';
import { sideMetrics } from '../../../native-models/evaluation/sideMetrics.ts';

const close = (a: number | null, b: number): void => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} ≈ ${b}`);

describe('sideMetrics', () => {
  it('balanced accuracy averages recall over the sides in the labels only (one class absent)', () => {
    // Labels all right; predictions right, left, right. Accuracy 2/3. Balanced: recall(right) = 2/3, left is not
    // labelled so it has no recall → 2/3. Macro-F1 over {left, right} (left was predicted): right 2·2/(4+0+1) = 0.8,
    // left 0/(0+1+0) = 0 → 0.4.
    const m = sideMetrics([{ label: 'right', predicted: 'right' }, { label: 'right', predicted: 'left' }, { label: 'right', predicted: 'right' }]);
    close(m.accuracy, 2 / 3);
    close(m.balancedAccuracy, 2 / 3);
    close(m.macroF1, 0.4);
    assert.deepEqual(m.classes, ['left', 'right']);
  });
  it('with bilateral: three classes', () => {
    // L→L, R→R, B→R, B→B. Accuracy 3/4. Recall L 1, R 1, B 1/2 → 5/6. F1: L 1, R 2/(2+1+0) = 2/3, B 2/(2+0+1) = 2/3 → 7/9.
    const m = sideMetrics([{ label: 'left', predicted: 'left' }, { label: 'right', predicted: 'right' }, { label: 'bilateral', predicted: 'right' }, { label: 'bilateral', predicted: 'bilateral' }]);
    close(m.accuracy, 3 / 4);
    close(m.balancedAccuracy, 5 / 6);
    close(m.macroF1, 7 / 9);
  });
  it('no rows: undefined, not 0', () => {
    assert.deepEqual(sideMetrics([]), { n: 0, accuracy: null, balancedAccuracy: null, macroF1: null, classes: [] });
  });
});

describe('scoreLaterality', () => {
  it('coverage, the rows scored, always-"right" on the same rows and on all labelled rows, sides without a label', () => {
    const rows: LateralityRow[] = [
      { label: 'left', predicted: { side: 'left', source: 'clinician' } },
      { label: 'left', predicted: { side: 'right', source: 'measured' } },
      { label: 'left', predicted: null },
      { label: 'right', predicted: { side: 'right', source: 'measured' } },
      { label: 'right', predicted: { side: null, source: 'model' } },
      { label: null, predicted: { side: 'left', source: 'measured' } },
      { label: null, predicted: null },
    ];
    const r = scoreLaterality('head_turning', ['head_turning'], rows);
    // 5 labelled (L3 R2), 3 with a side → coverage 3/5.
    assert.deepEqual([r.labelled, r.answered, r.sideWithoutLabel], [5, 3, 1]);
    assert.deepEqual(r.labelCounts, { left: 3, right: 2, bilateral: 0 });
    close(r.coverage, 3 / 5);
    // Scored: L→L, L→R, R→R. Accuracy 2/3; recall L 1/2, R 1 → 3/4; F1 L 2/(2+0+1) = 2/3, R 2/(2+1+0) = 2/3 → 2/3.
    close(r.model.accuracy, 2 / 3);
    close(r.model.balancedAccuracy, 3 / 4);
    close(r.model.macroF1, 2 / 3);
    // Always right, same rows (L, L, R): accuracy 1/3, balanced (0 + 1)/2, F1 R 2/(2+2) = 1/2, L 0 → 1/4.
    close(r.alwaysRight.accuracy, 1 / 3);
    close(r.alwaysRight.balancedAccuracy, 1 / 2);
    close(r.alwaysRight.macroF1, 1 / 4);
    // Always right on all 5 labelled (L3 R2): accuracy 2/5, balanced 1/2, F1 R 4/(4+3) = 4/7, L 0 → 2/7.
    close(r.alwaysRightAll.accuracy, 2 / 5);
    close(r.alwaysRightAll.balancedAccuracy, 1 / 2);
    close(r.alwaysRightAll.macroF1, 2 / 7);
    assert.deepEqual(r.sources, { clinician: 1, measured: 2, model: 0, csv: 0 });
  });
});
