/**
 * drawMeasuredAbsentCards: a sign the pose measured where the model answered absent in every segment gets a
 * card of its own after the evidence for positive findings ("Measured, model absent — for review"): the
 * measured interval(s) with the patient's side, onset, duration and frequency or angle, the disagreement boxed
 * with the pipeline's note, the model's finding as it gave it, the clinician's decision; where it was measured
 * drawn on the recording's time axis. No card where the model found the sign present or nothing was measured.
 * Real PDFs checked with poppler; pages go to artifacts/report/measured-absent-*.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';
import { DISAGREE_TEXT } from '../../../native-models/report/measuredCardText.ts';
import { MEASURED_ABSENT_HEADING, MEASURED_ABSENT_TAG, NO_KEYFRAME_TEXT, measuredAbsentFeatures } from '../../../native-models/report/drawMeasuredAbsentCards.ts';
import { summariseMeasuredSigns } from '../../../native-models/report/measuredSignsSummary.ts';
import { writeReportPdf } from '../../../native-models/report/writeReportPdf.ts';
import { buildAnalysisFixture, reviewOf } from '../../helpers/analysisFixture.ts';
import { checkReportPdf, pageWords, renderPage } from '../../helpers/checkReportPdf.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/report');
const FIXED = { timeZone: 'UTC', generatedAt: new Date('2025-03-15T12:00:00Z') };

let root: string;
before(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-measured-absent-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

/**
 * The focal analysis where the model answered clonic absent in every segment, while the pose measured clonic
 * on the patient's left from 0:05 to 0:25 at 4.1 Hz (and again from 1:29); arm flexion measured on the right
 * at 0:20 where the model found none too (the measured-signs fixture); the pipeline's agreement.
 */
async function clonicMissed(dir: string): Promise<AnalysisResult> {
  const a = await buildAnalysisFixture(dir, { decisions: false, measuredSigns: focalMeasuredSigns() });
  a.findings = a.findings.map((f) => (f.featureId === 'clonic' ? { ...f, present: false, status: 'absent', positiveSegments: [], onsetS: null, justifications: [] } : f));
  a.answers = a.answers.map((x) => (x.featureId === 'clonic' ? { ...x, present: false, onsetS: null, justification: 'No rhythmic jerking is seen.' } : x));
  a.keyframes = a.keyframes.filter((k) => k.featureId !== 'clonic');
  a.measuredSigns!.signs.push({ featureId: 'clonic', startS: 5, endS: 25, side: 'left', confidence: 0.71, segments: ['left_arm'],
    measures: { frequencyHz: 4.1, frequencyTrendHzPerS: -0.02, durationS: 20 } });
  a.measurementAgreement = compareMeasuredSigns(a.findings, a.measuredSigns!, a.segments);
  return a;
}

