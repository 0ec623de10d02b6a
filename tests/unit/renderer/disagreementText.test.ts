/** The sign-off dialog's words for an undecided disagreement, from the engine's own answer (pipeline/undecidedDisagreements.ts on a real analysis). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';
import { undecidedDisagreements } from '../../../native-models/pipeline/undecidedDisagreements.ts';
import { disagreementSeekS, measuredLines, modelSaidText } from '../../../renderer/src/review/disagreementText.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';

function undecided() {
  const a = analysisSkeleton('bed4.mp4', [findingOf('clonic', 'absent'), findingOf('head_turning', 'present'), findingOf('arm_flexion', 'absent')]);
  a.segments = [{ index: 0, startS: 0, endS: 30 }, { index: 1, startS: 25, endS: 55 }];
  a.measuredSigns = {
    version: 1, rateHz: 15, torsoLengthPx: 300, bodyFrame: { mirrored: false, labelsSwapped: false, faceSamples: 0, faceAgreement: null, patientLeft: null },
    signs: [
      { featureId: 'clonic', startS: 5, endS: 25, side: 'left', confidence: 0.7, segments: ['left_arm'], measures: { frequencyHz: 4.14, frequencyTrendHzPerS: -0.05 } },
      { featureId: 'clonic', startS: 40, endS: 46.5, side: 'bilateral', confidence: 0.5, segments: ['left_arm', 'right_arm'], measures: {} },
      { featureId: 'arm_flexion', startS: 12, endS: 18, side: 'right', confidence: 0.4, segments: ['right_arm'], measures: { angleDeg: 61.6 } },
    ],
    series: [], notMeasurable: [], careIntervention: [],
  };
  a.measurementAgreement = compareMeasuredSigns(a.findings, a.measuredSigns, a.segments);
  return new Map(undecidedDisagreements(a, null).undecided.map((d) => [d.featureId as string, d]));
}

test('what the model said: absent in every segment, or present from its onset with its positive segments', () => {
  const d = undecided();
  assert.deepEqual([...d.keys()], ['head_turning', 'arm_flexion', 'clonic']);
  assert.equal(modelSaidText(d.get('clonic')!), 'absent in every segment');
  assert.equal(modelSaidText(d.get('head_turning')!), 'present from 3.0 s (positive 0.0–30.0 s)');
  assert.equal(modelSaidText({ model: 'present', modelOnsetS: null, modelSegments: [] }), 'present');
});

test('what was measured: the patient\'s side, onset, duration and frequency or angle, per interval; or none', () => {
  const d = undecided();
  assert.deepEqual(measuredLines(d.get('clonic')!), [
    "patient's left · onset 5.0 s · 20.0 s long · 4.1 Hz",
    "both sides (patient's) · onset 40.0 s · 6.5 s long",
  ]);
  assert.deepEqual(measuredLines(d.get('arm_flexion')!), ["patient's right · onset 12.0 s · 6.0 s long · 62°"]);
  assert.deepEqual(measuredLines(d.get('head_turning')!), ['no interval measured']);
});

test('"Go to finding" seeks to the first measured onset, else the model\'s onset, else its first positive segment', () => {
  const d = undecided();
  assert.equal(disagreementSeekS(d.get('clonic')!), 5);
  assert.equal(disagreementSeekS(d.get('head_turning')!), 3);
  assert.equal(disagreementSeekS({ measured: [], modelOnsetS: null, modelSegments: [{ startS: 25, endS: 55 }] }), 25);
  assert.equal(disagreementSeekS({ measured: [], modelOnsetS: null, modelSegments: [] }), null);
});
