/**
 * summariseReview: the review as the report tells it, from hand-made entries folded with foldReview:
 * status, reviewers, confirmed/rejected/uncertain/model-only groups with the clinician's onset and side.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summariseReview } from '../../../native-models/report/summariseReview.ts';
import { formatSequenceLine, reviewedSequence } from '../../../native-models/report/sequenceOfSigns.ts';
import { formatRecordedTime } from '../../../native-models/report/formatRecordedTime.ts';
import { pageStatusLine, NOT_REVIEWED_LINE, IN_PROGRESS_LINE } from '../../../native-models/report/reviewText.ts';
import { analysisSkeleton, findingOf, reviewOf } from '../../helpers/analysisFixture.ts';

const SHA = 'a'.repeat(64);
const findings = [
  { ...findingOf('blank_stare', 'present'), onsetS: 12 },
  { ...findingOf('head_turning', 'present'), onsetS: 58 },
  { ...findingOf('clonic', 'present'), onsetS: 91 },
  { ...findingOf('tonic', 'present'), onsetS: 80 },
  findingOf('arm_flexion', 'absent'),
];

test('no review: not reviewed, every present finding is model only, the status line says so', () => {
  const r = summariseReview(analysisSkeleton('x.mp4', findings));
  assert.equal(r.status, 'not_reviewed');
  assert.deepEqual(r.modelOnly.map((f) => f.featureId), ['blank_stare', 'head_turning', 'tonic', 'clonic']);
  assert.equal(r.confirmed.length, 0);
  assert.equal(pageStatusLine(r), NOT_REVIEWED_LINE);
});

test('partly reviewed: groups, the clinician\'s onset and side, rejected left out of the clinician\'s sequence', () => {
  const review = reviewOf(SHA, [
    { kind: 'decision', featureId: 'head_turning', decision: 'confirmed', onsetS: 5, offsetS: 9, side: 'left' },
    { kind: 'decision', featureId: 'clonic', decision: 'rejected', comment: 'tremor' },
    { kind: 'decision', featureId: 'arm_flexion', decision: 'added', onsetS: 95, side: 'right', reviewer: 'Dr B' },
    { kind: 'decision', featureId: 'tonic', decision: 'uncertain' },
  ]);
  const a = { ...analysisSkeleton('x.mp4', findings), review };
  const r = summariseReview(a);
  assert.equal(r.status, 'in_progress');
  assert.equal(pageStatusLine(r), IN_PROGRESS_LINE);
  assert.deepEqual(r.reviewers, ['Dr Émile Noël', 'Dr B']);
  assert.deepEqual(r.confirmed.map((f) => [f.featureId, f.onsetS, f.onsetBy, f.offsetS, f.side]),
    [['head_turning', 5, 'clinician', 9, 'left'], ['arm_flexion', 95, 'clinician', null, 'right']]);
  assert.deepEqual(r.rejected.map((f) => f.featureId), ['clonic']);
  assert.deepEqual(r.uncertain.map((f) => f.featureId), ['tonic']);
  assert.deepEqual(r.modelOnly.map((f) => [f.featureId, f.onsetS, f.onsetBy]), [['blank_stare', 12, 'model']]);
  assert.deepEqual(r.counts, { confirmed: 1, rejected: 1, uncertain: 1, added: 1, notReviewed: 16 });
  const line = formatSequenceLine(reviewedSequence(a.findings, review.current));
  assert.equal(line, 'head turning, left (0:05) → arm flexion, right (1:35)');
  assert.ok(!line.includes('clonic'));
});

test('sign-off: complete, then amended by a later change; times are quoted with their recorded offset', () => {
  const entries = [
    { kind: 'decision' as const, featureId: 'blank_stare' as const, decision: 'confirmed' as const },
    { kind: 'signoff' as const, atIso: '2025-03-15T09:30:00+01:00' },
  ];
  const complete = summariseReview({ ...analysisSkeleton('x.mp4', findings), review: reviewOf(SHA, entries) });
  assert.equal(complete.status, 'complete');
  assert.equal(pageStatusLine(complete), 'Review complete · signed off 15 Mar 2025, 09:30 (UTC+01:00)');
  const amended = summariseReview({ ...analysisSkeleton('x.mp4', findings), review: reviewOf(SHA, [...entries,
    { kind: 'decision', featureId: 'clonic', decision: 'rejected', atIso: '2025-03-16T14:30:00-05:00' }]) });
  assert.equal(amended.status, 'amended');
  assert.equal(amended.amendment?.featureId, 'clonic');
  assert.equal(formatRecordedTime('2025-03-16T14:30:00-05:00'), '16 Mar 2025, 14:30 (UTC-05:00)');
  assert.equal(formatRecordedTime('2025-03-16T14:30:00.123Z'), '16 Mar 2025, 14:30 (UTC)');
  assert.equal(formatRecordedTime('yesterday'), 'yesterday');
});
