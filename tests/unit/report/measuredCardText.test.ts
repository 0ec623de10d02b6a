/** measuredCardText: what an evidence card says about a sign's measurement, and the disagreement flag in the review app's words. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MeasuredSign } from '../../../native-models/contract/measuredSigns.ts';
import { AGREE_TEXT, DISAGREE_TEXT, MAX_CARD_INTERVALS, MEASURED_ONLY_TEXT, NO_INTERVAL_TEXT, intervalLine, measuredCardText } from '../../../native-models/report/measuredCardText.ts';
import { summariseMeasuredSigns } from '../../../native-models/report/measuredSignsSummary.ts';
import { DISAGREE_TEXT as APP_DISAGREE_TEXT } from '../../../renderer/src/review/measuredEvidence.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

const segments = [{ index: 0, startS: 0, endS: 30 }, { index: 1, startS: 25, endS: 55 }];
const sign = (featureId: MeasuredSign['featureId'], startS: number, endS: number, side: MeasuredSign['side'], measures: Record<string, number> = {}): MeasuredSign =>
  ({ featureId, startS, endS, side, confidence: 0.61, segments: ['left_arm'], measures });
/** The line keeps its parts whole with no-break spaces and word joiners; the checks read them as pdftotext does (spaces, nothing). */
const plain = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\u2060/g, '');

function analysis(signs: MeasuredSign[]) {
  const a = analysisSkeleton('rec.mp4', [findingOf('clonic', 'present'), findingOf('figure4', 'present'), findingOf('tonic', 'failed'),
    findingOf('head_turning', 'present'), findingOf('blank_stare', 'present')]);
  a.segments = segments;
  a.measuredSigns = focalMeasuredSigns({ signs });
  return a;
}

describe('measuredCardText', () => {
  it('flags a disagreement in the same words as the review app', () => {
    assert.equal(DISAGREE_TEXT, APP_DISAGREE_TEXT);
  });

  it('one line per interval: the patient\'s side, onset, duration, frequency and trend or angle, evidence strength', () => {
    assert.equal(plain(intervalLine({ side: 'left', startS: 89.5, endS: 128, frequencyHz: 2.9, trendHzPerS: -0.047, angleDeg: null, confidence: 0.78 })),
      "Measured: patient's left · onset 1:29 · 38.5 s · 2.9 Hz, slowing 0.05 Hz/s · evidence strength 0.78");
    assert.equal(plain(intervalLine({ side: 'bilateral', startS: 79, endS: 87.5, frequencyHz: null, trendHzPerS: null, angleDeg: null, confidence: 0.55 })),
      "Measured: both sides (patient's) · onset 1:19 · 8.5 s · evidence strength 0.55");
    assert.equal(plain(intervalLine({ side: null, startS: 5, endS: 9, frequencyHz: null, trendHzPerS: null, angleDeg: 38.4, confidence: 0.4 })),
      'Measured: no side · onset 0:05 · 4.0 s · 38° · evidence strength 0.40');
  });

  it('agree, disagree (with why), measured only, not measurable; nothing for a feature the pose does not measure', () => {
    const a = analysis([sign('clonic', 3, 9, 'left', { frequencyHz: 3 }), sign('tonic', 10, 14, 'bilateral'), sign('head_turning', 70, 75, 'right', { angleDeg: 40 })]);
    const s = summariseMeasuredSigns(a);
    const clonic = measuredCardText(a, 'clonic', s)!;
    assert.deepEqual([clonic.agreement, clonic.agreementText, clonic.lines.length], ['agree', AGREE_TEXT, 1]);
    assert.match(plain(clonic.lines[0]!), /^Measured: patient's left · onset 0:03 · 6\.0 s · 3\.0 Hz, steady/);
    const figure4 = measuredCardText(a, 'figure4', s)!;
    assert.deepEqual([figure4.agreement, figure4.lines], ['disagree', [NO_INTERVAL_TEXT]]);
    assert.equal(figure4.agreementText, 'The model found it present; the measurement found no interval.');
    const head = measuredCardText(a, 'head_turning', s)!;
    assert.equal(head.agreement, 'disagree');
    assert.equal(head.agreementText, 'The model found it present, but no measured interval falls in its positive segments (1 elsewhere).');
    assert.deepEqual([measuredCardText(a, 'tonic', s)!.agreement, measuredCardText(a, 'tonic', s)!.agreementText], ['measured_only', MEASURED_ONLY_TEXT]);
    const hands = measuredCardText(a, 'limb_automatisms', s)!;
    assert.deepEqual([hands.agreement, hands.lines], ['not_measurable', []]);
    assert.match(hands.agreementText, /^Not measurable from this view: the 17-point body pose has no hand/);
    assert.equal(measuredCardText(a, 'blank_stare', s), null, 'blank stare is not measured from the pose');
    assert.equal(measuredCardText({ ...a, measuredSigns: null }, 'clonic', summariseMeasuredSigns({ ...a, measuredSigns: null })), null);
  });

  it('the pipeline\'s note says why when analysis.json records one', () => {
    const a = analysis([]);
    a.measurementAgreement = [{ featureId: 'figure4', model: 'present', measured: 'absent', agrees: false, flaggedForReview: true, modelOnsetS: 3,
      measuredOnsetS: null, measuredSide: null, measuredIntervals: 0, note: 'Figure-4 sign: the model answered present, the keypoints show no such interval. Review the recording.' }];
    const t = measuredCardText(a, 'figure4', summariseMeasuredSigns(a))!;
    assert.deepEqual([t.agreement, t.agreementText], ['disagree', a.measurementAgreement[0]!.note]);
  });

  it(`lists at most ${MAX_CARD_INTERVALS} intervals, counting the rest`, () => {
    const a = analysis([0, 5, 10, 15, 20].map((t) => sign('clonic', t, t + 3, 'right', { frequencyHz: 2 })));
    const t = measuredCardText(a, 'clonic', summariseMeasuredSigns(a))!;
    assert.equal(t.lines.length, MAX_CARD_INTERVALS + 1);
    assert.match(plain(t.lines[0]!), /onset 0:00/);
    assert.equal(t.lines.at(-1), 'and 2 more (all in "Measured signs")');
  });
});
