/** Cohen's and Fleiss' kappa on textbook worked examples; rater agreement and majority-vote consensus. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohenKappa } from '../../../native-models/evaluation/cohenKappa.ts';
import type { AnnotationTable, CellValue } from '../../../native-models/evaluation/evaluationTypes.ts';
import { fleissKappa } from '../../../native-models/evaluation/fleissKappa.ts';
import { majorityConsensus } from '../../../native-models/evaluation/majorityConsensus.ts';
import { raterAgreement } from '../../../native-models/evaluation/raterAgreement.ts';

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

function table(name: string, rows: Record<string, Record<string, CellValue>>): AnnotationTable {
  const features = ['blank_stare', 'tonic'];
  return {
    source: name, features, warnings: [],
    records: Object.entries(rows).map(([key, v]) => ({
      key, fileName: `${key}.mp4`, patientId: key.split('@')[0]!, origin: name, values: new Map(Object.entries(v)),
    })),
  };
}

describe('raterAgreement and majorityConsensus', () => {
  const r1 = table('r1', { 'P1@a': { blank_stare: 'yes', tonic: 'no' }, 'P1@b': { blank_stare: 'no', tonic: 'no' }, 'P2@c': { blank_stare: 'yes', tonic: 'yes' }, 'P3@d': { blank_stare: 'no', tonic: null } });
  const r2 = table('r2', { 'P1@a': { blank_stare: 'yes', tonic: 'no' }, 'P1@b': { blank_stare: 'yes', tonic: 'no' }, 'P2@c': { blank_stare: 'yes', tonic: 'yes' }, 'P3@d': { blank_stare: 'no', tonic: 'yes' } });
  const r3 = table('r3', { 'P1@a': { blank_stare: 'no', tonic: 'no' }, 'P1@b': { blank_stare: 'no', tonic: 'yes' }, 'P2@c': { blank_stare: 'yes', tonic: 'yes' }, 'P3@d': { blank_stare: 'no', tonic: 'no' } });
  const raters = [{ name: 'r1', table: r1 }, { name: 'r2', table: r2 }, { name: 'r3', table: r3 }];

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

  it('majority vote needs a strict majority of all raters; otherwise the cell stays empty and is counted', () => {
    const c = majorityConsensus(raters);
    const get = (k: string, f: string): CellValue => c.table.records.find((r) => r.key === k)!.values.get(f) ?? null;
    assert.equal(get('P1@a', 'blank_stare'), 'yes');
    assert.equal(get('P1@b', 'blank_stare'), 'no');
    assert.equal(get('P3@d', 'tonic'), null); // one yes, one no, one empty: no majority of 3
    assert.equal(c.unresolved.get('tonic'), 1);
    assert.equal(c.unresolved.get('blank_stare'), 0);
  });
});
