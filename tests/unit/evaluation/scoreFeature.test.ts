/**
 * scoreFeature in paper mode: the metrics leave out rows whose prediction failed (as published), but
 * "Positive Num" counts every labelled positive, failed predictions included. Ictal vocalization
 * (Audio Flamingo 3, base) rebuilt from its published counts: 53 labelled positives, 5 of them failed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CellValue } from '../../../native-models/evaluation/evaluationTypes.ts';
import { scoreFeature, type ScoredPair } from '../../../native-models/evaluation/scoreFeature.ts';
import { TABLE2_ICTAL_VOCALIZATION } from './publishedTable2.ts';

function pairsFromCounts(positives: number, negatives: number, [tp, fp, fn, tn]: readonly number[]): ScoredPair[] {
  const rows: [CellValue, CellValue][] = [];
  for (let i = 0; i < positives; i++) rows.push(['yes', i < tp! ? 'yes' : i < tp! + fn! ? 'no' : 'fail']);
  for (let i = 0; i < negatives; i++) rows.push(['no', i < fp! ? 'yes' : i < fp! + tn! ? 'no' : 'fail']);
  return rows.map(([label, predicted], i) => ({ key: `r${i}`, patientId: `P${i % 29}`, label, predicted }));
}

test('paper mode: Positive Num counts labelled positives whose prediction failed; the metrics do not', () => {
  const f = TABLE2_ICTAL_VOCALIZATION;
  const cell = f.cells[0]!;
  const r = scoreFeature(f.id, pairsFromCounts(f.positives, f.negatives, cell.counts), { mode: 'paper', bootstrap: 0, seed: 1 });
  assert.equal(r.failed, 5);
  assert.equal(r.positives, 53, 'the published Positive Num: every labelled positive');
  assert.equal(r.n, 85, 'failed predictions stay out of the scored rows');
  assert.deepEqual([r.accuracy, r.precision, r.recall, r.f1].map((x) => x!.toFixed(3)), cell.published);
});

test('binary mode: positives are the positives among scored (answered) rows', () => {
  const r = scoreFeature('ictal_vocalization', pairsFromCounts(53, 37, [34, 6, 14, 31]), { mode: 'binary', bootstrap: 0, seed: 1 });
  assert.equal(r.positives, 48);
  assert.equal(r.n, 85);
});
