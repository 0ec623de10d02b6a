/** patientBootstrap: numpy-style quantiles and the seeded bootstrap that resamples whole patients. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patientBootstrap, quantile } from '../../../native-models/evaluation/patientBootstrap.ts';
import { seededRandom } from '../../../native-models/evaluation/seededRandom.ts';

describe('quantile (numpy linear interpolation)', () => {
  it('interpolates between order statistics', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([0, 10], 0.025), 0.25);
    assert.equal(quantile([5], 0.975), 5);
  });
});

describe('patientBootstrap', () => {
  type Row = { patient: string; value: number };
  const mean = (rows: readonly Row[]): number => rows.reduce((s, r) => s + r.value, 0) / rows.length;
  const rows: Row[] = [
    { patient: 'A', value: 1 }, { patient: 'A', value: 1 }, { patient: 'B', value: 0 },
    { patient: 'C', value: 1 }, { patient: 'D', value: 0 }, { patient: 'D', value: 0 }, { patient: 'E', value: 1 },
  ];

  it('is deterministic for a seed and differs across seeds', () => {
    const a = patientBootstrap(rows, (r) => r.patient, mean, 300, seededRandom(7, 'x'));
    const b = patientBootstrap(rows, (r) => r.patient, mean, 300, seededRandom(7, 'x'));
    const c = patientBootstrap(rows, (r) => r.patient, mean, 300, seededRandom(8, 'x'));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.interval, c.interval);
    assert.equal(a.defined, 300);
    assert.ok(a.interval!.lo >= 0 && a.interval!.hi <= 1 && a.interval!.lo < a.interval!.hi);
  });

  it('keeps a patient\'s recordings together: patients whose rows all agree give a zero-width interval', () => {
    // Every patient has one 1 and one 0: any resample of whole patients has mean exactly 0.5.
    const paired: Row[] = ['A', 'B', 'C', 'D'].flatMap((p) => [{ patient: p, value: 1 }, { patient: p, value: 0 }]);
    const r = patientBootstrap(paired, (x) => x.patient, mean, 200, seededRandom(1, 'y'));
    assert.deepEqual(r.interval, { lo: 0.5, hi: 0.5 });
  });

  it('drops replicates where the statistic is undefined and reports how many were defined', () => {
    const r = patientBootstrap(rows, (x) => x.patient, (s) => (s.some((x) => x.patient === 'A') ? 1 : null), 500, seededRandom(3, 'z'));
    assert.ok(r.defined > 0 && r.defined < 500);
    assert.equal(r.replicates, 500);
    assert.deepEqual(r.interval, { lo: 1, hi: 1 });
  });

  it('returns no interval without rows or replicates', () => {
    assert.equal(patientBootstrap([], (x: Row) => x.patient, mean, 100, seededRandom(1)).interval, null);
    assert.equal(patientBootstrap(rows, (x) => x.patient, mean, 0, seededRandom(1)).interval, null);
  });
});
