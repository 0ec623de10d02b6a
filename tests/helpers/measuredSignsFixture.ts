/**
 * Hand-made analysis.measuredSigns for tests of what shows them (review app, report), matching the focal
 * scenario of analysisFixture.ts (150 s): clonic on the patient's left, slowing, inside the model's clonic
 * segments (agree); head turning to the right and tonic (agree); figure 4 not measured although the model
 * found it (disagree); arm flexion measured where the model found none (disagree); pelvic thrusting and
 * limb automatisms not measurable; a care intervention masked. Checked against the contract schema.
 */
import { measuredSignsSchema, type MeasuredSign, type MeasuredSigns, type SignalSeries } from '../../native-models/contract/measuredSigns.ts';

const r2 = (v: number) => Math.round(v * 100) / 100;

/** Values at `stepS` from `startS` to `endS`, null outside [from, to]. */
function series(segment: SignalSeries['segment'], quantity: SignalSeries['quantity'], unit: string, startS: number, endS: number, stepS: number,
  value: (t: number) => number | null): SignalSeries {
  const values: Array<number | null> = [];
  for (let t = startS; t <= endS + 1e-9; t += stepS) values.push(value(t));
  return { segment, quantity, unit, startS, stepS, values };
}

export const FOCAL_MEASURED_SIGNS: readonly MeasuredSign[] = [
  { featureId: 'clonic', startS: 89.5, endS: 128, side: 'left', confidence: 0.78, segments: ['left_arm'],
    measures: { frequencyHz: 2.9, frequencyTrendHzPerS: -0.047, amplitudeTorso: 0.21, peakRatio: 4.1, durationS: 38.5 } },
  { featureId: 'head_turning', startS: 57, endS: 66.5, side: 'right', confidence: 0.64, segments: ['head'],
    measures: { angleDeg: 38, baselineAngleDeg: 2, durationS: 9.5 } },
  { featureId: 'tonic', startS: 79, endS: 87.5, side: 'bilateral', confidence: 0.55, segments: ['left_arm', 'right_arm'],
    measures: { durationS: 8.5 } },
  { featureId: 'arm_flexion', startS: 20, endS: 26, side: 'right', confidence: 0.42, segments: ['right_arm'],
    measures: { angleDeg: 62, durationS: 6 } },
];

export function focalMeasuredSigns(overrides: Partial<MeasuredSigns> = {}): MeasuredSigns {
  const rhythmLeft = (t: number) => (t >= 89.5 && t <= 128 ? r2(3.6 - 1.8 * (t - 89.5) / 38.5) : null);
  const rhythmRight = (t: number) => (t >= 100 && t <= 106 ? r2(3.1 + 0.2 * Math.sin(t)) : null);
  const value: MeasuredSigns = {
    version: 1,
    rateHz: 15,
    torsoLengthPx: 212,
    bodyFrame: { mirrored: false, labelsSwapped: false, faceSamples: 840, faceAgreement: 0.97, patientLeft: { x: -0.98, y: 0.17 } },
    signs: [...FOCAL_MEASURED_SIGNS],
    series: [
      series('left_arm', 'rhythmHz', 'Hz', 1.5, 148.5, 0.5, rhythmLeft),
      series('right_arm', 'rhythmHz', 'Hz', 1.5, 148.5, 0.5, rhythmRight),
      series('left_arm', 'elbowAngleDeg', 'deg', 0, 150, 0.2, (t) => (t >= 14 && t <= 19 ? null : r2(150 - (t >= 79 && t <= 128 ? 60 + 20 * Math.sin(t * 18) : 0)))),
      series('right_arm', 'elbowAngleDeg', 'deg', 0, 150, 0.2, (t) => (t >= 14 && t <= 19 ? null : t >= 20 && t <= 26 ? 62 : 145)),
      series('head', 'headAngleDeg', 'deg', 0, 150, 0.2, (t) => (t >= 14 && t <= 19 ? null : t >= 57 && t <= 66.5 ? 40 : 2)),
    ],
    notMeasurable: [
      { featureId: 'pelvic_thrusting', reason: 'not measurable from this view: the hips were not seen (covered or out of view)' },
      { featureId: 'limb_automatisms', reason: 'not measurable from this view: the 17-point body pose has no hand or finger keypoints, and wrist movement alone cannot tell fumbling or picking from purposeful movement' },
    ],
    careIntervention: [{ startS: 14, endS: 19 }],
    ...overrides,
  };
  return measuredSignsSchema.parse(value);
}
