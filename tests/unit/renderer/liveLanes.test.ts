/**
 * The live lanes of a running analysis (renderer/src/start/liveLanes.ts): drawn from the plan and the answers
 * so far with the review screen's own lane builder; a finding is present once any segment is, absent only
 * when every segment said no, not assessed until then; a repeated answer replaces the earlier one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answer } from '../../../native-models/contract/analysisSchema.ts';
import { addLiveAnswer, liveLaneSource, startLiveRun } from '../../../renderer/src/start/liveLanes.ts';
import { timelineLanes } from '../../../renderer/src/review/timelineLanes.ts';

const plan = {
  durationS: 12,
  segments: [{ index: 0, startS: 0, endS: 5 }, { index: 1, startS: 4, endS: 9 }, { index: 2, startS: 8, endS: 12 }],
  asked: [{ featureId: 'tonic' as const, variant: 'pose' as const, primary: true }, { featureId: 'tonic' as const, variant: 'base' as const, primary: false },
    { featureId: 'clonic' as const, variant: 'base' as const, primary: true }],
};
const answer = (featureId: Answer['featureId'], segmentIndex: number, present: boolean | null, variant: Answer['variant'] = 'base'): { answer: Answer } => ({
  answer: { featureId, segmentIndex, variant, present, justification: `s${segmentIndex}`, onsetS: present ? segmentIndex * 4 + 1 : null, fromCache: false, status: present === null ? 'failed' : 'ok' },
});
const features = [{ id: 'tonic', group: 'limb' as const, label: 'Tonic' }, { id: 'clonic', group: 'limb' as const, label: 'Clonic' }];

describe('liveLanes', () => {
  it('starts with every segment not assessed and fills each segment of the primary variant as its answer arrives', () => {
    let run = startLiveRun(plan);
    const empty = timelineLanes(liveLaneSource(run), features)[0]!.lanes;
    assert.deepEqual(empty.map((l) => [l.featureId, l.findingStatus, l.segments.map((s) => s.status)]),
      [['tonic', 'not_assessed', ['not_assessed', 'not_assessed', 'not_assessed']], ['clonic', 'not_assessed', ['not_assessed', 'not_assessed', 'not_assessed']]]);
    run = addLiveAnswer(run, answer('tonic', 1, true, 'base')); // a variant comparison: not on the lane
    run = addLiveAnswer(run, answer('tonic', 0, false, 'pose'));
    run = addLiveAnswer(run, answer('clonic', 2, null));
    const lanes = timelineLanes(liveLaneSource(run), features)[0]!.lanes;
    assert.deepEqual(lanes[0]!.segments.map((s) => s.status), ['absent', 'not_assessed', 'not_assessed']);
    assert.deepEqual(lanes[1]!.segments.map((s) => s.status), ['not_assessed', 'not_assessed', 'failed']);
    assert.equal(lanes[0]!.findingStatus, 'not_assessed', 'not decided while segments are missing');
  });

  it('is present as soon as one segment is, absent only when all said no, and a repeated answer replaces the first', () => {
    let run = startLiveRun(plan);
    run = addLiveAnswer(run, answer('clonic', 1, true));
    for (const i of [0, 1, 2]) run = addLiveAnswer(run, answer('tonic', i, false, 'pose'));
    let findings = liveLaneSource(run).findings;
    assert.deepEqual(findings, [{ featureId: 'tonic', variant: 'pose', status: 'absent' }, { featureId: 'clonic', variant: 'base', status: 'present' }]);
    run = addLiveAnswer(run, answer('tonic', 2, true, 'pose'));
    assert.equal(run.answers.filter((a) => a.featureId === 'tonic').length, 3);
    findings = liveLaneSource(run).findings;
    assert.equal(findings[0]!.status, 'present');
    assert.deepEqual(timelineLanes(liveLaneSource(run), features)[0]!.lanes[0]!.onsetsS, [9]);
  });
});
