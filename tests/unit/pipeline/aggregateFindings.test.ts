/** aggregateFindings: per-segment answers become one finding per feature (present, absent, failed, not assessed). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateFindings } from '../../../native-models/pipeline/aggregateFindings.ts';
import type { Answer } from '../../../native-models/contract/analysisSchema.ts';
import type { FeatureId } from '../../../native-models/semiology/featureCatalogue.ts';

const segments = [{ index: 0, startS: 0, endS: 30 }, { index: 1, startS: 25, endS: 55 }, { index: 2, startS: 50, endS: 80 }];
const ans = (featureId: FeatureId, segmentIndex: number, present: boolean | null, onsetS: number | null = null, status: 'ok' | 'failed' = 'ok'): Answer =>
  ({ featureId, segmentIndex, variant: 'base', present, justification: `j${segmentIndex}`, onsetS, fromCache: false, status });

test('any positive segment makes a feature present; onset is the earliest positive onset', () => {
  const [f] = aggregateFindings([{ featureId: 'tonic', variant: 'base' }],
    [ans('tonic', 0, false), ans('tonic', 2, true, 61), ans('tonic', 1, true, null)], segments);
  assert.equal(f!.present, true);
  assert.equal(f!.status, 'present');
  assert.deepEqual(f!.positiveSegments, [1, 2]);
  assert.equal(f!.onsetS, 25, 'segment start stands in for a missing onset');
  assert.deepEqual(f!.justifications, ['j1', 'j2']);
});

test('all negative is absent; a failure with no positive is failed, never absent', () => {
  const [absent, failed] = aggregateFindings([{ featureId: 'tonic', variant: 'base' }, { featureId: 'clonic', variant: 'base' }],
    [ans('tonic', 0, false), ans('tonic', 1, false), ans('clonic', 0, false), ans('clonic', 1, null, null, 'failed')], segments);
  assert.equal(absent!.status, 'absent');
  assert.equal(absent!.present, false);
  assert.equal(failed!.status, 'failed');
  assert.equal(failed!.present, null);
  assert.match(failed!.reason!, /1 of 2 segments failed/);
});

test('a feature that could not be assessed says why', () => {
  const [f] = aggregateFindings([{ featureId: 'ictal_vocalization', variant: 'base', notAssessedReason: 'the recording has no audio track' }], [], segments);
  assert.equal(f!.status, 'not_assessed');
  assert.equal(f!.present, null);
  assert.equal(f!.reason, 'the recording has no audio track');
});
