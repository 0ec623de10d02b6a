/** Next / previous finding (renderer/src/review/findingTimes.ts): onsets of present findings in time order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { adjacentOnset, findingOnsets } from '../../../renderer/src/review/findingTimes.ts';

const finding = (featureId: string, status: 'present' | 'absent', onsetS: number | null) =>
  ({ featureId, status, present: status === 'present', variant: 'base', positiveSegments: [], onsetS, justifications: [] });

describe('findingTimes', () => {
  const analysis = { findings: [finding('tonic', 'present', 7.5), finding('clonic', 'present', 2), finding('blank_stare', 'absent', null), finding('head_turning', 'present', null)] } as unknown as AnalysisResult;

  it('lists the onsets of present findings, earliest first', () => {
    assert.deepEqual(findingOnsets(analysis), [{ featureId: 'clonic', tS: 2 }, { featureId: 'tonic', tS: 7.5 }]);
  });

  it('finds the next and previous onset, never the one at the current time', () => {
    const onsets = findingOnsets(analysis);
    assert.equal(adjacentOnset(onsets, 0, 1), 2);
    assert.equal(adjacentOnset(onsets, 2, 1), 7.5);
    assert.equal(adjacentOnset(onsets, 7.5, 1), null);
    assert.equal(adjacentOnset(onsets, 7.5, -1), 2);
    assert.equal(adjacentOnset(onsets, 2, -1), null);
  });
});
