/**
 * undecidedDisagreements: which model/measurement disagreements carry no standing clinician decision, now and
 * at the latest sign-off, from the review log and the agreement data. Any decision (uncertain too) decides
 * one; an undo back to none reopens it; a decision after the sign-off never hides that the sign-off was
 * recorded with it open; analysis.json's recorded agreement is used when present and worked out the same way
 * when not; the output matches its contract schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalysisResult, Finding, SegmentInfo } from '../../../native-models/contract/analysisSchema.ts';
import { MEASURED_SIGNS_VERSION, type MeasuredSign } from '../../../native-models/contract/measuredSigns.ts';
import { reviewDisagreementsSchema } from '../../../native-models/contract/reviewDisagreements.ts';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';
import { undecidedDisagreements } from '../../../native-models/pipeline/undecidedDisagreements.ts';
import type { FeatureId } from '../../../native-models/semiology/featureCatalogue.ts';
import { analysisSkeleton, reviewOf, type EntryFields } from '../../helpers/analysisFixture.ts';

const SEGMENTS: SegmentInfo[] = [0, 1, 2, 3].map((i) => ({ index: i, startS: i * 25, endS: i * 25 + 30 }));

function finding(featureId: FeatureId, status: Finding['status'], positiveSegments: number[] = []): Finding {
  const present = status === 'present' ? true : status === 'absent' ? false : null;
  return { featureId, present, status, variant: 'base', positiveSegments, onsetS: positiveSegments.length ? SEGMENTS[positiveSegments[0]!]!.startS + 2 : null,
    justifications: [], ...(present === null ? { reason: 'x' } : {}) };
}

function sign(featureId: MeasuredSign['featureId'], startS: number, endS: number, side: MeasuredSign['side'], measures: Record<string, number> = {}): MeasuredSign {
  return { featureId, startS, endS, side, confidence: 0.8, segments: ['left_arm'], measures };
}

/**
 * clonic: the model absent, measured left 5-25 s at 4.1 Hz (disagree); head turning: present in segment 2,
 * nothing measured (disagree); tonic: both present at the same time (agree); figure 4: absent both ways
 * (agree); arm flexion: the model failed, measured (no verdict); blank stare: not measured at all.
 */
function analysis(recorded = true): AnalysisResult {
  const a = analysisSkeleton('bed4.mp4', [
    finding('clonic', 'absent'), finding('head_turning', 'present', [2]), finding('tonic', 'present', [1]),
    finding('figure4', 'absent'), finding('arm_flexion', 'failed'), finding('blank_stare', 'present', [0]),
  ]);
  a.segments = SEGMENTS;
  a.measuredSigns = {
    version: MEASURED_SIGNS_VERSION, rateHz: 15, torsoLengthPx: 300,
    bodyFrame: { mirrored: false, labelsSwapped: false, faceSamples: 0, faceAgreement: null, patientLeft: null },
    signs: [sign('clonic', 30, 34, 'left', { frequencyHz: 3.2 }), sign('clonic', 5, 25, 'left', { frequencyHz: 4.1, frequencyTrendHzPerS: -0.05 }),
      sign('tonic', 28, 36, 'bilateral'), sign('arm_flexion', 60, 66, 'right', { angleDeg: 62 })],
    series: [], notMeasurable: [], careIntervention: [],
  };
  if (recorded) a.measurementAgreement = compareMeasuredSigns(a.findings, a.measuredSigns, a.segments);
  return a;
}

const review = (a: AnalysisResult, fields: EntryFields[]) => reviewOf(a.recording.sha256, fields);
const ids = (list: ReadonlyArray<{ featureId: string }>) => list.map((d) => d.featureId);

test('with no review, every disagreement is undecided, in catalogue order, with what the model said and what was measured', () => {
  const a = analysis();
  const r = undecidedDisagreements(a, undefined);
  assert.deepEqual(ids(r.undecided), ['head_turning', 'clonic'], 'catalogue order; agreements, failed and unmeasured features left out');
  assert.equal(r.signOff, null);
  const [turning, clonic] = r.undecided;
  assert.deepEqual({ ...clonic!, note: undefined }, {
    featureId: 'clonic', label: 'Clonic jerking', model: 'absent', modelOnsetS: null, modelSegments: [], note: undefined,
    measured: [
      { startS: 5, endS: 25, side: 'left', frequencyHz: 4.1, angleDeg: null },
      { startS: 30, endS: 34, side: 'left', frequencyHz: 3.2, angleDeg: null },
    ],
  });
  assert.equal(clonic!.note, a.measurementAgreement!.find((e) => e.featureId === 'clonic')!.note, 'the pipeline\'s sentence');
  assert.equal(turning!.model, 'present');
  assert.equal(turning!.modelOnsetS, 52);
  assert.deepEqual(turning!.modelSegments, [{ startS: 50, endS: 80 }]);
  assert.deepEqual(turning!.measured, []);
  assert.doesNotThrow(() => reviewDisagreementsSchema.parse(r));
});

