/** The report's view of the measured signs: rows, agreement (the same as the review app's), not measurable, the sequence's measured onset. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreementOf, measuredOnsetOf, recordedAgreementOf, summariseMeasuredSigns } from '../../../native-models/report/measuredSignsSummary.ts';
import { computeAgreement, intervalOf } from '../../../renderer/src/review/measuredEvidence.ts';
import type { MeasuredSign } from '../../../native-models/contract/measuredSigns.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

const segments = [{ index: 0, startS: 0, endS: 30 }, { index: 1, startS: 25, endS: 55 }, { index: 2, startS: 50, endS: 80 }];
const sign = (startS: number, endS: number, side: MeasuredSign['side'] = 'left'): MeasuredSign =>
  ({ featureId: 'clonic', startS, endS, side, confidence: 0.6, segments: ['left_arm'], measures: { frequencyHz: 3 } });

describe('measuredSignsSummary', () => {
  it('agreement is the same as the review app computes, case by case', () => {
    const findings = [undefined, { status: 'present' as const, positiveSegments: [2] }, { status: 'present' as const, positiveSegments: [0] },
      { status: 'absent' as const, positiveSegments: [] }, { status: 'failed' as const, positiveSegments: [] }, { status: 'not_assessed' as const, positiveSegments: [] }];
    const measured = [[], [sign(60, 70)], [sign(10, 12), sign(60, 70)], [sign(30, 40)]];
    for (const f of findings) for (const signs of measured) for (const nm of [false, true]) {
      const app = computeAgreement(f, segments, { intervals: signs.map(intervalOf), notMeasurable: nm ? 'no hips' : null });
      assert.equal(agreementOf(f, segments, signs, nm), app?.agreement ?? null, JSON.stringify({ f, signs: signs.map((s) => s.startS), nm }));
    }
  });

  it('rows in time order with the model\'s status and agreement; present signs no interval backs; not measurable by catalogue order', () => {
    const a = analysisSkeleton('rec.mp4', [findingOf('clonic', 'present'), findingOf('figure4', 'present'), findingOf('arm_flexion', 'absent'), findingOf('tonic', 'present')]);
    a.segments = segments;
    a.measuredSigns = focalMeasuredSigns({ signs: [sign(20, 28), { ...sign(5, 9, 'right'), featureId: 'arm_flexion', measures: { angleDeg: 60 } }] });
    const s = summariseMeasuredSigns(a)!;
    assert.deepEqual(s.rows.map((r) => [r.featureId, r.startS, r.side, r.agreement, r.modelStatus]),
      [['arm_flexion', 5, 'right', 'disagree', 'absent'], ['clonic', 20, 'left', 'agree', 'present']]);
    assert.equal(s.rows[0]!.angleDeg, 60);
    assert.deepEqual(s.unbacked.map((u) => u.featureId), ['tonic', 'figure4']);
    assert.deepEqual(s.notMeasurable.map((n) => n.featureId), ['limb_automatisms', 'pelvic_thrusting'], 'catalogue order, not the signals layer\'s');
    assert.equal(s.agreement.get('pelvic_thrusting'), 'not_measurable');
    assert.equal(summariseMeasuredSigns({ ...a, measuredSigns: null }), null);
    assert.equal(summariseMeasuredSigns(analysisSkeleton()), null);
  });

  it('an agreement recorded in analysis.json wins over the computed one', () => {
    const a = analysisSkeleton('rec.mp4', [findingOf('clonic', 'present')]);
    a.measuredSigns = focalMeasuredSigns({ signs: [sign(1, 5)] });
    assert.equal(summariseMeasuredSigns(a)!.rows[0]!.agreement, 'agree');
    a.measurementAgreement = [{ featureId: 'clonic', model: 'present', measured: 'present', agrees: false, flaggedForReview: true, modelOnsetS: 3,
      measuredOnsetS: 1, measuredSide: 'left', measuredIntervals: 1, note: 'recorded' }];
    assert.equal(summariseMeasuredSigns(a)!.rows[0]!.agreement, 'disagree');
  });

  it('the pipeline\'s measurementAgreement (compareMeasuredSigns) reads as the agreement computed here, on the focal fixture', async () => {
    const { compareMeasuredSigns } = await import('../../../native-models/pipeline/compareMeasuredSigns.ts');
    const { buildAnalysisFixture } = await import('../../helpers/analysisFixture.ts');
    const os = await import('node:os');
    const fs = await import('node:fs/promises');
    const dir = await fs.mkdtemp(`${os.tmpdir()}/semioscope-agreement-`);
    try {
      const a = await buildAnalysisFixture(dir, { measuredSigns: focalMeasuredSigns() });
      const computed = summariseMeasuredSigns(a)!.agreement;
      const recorded = compareMeasuredSigns(a.findings, a.measuredSigns!, a.segments);
      assert.ok(recorded.length >= 8);
      for (const e of recorded) assert.equal(recordedAgreementOf(e), computed.get(e.featureId) ?? null, e.featureId);
      const withRecord = summariseMeasuredSigns({ ...a, measurementAgreement: recorded })!;
      assert.deepEqual([...withRecord.agreement], [...computed]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('measured onset for the sequence: the first interval inside the model\'s positive segments, else (model not present) the first', () => {
    const a = analysisSkeleton('rec.mp4', [{ ...findingOf('clonic', 'present'), positiveSegments: [2] }, findingOf('arm_flexion', 'absent')]);
    a.segments = segments;
    a.measuredSigns = focalMeasuredSigns({ signs: [sign(10, 12, 'right'), sign(62, 70), { ...sign(40, 44, 'right'), featureId: 'arm_flexion' }] });
    assert.deepEqual(measuredOnsetOf(a, 'clonic'), { onsetS: 62, side: 'left' });
    assert.deepEqual(measuredOnsetOf(a, 'arm_flexion'), { onsetS: 40, side: 'right' });
    assert.equal(measuredOnsetOf(a, 'tonic'), null);
    a.measuredSigns.signs = [sign(10, 12)];
    assert.equal(measuredOnsetOf(a, 'clonic'), null, 'an interval outside the model\'s segments is a disagreement, not its onset');
  });
});
