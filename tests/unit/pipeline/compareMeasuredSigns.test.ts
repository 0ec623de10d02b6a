/**
 * compareMeasuredSigns: each measured feature's finding against the measured intervals. Agreement both ways,
 * a disagreement flagged (never resolved: the finding is unchanged), the same sign at another time flagged,
 * not measurable and not assessed left without a verdict, unmeasured features left out; the output matches
 * the analysis.json schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measurementAgreementSchema, type Finding, type SegmentInfo } from '../../../native-models/contract/analysisSchema.ts';
import { MEASURED_SIGNS_VERSION, type MeasuredSign, type MeasuredSigns } from '../../../native-models/contract/measuredSigns.ts';
import type { FeatureId } from '../../../native-models/semiology/featureCatalogue.ts';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';

const SEGMENTS: SegmentInfo[] = [0, 1, 2, 3].map((i) => ({ index: i, startS: i * 25, endS: i * 25 + 30 }));

function finding(featureId: FeatureId, status: Finding['status'], positiveSegments: number[] = []): Finding {
  const present = status === 'present' ? true : status === 'absent' ? false : null;
  return { featureId, present, status, variant: 'base', positiveSegments, onsetS: positiveSegments.length ? SEGMENTS[positiveSegments[0]!]!.startS : null,
    justifications: [], ...(present === null ? { reason: 'x' } : {}) };
}

function sign(featureId: MeasuredSign['featureId'], startS: number, endS: number, side: MeasuredSign['side'] = 'left'): MeasuredSign {
  return { featureId, startS, endS, side, confidence: 0.8, segments: ['left_arm'], measures: { frequencyHz: 3.2, durationS: endS - startS } };
}

function measured(signs: MeasuredSign[], notMeasurable: MeasuredSigns['notMeasurable'] = []): MeasuredSigns {
  return { version: MEASURED_SIGNS_VERSION, rateHz: 15, torsoLengthPx: 300,
    bodyFrame: { mirrored: false, labelsSwapped: false, faceSamples: 0, faceAgreement: null, patientLeft: null },
    signs, series: [], notMeasurable, careIntervention: [] };
}

test('agreement, disagreement both ways, a different time, not measurable, not assessed; unmeasured features left out', () => {
  const findings = [
    finding('clonic', 'present', [1]),        // measured 30-40 s: overlaps segment 1 (25-55) -> agrees
    finding('tonic', 'absent'),               // measured 60-65 s -> model missed it: flagged
    finding('head_turning', 'present', [0]),  // nothing measured -> flagged
    finding('figure4', 'present', [0]),       // measured only at 80-84 s, segment 0 is 0-30 -> different time: flagged
    finding('arm_flexion', 'absent'),         // nothing measured -> agrees
    finding('limb_automatisms', 'present', [2]), // not measurable -> no verdict
    finding('arm_straightening', 'failed'),   // measured, but nothing to compare
    finding('oral_automatisms', 'present', [0]), // not a measured feature -> left out
  ];
  const before = structuredClone(findings);
  const m = measured([sign('clonic', 30, 40), sign('tonic', 60, 65, 'right'), sign('figure4', 80, 84), sign('arm_straightening', 10, 14)],
    [{ featureId: 'limb_automatisms', reason: 'not measurable from this view: no hand keypoints' }]);
  const out = compareMeasuredSigns(findings, m, SEGMENTS);
  assert.deepEqual(findings, before, 'the findings are never changed');
  for (const a of out) measurementAgreementSchema.parse(a);
  const by = Object.fromEntries(out.map((a) => [a.featureId, a]));
  assert.deepEqual(out.map((a) => a.featureId), ['clonic', 'tonic', 'head_turning', 'figure4', 'arm_flexion', 'limb_automatisms', 'arm_straightening']);

  assert.deepEqual([by.clonic!.measured, by.clonic!.agrees, by.clonic!.flaggedForReview], ['present', true, false]);
  assert.equal(by.clonic!.measuredOnsetS, 30);
  assert.equal(by.clonic!.measuredSide, 'left');
  assert.match(by.clonic!.note, /0:30.*left.*3\.2 Hz/);

  assert.deepEqual([by.tonic!.model, by.tonic!.measured, by.tonic!.agrees, by.tonic!.flaggedForReview], ['absent', 'present', false, true]);
  assert.equal(by.tonic!.measuredSide, 'right');
  assert.match(by.tonic!.note, /model answered absent.*Review/);

  assert.deepEqual([by.head_turning!.measured, by.head_turning!.agrees, by.head_turning!.flaggedForReview], ['absent', false, true]);
  assert.match(by.head_turning!.note, /model answered present, the keypoints show no such interval/);

  assert.deepEqual([by.figure4!.measured, by.figure4!.agrees, by.figure4!.flaggedForReview], ['present', false, true]);
  assert.match(by.figure4!.note, /different times/);

  assert.deepEqual([by.arm_flexion!.measured, by.arm_flexion!.agrees, by.arm_flexion!.flaggedForReview], ['absent', true, false]);
  assert.deepEqual([by.limb_automatisms!.measured, by.limb_automatisms!.agrees, by.limb_automatisms!.flaggedForReview], ['not_measurable', null, false]);
  assert.match(by.limb_automatisms!.note, /no hand keypoints/);
  assert.deepEqual([by.arm_straightening!.model, by.arm_straightening!.measured, by.arm_straightening!.agrees, by.arm_straightening!.flaggedForReview], ['failed', 'present', null, false]);
});

test('a feature with measured intervals is compared even when another reason marks part of it unmeasurable', () => {
  const out = compareMeasuredSigns([finding('pelvic_thrusting', 'absent')], measured([sign('pelvic_thrusting', 5, 9, null)],
    [{ featureId: 'pelvic_thrusting', reason: 'the hips were not seen' }]), SEGMENTS);
  assert.deepEqual([out[0]!.measured, out[0]!.agrees, out[0]!.flaggedForReview, out[0]!.measuredSide], ['present', false, true, null]);
});

test('a finding of a feature the signals layer does not measure gets no entry', () => {
  assert.deepEqual(compareMeasuredSigns([finding('oral_automatisms', 'present', [0])], measured([sign('clonic', 1, 5)]), SEGMENTS), []);
});
