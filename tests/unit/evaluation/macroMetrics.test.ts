/** macroMetrics as sklearn's average="macro", zero_division=0, on its documentation example. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { macroMetrics } from '../../../native-models/evaluation/macroMetrics.ts';

const close = (a: number | null, b: number, eps = 1e-9): void => {
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

describe('macroMetrics (sklearn average="macro", zero_division=0)', () => {
  it('matches the sklearn documentation example: P 0.222, R 0.333, F1 0.267', () => {
    const t = ['cat', 'dog', 'pig', 'cat', 'dog', 'pig'];
    const p = ['cat', 'pig', 'dog', 'cat', 'cat', 'dog'];
    const m = macroMetrics(t.map((label, i) => ({ label, predicted: p[i]! })));
    assert.deepEqual(m.classes, ['cat', 'dog', 'pig']);
    close(m.precision, 2 / 9); // cat 2/3, dog 0, pig 0
    close(m.recall, 1 / 3); // cat 1, dog 0, pig 0
    close(m.f1, 0.8 / 3); // cat 0.8
    close(m.accuracy, 2 / 6);
  });

  it('a class only predicted (na) counts with precision 0, recall 0 (undefined -> 0), F1 0', () => {
    // labels yes,yes,no,no; predictions yes,na,no,yes
    const m = macroMetrics([
      { label: 'yes', predicted: 'yes' }, { label: 'yes', predicted: 'na' },
      { label: 'no', predicted: 'no' }, { label: 'no', predicted: 'yes' },
    ]);
    assert.deepEqual(m.classes, ['na', 'no', 'yes']);
    // yes: P 1/2, R 1/2, F1 1/2; no: P 1, R 1/2, F1 2/3; na: 0, 0, 0
    close(m.precision, (0.5 + 1 + 0) / 3);
    close(m.recall, (0.5 + 0.5 + 0) / 3);
    close(m.f1, (0.5 + 2 / 3 + 0) / 3);
    close(m.accuracy, 0.5);
  });
});
