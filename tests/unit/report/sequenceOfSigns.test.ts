import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../native-models/contract/analysisSchema.ts';
import { formatSequenceLine, proposedSequence, sequenceOfSigns } from '../../../native-models/report/sequenceOfSigns.ts';
import { formatClock, formatSpan } from '../../../native-models/media/formatClock.ts';
import { getFeature } from '../../../native-models/semiology/featureCatalogue.ts';

function finding(featureId: Finding['featureId'], status: Finding['status'], onsetS: number | null): Finding {
  return { featureId, present: status === 'present' ? true : status === 'absent' ? false : null, status, variant: 'base',
    positiveSegments: status === 'present' ? [0] : [], onsetS, justifications: [] };
}

test('formatClock prints m:ss of recording time, minutes not wrapped into hours', () => {
  assert.equal(formatClock(0), '0:00');
  assert.equal(formatClock(12.9), '0:12');
  assert.equal(formatClock(58), '0:58');
  assert.equal(formatClock(61), '1:01');
  assert.equal(formatClock(4503), '75:03');
  assert.equal(formatClock(Number.NaN), '–');
  assert.equal(formatSpan(25, 55), '0:25–0:55');
});

test('sequence: present findings by onset, labels from the catalogue in lower case, arrows between', () => {
  const findings = [
    finding('head_turning', 'present', 58),
    finding('blank_stare', 'present', 12),
    finding('tonic', 'absent', null),
    finding('oral_automatisms', 'present', 31),
    finding('clonic', 'failed', null),
  ];
  const line = formatSequenceLine(sequenceOfSigns(findings));
  const l = (id: string): string => getFeature(id).label.toLowerCase();
  assert.equal(line, `${l('blank_stare')} (0:12) → ${l('oral_automatisms')} (0:31) → ${l('head_turning')} (0:58)`);
  assert.equal(formatSequenceLine(sequenceOfSigns(findings), ' -> '), `${l('blank_stare')} (0:12) -> ${l('oral_automatisms')} (0:31) -> ${l('head_turning')} (0:58)`);
});

test('sequence: equal onsets keep catalogue order, unknown onsets go last without a time, exclusions drop out', () => {
  const findings = [finding('clonic', 'present', null), finding('tonic', 'present', 80), finding('figure4', 'present', 80)];
  const signs = sequenceOfSigns(findings);
  assert.deepEqual(signs.map((s) => s.featureId), ['figure4', 'tonic', 'clonic']);
  assert.ok(formatSequenceLine(signs).endsWith(`→ ${getFeature('clonic').label.toLowerCase()}`));
  assert.deepEqual(sequenceOfSigns(findings, new Set(['tonic'])).map((s) => s.featureId), ['figure4', 'clonic']);
  assert.equal(formatSequenceLine(sequenceOfSigns([finding('tonic', 'absent', null)])), '');
});

test('sequence ignores ids that are not in the catalogue (an unchecked object; the contract rejects them)', () => {
  assert.deepEqual(sequenceOfSigns([finding('not_a_feature' as Finding['featureId'], 'present', 3)]), []);
});

test('clinician\'s sequence: onset and side from the clinician first, then measured, then the model\'s onset; whose is recorded', async () => {
  const { reviewedSequence } = await import('../../../native-models/report/sequenceOfSigns.ts');
  const { reviewOf } = await import('../../helpers/analysisFixture.ts');
  const findings = [finding('clonic', 'present', 91), finding('tonic', 'present', 80), finding('blank_stare', 'present', 12)];
  const review = reviewOf('a'.repeat(64), [
    { kind: 'decision', featureId: 'clonic', decision: 'confirmed' },
    { kind: 'decision', featureId: 'tonic', decision: 'confirmed', onsetS: 81, side: 'right' },
    { kind: 'decision', featureId: 'blank_stare', decision: 'confirmed' },
    { kind: 'decision', featureId: 'head_turning', decision: 'added', side: 'left' },
  ]);
  const measured = new Map([['clonic', { onsetS: 89.5, side: 'left' as const }], ['tonic', { onsetS: 79, side: 'bilateral' as const }], ['head_turning', { onsetS: 57, side: 'right' as const }]]);
  const signs = reviewedSequence(findings, review.current, (id) => measured.get(id) ?? null);
  assert.deepEqual(signs.map((s) => [s.featureId, s.onsetS, s.onsetBy, s.side, s.sideBy]), [
    ['blank_stare', 12, 'model', null, null],
    ['head_turning', 57, 'measured', 'left', 'clinician'],
    ['tonic', 81, 'clinician', 'right', 'clinician'],
    ['clonic', 89.5, 'measured', 'left', 'measured'],
  ]);
  assert.deepEqual(reviewedSequence(findings, review.current).map((s) => s.onsetS), [12, 81, 91, null], 'without measured signs: the clinician\'s, else the model\'s');
});

test('proposed sequence: measured onset and side where a measured interval backs a present finding, reordered by them; else the model\'s onset', () => {
  const findings = [finding('clonic', 'present', 91), finding('head_turning', 'present', 58), finding('tonic', 'present', 80), finding('figure4', 'absent', null)];
  const measured = (id: string) => id === 'clonic' ? { onsetS: 52, side: 'left' as const } : id === 'tonic' ? { onsetS: 79, side: null } : id === 'figure4' ? { onsetS: 10, side: 'right' as const } : null;
  const signs = proposedSequence(findings, measured);
  assert.deepEqual(signs.map((s) => [s.featureId, s.onsetS, s.side, s.onsetBy, s.sideBy]), [
    ['clonic', 52, 'left', 'measured', 'measured'],
    ['head_turning', 58, null, 'model', null],
    ['tonic', 79, null, 'measured', null],
  ], 'an absent finding stays out even when something was measured');
  assert.equal(formatSequenceLine(signs), `${getFeature('clonic').label.toLowerCase()}, left (0:52) → ${getFeature('head_turning').label.toLowerCase()} (0:58) → ${getFeature('tonic').label.toLowerCase()} (1:19)`);
  assert.deepEqual(proposedSequence(findings).map((s) => s.onsetS), [58, 80, 91], 'without measurements: the model\'s onsets');
});
