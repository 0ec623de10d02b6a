/** raterAgreement: Cohen per rater pair per feature on items both rated, Fleiss per feature and overall. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { raterAgreement } from '../../../native-models/evaluation/raterAgreement.ts';
import { raters } from './threeRaters.ts';

const near = (a: number | null, b: number, eps = 1e-9): void => {
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

describe('raterAgreement', () => {
  it('computes Cohen per pair per feature on items both rated, Fleiss per feature and overall', () => {
    const a = raterAgreement(raters);
    assert.deepEqual(a.raters, ['r1', 'r2', 'r3']);
    const bs = a.features.find((f) => f.featureId === 'blank_stare')!;
    assert.deepEqual(bs.pairs.map((p) => `${p.a}-${p.b}`), ['r1-r2', 'r1-r3', 'r2-r3']);
    // r1 vs r2 on blank_stare: y/y, n/y, y/y, n/n -> po 3/4, pe = (2/4)(3/4) + (2/4)(1/4) = 1/2, kappa 1/2
    near(bs.pairs[0]!.result.kappa, 0.5);
    // tonic: r1 left P3@d empty, so r1 pairs use 3 items and Fleiss uses 3 items
    const tonic = a.features.find((f) => f.featureId === 'tonic')!;
    assert.equal(tonic.pairs[0]!.result.n, 3);
    assert.equal(tonic.pairs[2]!.result.n, 4);
    assert.equal(tonic.fleiss.subjects, 3);
    assert.equal(a.overall.subjects, 7);
    // blank_stare Fleiss by hand: rows (yes,no) = [2,1],[1,2],[3,0],[0,3]; P_i = 1/3,1/3,1,1 -> P̄ 2/3; p_yes 1/2 -> P̄e 1/2; kappa 1/3
    near(bs.fleiss.kappa, 1 / 3);
  });
});
