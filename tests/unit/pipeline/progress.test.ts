/** Progress bookkeeping: 0 % before the work is counted, percent of answers done, an ETA from the pace of model calls. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProgressEvent } from '../../../native-models/contract/progressEvent.ts';
import { ProgressTracker } from '../../../native-models/pipeline/progress.ts';

describe('ProgressTracker', () => {
  it('reports 0 % while probing and fingerprinting (nothing counted yet)', () => {
    const seen: ProgressEvent[] = [];
    const early = new ProgressTracker(0, (e) => seen.push(e));
    early.stage('probe', 'Reading the recording');
    early.stage('hash', 'Fingerprinting the recording');
    assert.deepEqual(seen.map((e) => [e.stage, e.percent]), [['probe', 0], ['hash', 0]]);
  });

  it('counts answers, cached ones without ETA, asked ones with one', () => {
    const seen: ProgressEvent[] = [];
    const p = new ProgressTracker(4, (e) => seen.push(e));
    p.answered(true, 0, 3, 'cached');
    p.answered(false, 2000, 2, 'asked');
    p.answered(false, 4000, 1, 'asked');
    assert.deepEqual(seen.map((e) => e.percent), [25, 50, 75]);
    assert.deepEqual(seen.map((e) => e.etaS), [null, 4, 3]);
    p.answered(false, 3000, 0, 'asked');
    p.stage('write', 'Aggregating findings');
    assert.equal(seen.at(-1)!.percent, 100);
  });

  it('with nothing to ask, writing is the end (100 %)', () => {
    const seen: ProgressEvent[] = [];
    new ProgressTracker(0, (e) => seen.push(e)).stage('write', 'Aggregating findings');
    assert.equal(seen[0]!.percent, 100);
  });
});
