/** The chance baselines (always yes, random at the prevalence) against closed forms and exact enumeration. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alwaysYesBaseline, randomBaseline } from '../../../native-models/evaluation/baselines.ts';

const close = (a: number | null, b: number, eps = 1e-9): void => {
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

describe('chance baselines', () => {
  it('always-yes at prevalence 39/90: accuracy = precision = p, recall 1, F1 2p/(1+p) = 78/129', () => {
    const b = alwaysYesBaseline(39, 51);
    close(b.accuracy, 39 / 90);
    close(b.precision, 39 / 90);
    close(b.recall, 1);
    close(b.f1, 78 / 129);
    assert.equal(b.mcc, null);
  });

  it('random at q = p: accuracy p² + (1-p)², precision = recall = F1 = p, MCC 0', () => {
    const b = randomBaseline(39, 51);
    const p = 39 / 90;
    close(b.accuracy, p * p + (1 - p) * (1 - p)); // 0.50889
    close(b.precision, p);
    close(b.recall, p);
    close(b.f1, p);
    close(b.mcc, 0);
  });

  it('the analytic random precision and recall equal exact expectations (enumerating all 2^5 outcomes)', () => {
    const labels = [true, true, false, false, false];
    const q = 2 / 5;
    let ePrecision = 0;
    let pAnyYes = 0;
    let eRecall = 0;
    let eAccuracy = 0;
    for (let mask = 0; mask < 32; mask++) {
      const pred = labels.map((_, i) => (mask >> i & 1) === 1);
      const k = pred.filter(Boolean).length;
      const w = q ** k * (1 - q) ** (5 - k);
      const tp = pred.filter((y, i) => y && labels[i]).length;
      const correct = pred.filter((y, i) => y === labels[i]).length;
      if (k > 0) { ePrecision += w * (tp / k); pAnyYes += w; }
      eRecall += w * (tp / 2);
      eAccuracy += w * (correct / 5);
    }
    const b = randomBaseline(2, 3);
    close(b.precision, ePrecision / pAnyYes, 1e-12);
    close(b.recall, eRecall, 1e-12);
    close(b.accuracy, eAccuracy, 1e-12);
  });

  it('with no labelled rows the baselines are undefined', () => {
    assert.equal(alwaysYesBaseline(0, 0).f1, null);
    assert.equal(randomBaseline(0, 4).f1, null);
  });
});
