/** binaryMetrics and countConfusion on hand-computed small cases; undefined ratios are null, not 0. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binaryMetrics, countConfusion } from '../../../native-models/evaluation/binaryMetrics.ts';

const close = (a: number | null, b: number, eps = 1e-9): void => {
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

describe('binaryMetrics', () => {
  it('TP 3, FP 1, FN 2, TN 4: accuracy 7/10, precision 3/4, recall 3/5, F1 6/9, MCC 10/sqrt(600)', () => {
    const m = binaryMetrics({ tp: 3, fp: 1, fn: 2, tn: 4 });
    assert.equal(m.n, 10);
    close(m.accuracy, 0.7);
    close(m.precision, 0.75);
    close(m.recall, 0.6);
    close(m.f1, 6 / 9);
    close(m.mcc, 10 / Math.sqrt(600)); // (3*4 - 1*2) / sqrt(4*5*5*6) = 0.40825
  });

  it('undefined ratios are null, not 0: no predicted yes -> precision undefined, F1 still 0', () => {
    const m = binaryMetrics({ tp: 0, fp: 0, fn: 4, tn: 6 });
    assert.equal(m.precision, null);
    assert.equal(m.recall, 0);
    assert.equal(m.f1, 0);
    assert.equal(m.mcc, null);
    const none = binaryMetrics({ tp: 0, fp: 0, fn: 0, tn: 5 });
    assert.equal(none.recall, null);
    assert.equal(none.f1, null);
    assert.equal(binaryMetrics({ tp: 0, fp: 0, fn: 0, tn: 0 }).accuracy, null);
  });

  it('perfect and inverted predictions give MCC +1 and -1', () => {
    close(binaryMetrics({ tp: 2, fp: 0, fn: 0, tn: 3 }).mcc, 1);
    close(binaryMetrics({ tp: 0, fp: 3, fn: 2, tn: 0 }).mcc, -1);
  });

  it('countConfusion tallies label/prediction pairs', () => {
    const c = countConfusion([
      { label: true, predicted: true }, { label: true, predicted: false },
      { label: false, predicted: true }, { label: false, predicted: false }, { label: false, predicted: false },
    ]);
    assert.deepEqual(c, { tp: 1, fp: 1, fn: 1, tn: 2 });
  });
});
