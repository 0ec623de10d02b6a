/** Timeline lanes from an analysis: grouped in catalogue order, one block per segment with its status, onsets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FEATURES } from '../../../native-models/semiology/featureCatalogue.ts';
import { timelineLanes } from '../../../renderer/src/review/timelineLanes.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';

describe('timelineLanes', () => {
  const a = analysisSkeleton('rec.mp4', [findingOf('tonic', 'present', 'pose'), findingOf('blank_stare', 'absent', 'crop'), findingOf('ictal_vocalization', 'failed', 'transcript')]);
  a.segments = [{ index: 0, startS: 0, endS: 30 }, { index: 1, startS: 25, endS: 55 }];
  const answer = (featureId: 'tonic' | 'blank_stare' | 'ictal_vocalization', segmentIndex: number, variant: 'pose' | 'crop' | 'transcript' | 'base', present: boolean | null, onsetS: number | null = null) =>
    ({ featureId, segmentIndex, variant, present, justification: present ? 'seen' : '', onsetS, fromCache: false, status: present === null ? 'failed' as const : 'ok' as const });
  a.answers = [answer('tonic', 0, 'pose', false), answer('tonic', 1, 'pose', true, 31.5), answer('tonic', 1, 'base', false),
    answer('blank_stare', 0, 'crop', false), answer('ictal_vocalization', 1, 'transcript', null)];
  const features = FEATURES.map((f) => ({ id: f.id, group: f.group, label: f.label }));
  const groups = timelineLanes(a, features);

  it('one lane per catalogue feature, grouped face / limb / context / audio', () => {
    assert.deepEqual(groups.map((g) => g.group), ['face', 'limb', 'context', 'audio']);
    assert.equal(groups.flatMap((g) => g.lanes).length, 20);
  });

  it('segment blocks carry the answer of the finding\'s variant, overlaps kept', () => {
    const tonic = groups.flatMap((g) => g.lanes).find((l) => l.featureId === 'tonic')!;
    assert.deepEqual(tonic.segments.map((s) => [s.startS, s.endS, s.status]), [[0, 30, 'absent'], [25, 55, 'present']]);
    assert.deepEqual(tonic.onsetsS, [31.5]);
    assert.equal(tonic.findingStatus, 'present');
    const vocal = groups.flatMap((g) => g.lanes).find((l) => l.featureId === 'ictal_vocalization')!;
    assert.deepEqual(vocal.segments.map((s) => s.status), ['not_assessed', 'failed']);
    const clonic = groups.flatMap((g) => g.lanes).find((l) => l.featureId === 'clonic')!;
    assert.deepEqual(clonic.segments.map((s) => s.status), ['not_assessed', 'not_assessed']);
  });
});