describe('cards for signs measured where the model found none', () => {
  test('which features get one: model absent and measured, earliest measured onset first; not a present one, not one measured nowhere', async () => {
    const a = await clonicMissed(path.join(root, 'which'));
    assert.deepEqual(measuredAbsentFeatures(a, summariseMeasuredSigns(a)), ['clonic', 'arm_flexion']);
    const focal = await buildAnalysisFixture(path.join(root, 'focal'), { decisions: false, measuredSigns: focalMeasuredSigns() });
    assert.deepEqual(measuredAbsentFeatures(focal, summariseMeasuredSigns(focal)), ['arm_flexion'], 'figure 4 (present, not measured) has its evidence card already');
    const plain = await buildAnalysisFixture(path.join(root, 'plain'), { decisions: false });
    assert.deepEqual(measuredAbsentFeatures(plain, summariseMeasuredSigns(plain)), []);
  });

  test('the card says "measured, model absent — for review" with the side, onset, duration and frequency, the boxed disagreement, the model\'s finding and the clinician\'s decision', async () => {
    const dir = path.join(root, 'cards');
    const a = await clonicMissed(dir);
    a.review = reviewOf(a.recording.sha256, [{ kind: 'decision', featureId: 'arm_flexion', decision: 'added', onsetS: 19.5, offsetS: 26, side: 'right', comment: 'flexion seen on video' }]);
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(a, pdf, FIXED);
    const report = await checkReportPdf(pdf, a, { renderDir: path.join(ARTIFACTS, 'measured-absent-cards'), dpi: 80 });
    const page = report.pageTexts.findIndex((t) => t.includes(MEASURED_ABSENT_HEADING)) + 1;
    assert.ok(page > 0, 'the section is printed');
    const evidencePage = report.pageTexts.findIndex((t) => t.includes('Evidence for positive findings')) + 1;
    assert.ok(page >= evidencePage, 'after the evidence for positive findings');
    const section = report.flatText.slice(report.flatText.indexOf(MEASURED_ABSENT_HEADING));
    const clonicNote = a.measurementAgreement!.find((e) => e.featureId === 'clonic')!.note;
    const clonic = section.slice(section.indexOf('Clonic jerking'), section.indexOf('Arm flexion'));
    for (const s of [
      `⚠ ${MEASURED_ABSENT_TAG}`,
      'Model: absent in all 6 segments asked · input shown to the model: full frame',
      "Measured: patient's left · onset 0:05 · 20.0 s · 4.1 Hz, slowing 0.02 Hz/s · evidence strength 0.71",
      "Measured: patient's left · onset 1:29 · 38.5 s · 2.9 Hz, slowing 0.05 Hz/s · evidence strength 0.78",
      `⚠ ${DISAGREE_TEXT}. ${clonicNote}`,
      'Clinician: not decided',
      NO_KEYFRAME_TEXT,
    ]) assert.ok(clonic.includes(s), `clonic card lacks "${s}": ${clonic}`);
    const flexion = section.slice(section.indexOf('Arm flexion'));
    assert.ok(flexion.includes("Measured: patient's right · onset 0:20 · 6.0 s · 62° · evidence strength 0.42"), flexion);
    assert.ok(flexion.includes("Clinician: + added 0:19–0:26 · right (patient's) · Dr Émile Noël, 15 Mar 2025, 09:00 (UTC+01:00) · flexion seen on video"), flexion);
    assert.ok(!section.slice(0, section.indexOf('Review log')).includes('Figure-4 sign'), 'a sign the model found present has its evidence card, not one here');

    // Where it was measured: the clonic interval 0:05–0:25 drawn (teal hatching) on the time axis under "WHERE IT WAS MEASURED".
    const words = pageWords(pdf, page);
    const label = words.find((w) => w.text === 'WHERE')!;
    const zero = words.find((w) => w.text === '0:00' && w.yMin > label.yMax)!;
    const end = words.find((w) => w.text === '2:30' && Math.abs(w.yMin - zero.yMin) < 1)!;
    const DPI = 144;
    const png = await renderPage(pdf, page, DPI, path.join(ARTIFACTS, 'measured-absent-cards', 'axis'));
    const px = DPI / 72;
    const barY = Math.round((zero.yMin - 6) * px);
    const x0 = zero.xMin;
    const span = end.xMax - zero.xMin;
    const teal = (t: number) => {
      let hit = 0;
      for (let dx = -2; dx <= 2; dx++) for (let dy = -3; dy <= 3; dy++) {
        const o = ((barY + dy) * png.width + Math.round((x0 + (span * t) / 150) * px) + dx) * 4;
        const [r, g, b] = [png.data[o]!, png.data[o + 1]!, png.data[o + 2]!];
        if (g > r + 30 && b > r + 10) hit++;
      }
      return hit;
    };
    assert.ok(teal(15) > 0, 'the measured interval 0:05–0:25 is drawn at 0:15');
    assert.ok(teal(100) > 0, 'and 1:29–2:07 at 1:40');
    assert.equal(teal(60), 0, 'nothing at 1:00');
  });

  test('no section when no sign was measured where the model found none', async () => {
    const dir = path.join(root, 'none');
    const a = await buildAnalysisFixture(dir, { decisions: false, measuredSigns: focalMeasuredSigns({ signs: focalMeasuredSigns().signs.filter((s) => s.featureId !== 'arm_flexion') }) });
    a.measurementAgreement = compareMeasuredSigns(a.findings, a.measuredSigns!, a.segments);
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(a, pdf, FIXED);
    const report = await checkReportPdf(pdf, a);
    assert.ok(!report.flatText.includes(MEASURED_ABSENT_HEADING));
    assert.ok(!report.flatText.includes(MEASURED_ABSENT_TAG));
  });
});
