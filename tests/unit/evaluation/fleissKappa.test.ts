/** fleissKappa on Fleiss' worked example; with two raters on binary items it equals Scott's pi. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleissKappa } from '../../../native-models/evaluation/fleissKappa.ts';

const near = (a: number | null, b: number, eps = 1e-9): void => {
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

describe('fleissKappa', () => {
  it('Fleiss worked example (10 subjects, 14 raters, 5 categories): P̄ 0.378, P̄e 0.213, kappa 0.210', () => {
    const counts = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const r = fleissKappa(counts);
    assert.equal(r.subjects, 10);
    assert.equal(r.raters, 14);
    near(r.meanAgreement, 0.378021978, 1e-8);
    near(r.chanceAgreement, 0.212755102, 1e-8);
    near(r.kappa, 0.209930704, 1e-8);
  });
  it('rejects subjects with different numbers of ratings', () => {
    assert.throws(() => fleissKappa([[2, 1], [1, 1]]), /needs 3/);
  });
  it('with two raters on binary items it equals Scott\'s pi', () => {
    // pairs: (y,y) x2, (n,n) x1, (y,n) x1 -> po 0.75; pooled p_yes = 5/8 -> pe = 25/64 + 9/64
    const r = fleissKappa([[2, 0], [2, 0], [0, 2], [1, 1]]);
    near(r.kappa, (0.75 - 34 / 64) / (1 - 34 / 64));
  });
});
