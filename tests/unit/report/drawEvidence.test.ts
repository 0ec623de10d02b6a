/** drawEvidence's justificationsFor: which model justifications the report quotes, in what order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { justificationsFor } from '../../../native-models/report/drawEvidence.ts';
import type { Answer, Finding } from '../../../native-models/contract/analysisSchema.ts';

test('justifications: positive answers first, earliest segment first, de-duplicated, capped', () => {
  const f: Finding = { featureId: 'clonic', present: true, status: 'present', variant: 'base', positiveSegments: [1, 3], onsetS: 30,
    justifications: ['A', 'Z'] };
  const ans = (seg: number, present: boolean, j: string): Answer => ({ featureId: 'clonic', segmentIndex: seg, variant: 'base', present,
    justification: j, onsetS: null, fromCache: false, status: 'ok' });
  const answers = [ans(3, true, 'B'), ans(1, true, 'A'), ans(2, false, 'nothing')];
  assert.deepEqual(justificationsFor(f, answers, 2), ['A', 'B']);
  assert.deepEqual(justificationsFor(f, answers, 5), ['A', 'B', 'Z']);
  assert.deepEqual(justificationsFor(f, [], 0), []);
});
