/** The measured signs as the review screen shows them: lane rows, tooltips, agreement with the model (never changing it). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEASURED_FEATURE_IDS } from '../../../native-models/contract/measuredSigns.ts';
import {
  MEASURED_FEATURES, computeAgreement, disagreeNoteId, findingAgreement, frequencyText, intervalTitle, laneDisagreements, measuredLaneRows, notMeasurableText,
} from '../../../renderer/src/review/measuredEvidence.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

describe('measuredEvidence', () => {
  it('repeats the contract\'s list of measured features exactly', () => {
    assert.deepEqual([...MEASURED_FEATURES], [...MEASURED_FEATURE_IDS]);
  });

  it('one row per measured feature: intervals in time order, or the reason it could not be measured', () => {
    const m = focalMeasuredSigns();
    m.signs.push({ ...m.signs[0]!, startS: 10, endS: 12, side: 'right' });
    const rows = measuredLaneRows(m);
    assert.deepEqual([...rows.keys()], [...MEASURED_FEATURE_IDS]);
    assert.deepEqual(rows.get('clonic')!.intervals.map((i) => [i.startS, i.side, i.frequencyHz]), [[10, 'right', 2.9], [89.5, 'left', 2.9]]);
    assert.equal(rows.get('clonic')!.intervals[1]!.trendHzPerS, -0.047);
    assert.deepEqual(rows.get('figure4'), { intervals: [], notMeasurable: null });
    assert.match(rows.get('pelvic_thrusting')!.notMeasurable!, /hips were not seen/);
    assert.equal(rows.get('blank_stare'), undefined, 'a feature the signals layer does not measure has no second row');
    assert.equal(measuredLaneRows(null).size, 0);
    assert.equal(measuredLaneRows(undefined).size, 0);
  });

  it('tooltip names the patient\'s side, onset, duration, frequency with its trend and evidence strength', () => {
    const iv = measuredLaneRows(focalMeasuredSigns()).get('clonic')!.intervals[0]!;
    assert.equal(intervalTitle('Clonic', iv),
      "Clonic, measured from the pose: patient's left · onset 89.5 s · 38.5 s long · 2.9 Hz, slowing 0.05 Hz/s · evidence strength 0.78 (evidence strength is not a calibrated probability)");
    const head = measuredLaneRows(focalMeasuredSigns()).get('head_turning')!.intervals[0]!;
    assert.match(intervalTitle('Head turning', head), /patient's right · onset 57\.0 s · 9\.5 s long · 38° · evidence strength 0\.64/);
    assert.equal(frequencyText({ frequencyHz: 4, trendHzPerS: 0.001 }), '4.0 Hz');
    assert.equal(frequencyText({ frequencyHz: 4, trendHzPerS: 0.1 }), '4.0 Hz, speeding up 0.10 Hz/s');
    assert.equal(frequencyText({ frequencyHz: null, trendHzPerS: null }), '');
  });

  it('not measurable always says so', () => {
    assert.equal(notMeasurableText('not measurable from this view: no hands'), 'not measurable from this view: no hands');
    assert.equal(notMeasurableText('pose sampled at 2 fps'), 'not measurable: pose sampled at 2 fps');
  });

  describe('agreement', () => {
    const segments = [{ index: 0, startS: 0, endS: 30 }, { index: 1, startS: 25, endS: 55 }, { index: 2, startS: 50, endS: 80 }];
    const row = (startS: number, endS: number) => ({ intervals: [{ startS, endS, side: 'left' as const, confidence: 0.5, frequencyHz: null, trendHzPerS: null, angleDeg: null }], notMeasurable: null });
    const none = { intervals: [], notMeasurable: null };
    const present = (segs: number[]) => ({ status: 'present' as const, positiveSegments: segs });

    it('model present and a measured interval in its positive segments: agree', () => {
      assert.equal(computeAgreement(present([2]), segments, row(60, 70))?.agreement, 'agree');
      assert.equal(computeAgreement(present([1]), segments, row(54, 70))?.agreement, 'agree', 'a partial overlap counts');
    });
    it('model present but the interval elsewhere or none measured: disagree', () => {
      const elsewhere = computeAgreement(present([0]), segments, row(60, 70))!;
      assert.equal(elsewhere.agreement, 'disagree');
      assert.match(elsewhere.text, /no measured interval falls in its positive segments \(1 elsewhere\)/);
      assert.equal(computeAgreement(present([0]), segments, none)?.agreement, 'disagree');
      assert.equal(computeAgreement(present([0]), segments, row(30, 40))?.agreement, 'disagree', 'touching the end is not an overlap');
    });
    it('model absent: agree when nothing was measured, disagree when something was', () => {
      assert.equal(computeAgreement({ status: 'absent', positiveSegments: [] }, segments, none)?.agreement, 'agree');
      assert.equal(computeAgreement({ status: 'absent', positiveSegments: [] }, segments, row(1, 2))?.agreement, 'disagree');
    });
    it('model failed or not asked: measured only, or nothing to say', () => {
      assert.equal(computeAgreement({ status: 'failed', positiveSegments: [] }, segments, row(1, 2))?.agreement, 'measured_only');
      assert.equal(computeAgreement(undefined, segments, none), null);
    });
    it('not measurable and not a measured feature', () => {
      assert.equal(computeAgreement(present([0]), segments, { intervals: [], notMeasurable: 'no hips' })?.agreement, 'not_measurable');
      assert.equal(computeAgreement(present([0]), segments, undefined), null);
    });

    it('from an analysis: computed when analysis.json records none, the pipeline\'s measurementAgreement when it does; the finding is not changed', () => {
      const a = analysisSkeleton('rec.mp4', [findingOf('clonic', 'present'), findingOf('figure4', 'present'), findingOf('arm_flexion', 'absent')]);
      a.segments = segments;
      a.measuredSigns = focalMeasuredSigns({ signs: [{ featureId: 'clonic', startS: 10, endS: 20, side: 'left', confidence: 0.7, segments: ['left_arm'], measures: {} },
        { featureId: 'arm_flexion', startS: 40, endS: 45, side: 'right', confidence: 0.4, segments: ['right_arm'], measures: {} }] });
      const before = structuredClone(a.findings);
      const rows = measuredLaneRows(a.measuredSigns);
      assert.equal(findingAgreement(a, 'clonic', rows)?.agreement, 'agree');
      assert.equal(findingAgreement(a, 'figure4', rows)?.agreement, 'disagree');
      assert.equal(findingAgreement(a, 'arm_flexion', rows)?.agreement, 'disagree');
      assert.equal(findingAgreement(a, 'pelvic_thrusting', rows)?.agreement, 'not_measurable');
      assert.equal(findingAgreement(a, 'blank_stare', rows), null);
      assert.deepEqual(a.findings, before);
      a.measurementAgreement = [{ featureId: 'clonic', model: 'present', measured: 'present', agrees: false, flaggedForReview: true, modelOnsetS: 3,
        measuredOnsetS: 10, measuredSide: 'left', measuredIntervals: 1, note: 'Clonic jerking: recorded by the pipeline.' }];
      assert.deepEqual(findingAgreement(a, 'clonic', rows), { agreement: 'disagree', text: 'Clonic jerking: recorded by the pipeline.' });
      assert.equal(findingAgreement(a, 'figure4', rows)?.agreement, 'disagree', 'a feature the record lacks is computed');
      assert.equal(findingAgreement({ ...a, measuredSigns: null }, 'clonic', rows), null, 'no measured signs: nothing to compare');
    });
  });

  it('the lanes to flag are exactly the findings the panel flags, each with the panel\'s sentence', () => {
    const a = analysisSkeleton('rec.mp4', [findingOf('clonic', 'present'), findingOf('figure4', 'present'), findingOf('arm_flexion', 'absent'), findingOf('tonic', 'failed')]);
    a.segments = [{ index: 0, startS: 0, endS: 30 }];
    a.measuredSigns = focalMeasuredSigns({ signs: [{ featureId: 'clonic', startS: 10, endS: 20, side: 'left', confidence: 0.7, segments: ['left_arm'], measures: {} },
      { featureId: 'arm_flexion', startS: 12, endS: 15, side: 'right', confidence: 0.4, segments: ['right_arm'], measures: {} },
      { featureId: 'tonic', startS: 2, endS: 6, side: 'bilateral', confidence: 0.5, segments: ['left_arm'], measures: {} }] });
    const rows = measuredLaneRows(a.measuredSigns);
    const flagged = laneDisagreements(a, rows);
    assert.deepEqual([...flagged.keys()].sort(), ['arm_flexion', 'figure4']);
    for (const [id, text] of flagged) assert.equal(text, findingAgreement(a, id, rows)!.text);
    assert.equal(laneDisagreements({ ...a, measuredSigns: null }, measuredLaneRows(null)).size, 0);
    assert.notEqual(disagreeNoteId('figure4'), disagreeNoteId('arm_flexion'));
  });
});
