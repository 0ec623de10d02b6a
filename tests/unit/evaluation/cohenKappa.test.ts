/** cohenKappa on a textbook 2x2 worked example, perfect agreement and undefined cases. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohenKappa } from '../../../native-models/evaluation/cohenKappa.ts';

const near = (a: number | null, b: number, eps = 1e-9): void => {
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

describe('cohenKappa', () => {
  it('textbook 2x2 example (50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): po 0.7, pe 0.5, kappa 0.4', () => {
    const pairs = [
      ...Array.from({ length: 20 }, () => ({ a: 'yes', b: 'yes' })),
      ...Array.from({ length: 5 }, () => ({ a: 'yes', b: 'no' })),
      ...Array.from({ length: 10 }, () => ({ a: 'no', b: 'yes' })),
      ...Array.from({ length: 15 }, () => ({ a: 'no', b: 'no' })),
    ];
    const k = cohenKappa(pairs);
    assert.equal(k.n, 50);
    near(k.observed, 0.7);
    near(k.expected, 0.5); // 0.5*0.6 + 0.5*0.4
    near(k.kappa, 0.4);
  });
  it('perfect agreement on varied items is 1; one shared category only is undefined', () => {
    near(cohenKappa([{ a: 'yes', b: 'yes' }, { a: 'no', b: 'no' }]).kappa, 1);
    assert.equal(cohenKappa([{ a: 'no', b: 'no' }, { a: 'no', b: 'no' }]).kappa, null);
    assert.equal(cohenKappa([]).kappa, null);
  });
});