test('any standing decision decides a disagreement (uncertain too); an undo back to none reopens it; other features do not count', () => {
  const a = analysis();
  assert.deepEqual(ids(undecidedDisagreements(a, review(a, [{ kind: 'decision', featureId: 'clonic', decision: 'uncertain' }])).undecided), ['head_turning']);
  assert.deepEqual(ids(undecidedDisagreements(a, review(a, [{ kind: 'decision', featureId: 'head_turning', decision: 'rejected' }])).undecided), ['clonic']);
  assert.deepEqual(ids(undecidedDisagreements(a, review(a, [{ kind: 'decision', featureId: 'clonic', decision: 'added', onsetS: 5, side: 'left' }])).undecided), ['head_turning']);
  assert.deepEqual(ids(undecidedDisagreements(a, review(a, [
    { kind: 'decision', featureId: 'clonic', decision: 'confirmed' }, { kind: 'undo', featureId: 'clonic' },
  ])).undecided), ['head_turning', 'clonic'], 'undone: no standing decision');
  assert.deepEqual(ids(undecidedDisagreements(a, review(a, [
    { kind: 'decision', featureId: 'tonic', decision: 'confirmed' }, { kind: 'decision', featureId: 'blank_stare', decision: 'rejected' },
  ])).undecided), ['head_turning', 'clonic'], 'decisions on agreeing or unmeasured features decide nothing here');
});

test('at sign-off: what the latest sign-off left undecided, and which of those were decided after it', () => {
  const a = analysis();
  const r = undecidedDisagreements(a, review(a, [
    { kind: 'decision', featureId: 'head_turning', decision: 'confirmed' },
    { kind: 'signoff' },
    { kind: 'decision', featureId: 'clonic', decision: 'rejected' },
  ]));
  assert.deepEqual(ids(r.undecided), [], 'nothing open now');
  assert.equal(r.signOff?.entryId, 2);
  assert.equal(r.signOff?.reviewer, 'Dr Émile Noël');
  assert.equal(r.signOff?.atIso, '2025-03-15T09:01:00+01:00');
  assert.deepEqual(ids(r.signOff!.undecided), ['clonic'], 'the sign-off was recorded with clonic open');
  assert.deepEqual(r.signOff!.decidedSince, ['clonic']);
  assert.doesNotThrow(() => reviewDisagreementsSchema.parse(r));

  const again = undecidedDisagreements(a, review(a, [
    { kind: 'signoff' },
    { kind: 'decision', featureId: 'clonic', decision: 'rejected' },
    { kind: 'signoff' },
  ]));
  assert.equal(again.signOff?.entryId, 3, 'the latest sign-off');
  assert.deepEqual(ids(again.signOff!.undecided), ['head_turning']);
  assert.deepEqual(again.signOff!.decidedSince, []);

  const clean = undecidedDisagreements(a, review(a, [
    { kind: 'decision', featureId: 'head_turning', decision: 'confirmed' }, { kind: 'decision', featureId: 'clonic', decision: 'confirmed' }, { kind: 'signoff' },
  ]));
  assert.deepEqual(clean.signOff!.undecided, []);
});

test('an analysis made before the pipeline compared gets the same answer worked out; a recorded agreement is taken as recorded', () => {
  const r = review(analysis(), [{ kind: 'signoff' }]);
  assert.deepEqual(undecidedDisagreements(analysis(false), r), undecidedDisagreements(analysis(true), r));
  const a = analysis();
  const clonic = a.measurementAgreement!.find((e) => e.featureId === 'clonic')!;
  Object.assign(clonic, { agrees: true, flaggedForReview: false, note: 'recorded as agreeing' });
  assert.deepEqual(ids(undecidedDisagreements(a, null).undecided), ['head_turning']);
});

test('no measured signs: no disagreement, whatever the review', () => {
  const a = analysis();
  a.measuredSigns = null;
  delete a.measurementAgreement;
  const r = undecidedDisagreements(a, review(a, [{ kind: 'signoff' }]));
  assert.deepEqual(r.undecided, []);
  assert.deepEqual(r.signOff!.undecided, []);
});
