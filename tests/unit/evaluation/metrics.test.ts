/** Hand-computed small cases for the binary and macro metrics, the number formatting and the baselines. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alwaysYesBaseline, randomBaseline } from '../../../native-models/evaluation/baselines.ts';
import { binaryMetrics, countConfusion } from '../../../native-models/evaluation/binaryMetrics.ts';
import { formatFixed3, formatPaperNumber, roundHalfEven } from '../../../native-models/evaluation/formatNumber.ts';
import { macroMetrics } from '../../../native-models/evaluation/macroMetrics.ts';

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

describe('number formatting as in the published files', () => {
  it('rounds to 3 decimals half to even on the scaled value, like numpy.round', () => {
    assert.equal(roundHalfEven(0.0625), 0.062);
    assert.equal(roundHalfEven(0.1875), 0.188);
    assert.equal(roundHalfEven(35 / 72), 0.486);
    assert.equal(roundHalfEven(2 / 3), 0.667);
  });
  it('prints like pandas: 0.544, 0.5, 0.0, 39.0; undefined as empty', () => {
    assert.equal(formatPaperNumber(49 / 90), '0.544');
    assert.equal(formatPaperNumber(0.5), '0.5');
    assert.equal(formatPaperNumber(0), '0.0');
    assert.equal(formatPaperNumber(39), '39.0');
    assert.equal(formatPaperNumber(1), '1.0');
    assert.equal(formatPaperNumber(null), '');
    assert.equal(formatFixed3(0.6), '0.600');
    assert.equal(formatFixed3(null), '–');
  });
});

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
