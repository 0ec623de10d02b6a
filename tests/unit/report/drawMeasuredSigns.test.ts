/**
 * The report's "Measured signs" section and the sequence that uses the measured side and onset, checked with
 * poppler (pdftotext per page); page PNGs go to artifacts/report/measured-signs/ for a human look.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeReportPdf } from '../../../native-models/report/writeReportPdf.ts';
import { EVIDENCE_NOTE, MEASURED_SIGNS_HEADING, NOT_MEASURABLE_HEADING, NO_MEASURED_SIGNS_TEXT, measureText } from '../../../native-models/report/drawMeasuredSigns.ts';
import { CLINICIAN_SEQUENCE_LABEL, UNREVIEWED_SEQUENCE_NOTE } from '../../../native-models/report/drawSequenceSection.ts';
import { buildAnalysisFixture, reviewOf } from '../../helpers/analysisFixture.ts';
import { checkReportPdf } from '../../helpers/checkReportPdf.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/report');
const FIXED = { timeZone: 'UTC', generatedAt: new Date('2025-03-15T12:00:00Z') };
let root: string;
before(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-measured-report-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

describe('drawMeasuredSigns', () => {
  test('measureText: frequency with its trend for rhythmic signs, angle for postures, a dash otherwise', () => {
    assert.equal(measureText({ frequencyHz: 2.94, trendHzPerS: -0.047, angleDeg: null }), '2.9 Hz, slowing 0.05 Hz/s');
    assert.equal(measureText({ frequencyHz: 3, trendHzPerS: 0, angleDeg: null }), '3.0 Hz, steady');
    assert.equal(measureText({ frequencyHz: null, trendHzPerS: null, angleDeg: 38.4 }), '38°');
    assert.equal(measureText({ frequencyHz: null, trendHzPerS: null, angleDeg: null }), '–');
  });

  test('table: side, onset, duration, frequency and trend, evidence strength, agreement; not measurable with reasons; sequence clinician, then measured, then model', async () => {
    const dir = path.join(root, 'measured');
    const a = await buildAnalysisFixture(dir, { decisions: false, measuredSigns: focalMeasuredSigns() });
    const analysis = { ...a, review: reviewOf(a.recording.sha256, [
      { kind: 'decision', featureId: 'blank_stare', decision: 'confirmed' },
      { kind: 'decision', featureId: 'clonic', decision: 'confirmed' },
      { kind: 'decision', featureId: 'head_turning', decision: 'confirmed', side: 'left' },
      { kind: 'decision', featureId: 'tonic', decision: 'confirmed', onsetS: 81, side: 'right' },
      { kind: 'decision', featureId: 'arm_flexion', decision: 'added' },
    ]) };
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, FIXED);
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'measured-signs'),
      mustContain: [MEASURED_SIGNS_HEADING, NOT_MEASURABLE_HEADING, EVIDENCE_NOTE, 'at 15 fps'] });
    const measured = r.pageTexts.find((t) => t.includes(MEASURED_SIGNS_HEADING))!;
    const section = measured.slice(measured.indexOf(MEASURED_SIGNS_HEADING));
    for (const row of [
      'Arm flexion right 0:20 6.0 s 62° 0.42 DISAGREES: review (model: absent)',
      'Head turning right 0:57 9.5 s 38° 0.64 agrees (model: present)',
      'Tonic stiffening bilateral 1:19 8.5 s – 0.55 agrees (model: present)',
      'Clonic jerking left 1:29 38.5 s 2.9 Hz, slowing 0.05 Hz/s 0.78 agrees (model: present)',
    ]) assert.ok(section.includes(row), `the table lacks the row "${row}":\n${section.slice(0, 1500)}`);
    assert.ok(section.indexOf('Arm flexion right') < section.indexOf('Clonic jerking left'), 'rows in time order');
    assert.match(section, /The model found present, the pose measured no interval \(model and measurement disagree: review\): Figure-4 sign\./);
    assert.match(section, /Masked while another person overlapped the patient \(not measured\): 0:14–0:19\./);
    assert.match(section, /Limb automatisms: the 17-point body pose has no hand or finger keypoints/);
    assert.match(section, /Pelvic thrusting: the hips were not seen \(covered or out of view\)/);
    // Clinician first, then measured, then the model's onset.
    const seq = r.flatText.slice(r.flatText.indexOf(CLINICIAN_SEQUENCE_LABEL) + CLINICIAN_SEQUENCE_LABEL.length, r.flatText.indexOf('Measured from the pose (not set')).trim();
    assert.equal(seq, 'blank stare (0:12) → arm flexion, right (0:20) → head turning, left (0:57) → tonic stiffening, right (1:21) → clonic jerking, left (1:29)');
    assert.match(r.flatText, /Measured from the pose \(not set by the clinician\): onset and side of arm flexion; onset of head turning; onset and side of clonic jerking\./);
    // The confirmed section says the same, naming what was measured.
    assert.match(r.flatText, /Clonic jerking ✔ confirmed 1:29 \(measured onset\) left \(patient's\), measured/);
    assert.match(r.flatText, /Tonic stiffening ✔ confirmed 1:21 right \(patient's\)/);
    // The model's proposal and findings are unchanged: the model's clonic onset is still 1:31.
    assert.match(r.flatText, /Model's proposal[^:]*:.*clonic jerking \(1:31\)/);
  });

  test('unreviewed: the sequence takes the measured onset and side (the clinician set none) and says which', async () => {
    const dir = path.join(root, 'unreviewed');
    const analysis = await buildAnalysisFixture(dir, { decisions: false, measuredSigns: focalMeasuredSigns() });
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, FIXED);
    const r = await checkReportPdf(pdf, analysis, { mustContain: [UNREVIEWED_SEQUENCE_NOTE] });
    assert.ok(!r.flatText.includes(CLINICIAN_SEQUENCE_LABEL));
    const seq = r.flatText.slice(r.flatText.indexOf(UNREVIEWED_SEQUENCE_NOTE) + UNREVIEWED_SEQUENCE_NOTE.length, r.flatText.indexOf('Measured from the pose (not set')).trim();
    // Head turning, tonic and clonic at their measured onsets and sides; the rest at the model's onsets.
    assert.equal(seq, 'onset from sleep (0:02) → blank stare (0:12) → oral automatisms (0:31) → head turning, right (0:57) → tonic stiffening, bilateral (1:19) → ictal vocalization (1:23) → figure-4 sign (1:24) → clonic jerking, left (1:29)');
    assert.match(r.flatText, /Measured from the pose \(not set by the clinician\): onset and side of head turning; onset and side of tonic stiffening; onset and side of clonic jerking\./);
  });

  test('an analysis whose pose was off says no signs were measured; one made before the signals layer has no section', async () => {
    const dir = path.join(root, 'none');
    const off = await buildAnalysisFixture(dir, { measuredSigns: null });
    await writeReportPdf(off, path.join(dir, 'off.pdf'), FIXED);
    const r = await checkReportPdf(path.join(dir, 'off.pdf'), off, { mustContain: [MEASURED_SIGNS_HEADING, NO_MEASURED_SIGNS_TEXT] });
    assert.ok(!r.flatText.includes(NOT_MEASURABLE_HEADING));
    const before = await buildAnalysisFixture(dir);
    await writeReportPdf(before, path.join(dir, 'before.pdf'), FIXED);
    const b = await checkReportPdf(path.join(dir, 'before.pdf'), before);
    assert.ok(!b.flatText.includes(MEASURED_SIGNS_HEADING));
  });
});
