/** Onset/offset errors on a hand-made table: errors over hits only, misses and false alarms counted apart. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreTiming, type TimingRow } from '../../../native-models/evaluation/scoreTiming.ts';

const onset = (startS: number, endS: number | null = null): TimingRow['label'] => ({ kind: 'onset', startS, endS });
const pred = (startS: number, endS: number | null = null, source: 'clinician' | 'measured' | 'model' | 'csv' = 'model'): TimingRow['predicted'] => ({ startS, endS, source });

describe('scoreTiming', () => {
  it('computes mean, median, bias and shares within 2 s / 5 s over the hits; misses and false alarms apart', () => {
    const rows: TimingRow[] = [
      { label: onset(10, 30), predicted: pred(11, 33, 'clinician') }, // onset err 1, offset err 3
      { label: onset(20, 40), predicted: pred(14, null, 'measured') }, // onset err 6 (early), offset not predicted
      { label: onset(5), predicted: pred(9) }, // onset err 4, no labelled offset
      { label: onset(50, 60), predicted: null }, // miss: no error counted
      { label: { kind: 'none' }, predicted: pred(100, 110, 'measured') }, // false alarm: no error counted
      { label: { kind: 'none' }, predicted: null }, // correct none
      { label: { kind: 'unscored' }, predicted: pred(1) }, // not scored, not a source
    ];
    const r = scoreTiming('tonic', rows);
    assert.deepEqual([r.labelledOnsets, r.labelledNone, r.unscored, r.hits, r.misses, r.falseAlarms, r.correctNone], [4, 2, 1, 3, 1, 1, 1]);
    // Onset errors 1, 6, 4: mean 11/3, median 4, signed +1 −6 +4 → bias −1/3; ≤ 2 s: 1 of 3; ≤ 5 s: 2 of 3.
    assert.equal(r.onset.n, 3);
    assert.ok(Math.abs(r.onset.meanS! - 11 / 3) < 1e-12);
    assert.equal(r.onset.medianS, 4);
    assert.ok(Math.abs(r.onset.biasS! - -1 / 3) < 1e-12);
    assert.ok(Math.abs(r.onset.within2! - 1 / 3) < 1e-12);
    assert.ok(Math.abs(r.onset.within5! - 2 / 3) < 1e-12);
    // Offsets: only the first hit has both (error 3); the second has a labelled but no predicted offset.
    assert.deepEqual(r.offset, { n: 1, meanS: 3, medianS: 3, biasS: 3, within2: 0, within5: 1 });
    assert.equal(r.offsetNotPredicted, 1);
    assert.deepEqual(r.sources, { clinician: 1, measured: 2, model: 1, csv: 0 });
  });

  it('an even number of errors has the middle pair\'s mean as median; no hits leaves every error undefined', () => {
    const r = scoreTiming('clonic', [
      { label: onset(0), predicted: pred(1) }, { label: onset(0), predicted: pred(2) },
      { label: onset(0), predicted: pred(6) }, { label: onset(0), predicted: pred(10) },
    ]);
    assert.equal(r.onset.medianS, (2 + 6) / 2);
    assert.equal(r.onset.within2, 2 / 4); // 1 and 2 (≤ 2 s is inclusive)
    const none = scoreTiming('clonic', [{ label: onset(3), predicted: null }, { label: { kind: 'none' }, predicted: pred(4) }]);
    assert.deepEqual(none.onset, { n: 0, meanS: null, medianS: null, biasS: null, within2: null, within5: null });
    assert.deepEqual([none.misses, none.falseAlarms], [1, 1]);
  });
});
