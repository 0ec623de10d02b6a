/**
 * Renders reports from realistic analyses and checks them with poppler-utils (pdftotext, pdffonts, pdfinfo,
 * pdftoppm). Page PNGs of the focal report are kept in artifacts/report/ for a human look.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InputError } from '../../../native-models/errors.ts';
import { writeReportPdf } from '../../../native-models/report/writeReportPdf.ts';
import { DEMO_BANNER_TITLE } from '../../../native-models/report/drawReportHeader.ts';
import { CLINICIAN_SEQUENCE_LABEL, NOTHING_ASSESSED_TEXT, NO_SIGNS_TEXT } from '../../../native-models/report/drawSequenceSection.ts';
import { CONFIRMED_HEADING, MODEL_ONLY_HEADING, REJECTED_HEADING } from '../../../native-models/report/drawReviewedFindings.ts';
import { AMENDED_LINE, IN_PROGRESS_LINE, NOT_REVIEWED_LINE } from '../../../native-models/report/reviewText.ts';
import { NOT_A_DIAGNOSIS } from '../../../native-models/report/drawMethodSection.ts';
import { CONFIRMED_MARK, REJECTED_MARK } from '../../../native-models/report/drawSummaryTable.ts';
import { KEYFRAME_UNAVAILABLE } from '../../../native-models/report/drawEvidence.ts';
import { buildAnalysisFixture, reviewOf } from '../../helpers/analysisFixture.ts';
import { checkReportPdf } from '../../helpers/checkReportPdf.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/report');
const PATIENT = 'Zoë Müller-Ångström';
const OPERATOR = { patientId: PATIENT, study: 'EMU-2025-031 (Ménière cohort)', reviewer: 'Dr Émile Noël' };
const FIXED = { timeZone: 'UTC', generatedAt: new Date('2025-03-15T12:00:00Z') };

let root: string;
before(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-report-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

function pageSize(pdf: string): string {
  return /^Page size:\s+([\d.]+ x [\d.]+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '';
}

describe('writeReportPdf', () => {
  test('focal seizure report: labels, hash, sequence, accents, embedded fonts, every page renders', async () => {
    const dir = path.join(root, 'focal');
    const analysis = await buildAnalysisFixture(dir, { missingKeyframes: ['figure4'] });
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { operator: OPERATOR, ...FIXED });
    const r = await checkReportPdf(pdf, analysis, {
      renderDir: path.join(ARTIFACTS, 'focal-a4'),
      dpi: 80,
      mustContain: [PATIENT, OPERATOR.study, OPERATOR.reviewer, NOT_A_DIAGNOSIS, CONFIRMED_MARK, REJECTED_MARK,
        'onset from sleep (0:02) → blank stare (0:12)', '2:30', '14 Mar 2025', KEYFRAME_UNAVAILABLE,
        'audio finding: no image', 'Timeline of model answers', 'Evidence for positive findings', 'Method and limits',
        CLINICIAN_SEQUENCE_LABEL, IN_PROGRESS_LINE],
      mustNotContain: [dir, root, DEMO_BANNER_TITLE, '/home/someone'],
    });
    assert.equal(pageSize(pdf), '595.28 x 841.89');
    assert.ok(r.pages >= 2, `expected several pages, got ${r.pages}`);
    assert.ok(r.fonts.every((f) => f.name.includes('DejaVu')), `unexpected fonts: ${r.fonts.map((f) => f.name).join(', ')}`);
    assert.match(r.flatText, /Page 1 of \d+/);
  });

  test('demo model: red banner on page 1 says the findings are meaningless', async () => {
    const dir = path.join(root, 'demo');
    const analysis = await buildAnalysisFixture(dir, { demo: true });
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { ...FIXED, paperSize: 'Letter' });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'demo-letter'), mustContain: [DEMO_BANNER_TITLE] });
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    assert.ok(page1.includes(DEMO_BANNER_TITLE), 'the demo banner is not on page 1');
    assert.equal(pageSize(pdf), '612 x 792');
    assert.ok(r.flatText.includes('not entered'), 'missing operator fields should read "not entered"');
  });

  test('no positive finding: says so, no sequence, still every label', async () => {
    const dir = path.join(root, 'negative');
    const analysis = await buildAnalysisFixture(dir, { scenario: 'noPositive' });
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { operator: OPERATOR, ...FIXED });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'no-positive'), mustContain: [NO_SIGNS_TEXT, '0 present, 20 absent'] });
    assert.ok(!r.flatText.includes('→'), 'a report without positive findings has no sequence arrow');
  });

  test('every feature failed: says nothing could be assessed', async () => {
    const dir = path.join(root, 'failed');
    const analysis = await buildAnalysisFixture(dir, { scenario: 'allFailed' });
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { ...FIXED });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'all-failed'), mustContain: [NOTHING_ASSESSED_TEXT, '0 present, 0 absent, 0 not assessed, 20 failed'] });
    assert.ok(!r.flatText.includes(NO_SIGNS_TEXT));
  });

  test('keyframes elsewhere (baseDir), a corrupt keyframe and a missing one do not break the report', async () => {
    const dir = path.join(root, 'elsewhere');
    const analysis = await buildAnalysisFixture(dir);
    const tonic = analysis.keyframes.find((k) => k.featureId === 'tonic');
    const clonic = analysis.keyframes.find((k) => k.featureId === 'clonic');
    assert.ok(tonic && clonic);
    await writeFile(path.join(dir, tonic.path), 'not a jpeg');
    clonic.path = 'nonexistent/clonic.jpg';
    const pdf = path.join(root, 'exports', 'Zoë report.pdf');
    await writeReportPdf(analysis, pdf, { ...FIXED, baseDir: dir, operator: OPERATOR });
    const r = await checkReportPdf(pdf, analysis, { mustContain: [PATIENT], mustNotContain: [dir, root, 'nonexistent'] });
    const unavailable = r.flatText.split(KEYFRAME_UNAVAILABLE).length - 1;
    assert.equal(unavailable, 2, 'the corrupt and the missing keyframe both read "keyframe unavailable"');
  });

  test('an analysis that breaks the contract is refused before anything is written, naming the field', async () => {
    const dir = path.join(root, 'invalid');
    const analysis = await buildAnalysisFixture(dir);
    const pdf = path.join(dir, 'report.pdf');
    const refused = async (edit: (a: Record<string, any>) => void, message: RegExp): Promise<void> => {
      const copy = structuredClone(analysis) as unknown as Record<string, any>;
      edit(copy);
      await assert.rejects(writeReportPdf(copy as never, pdf, FIXED), (e: unknown) => e instanceof InputError && message.test(e.message));
    };
    await refused((a) => { a.findings[3].status = 'maybe'; },
      /^Cannot write a report: analysis: findings\[3\]\.status must be one of present, absent, not_assessed, failed \(got "maybe"\)$/);
    await refused((a) => { a.keyframes[0].path = '../../../../home/someone/photo.jpg'; },
      /^Cannot write a report: analysis: keyframes\[0\]\.path must be a path relative to the folder of analysis\.json, without "\.\." \(got "\.\.\/\.\.\/\.\.\/\.\.\/home\/someone\/photo\.jpg"\)$/);
    await refused((a) => { delete a.recording; }, /^Cannot write a report: analysis: recording is missing \(expected an object\)$/);
    await refused((a) => { a.schemaVersion = 7; }, /^Cannot write a report: analysis has schemaVersion 7; this version of semioscope reads schemaVersion 2\.$/);
    await assert.rejects(access(pdf), 'no report file was written');
  });

  test('stress: every feature present in a 20-minute recording, long names and justifications, Letter', async () => {
    const dir = path.join(root, 'stress');
    const analysis = await buildAnalysisFixture(dir, { scenario: 'allPresent', durationS: 1200,
      fileName: 'Aufnahme_Station_Neurologie_Überwachungsbett_4_Kamera_2_2025-03-14T04-12-55.mp4' });
    const pdf = path.join(dir, 'report.pdf');
    const operator = { patientId: `${PATIENT} (geb. 1987-02-03), Fall-Nr. 2025/00417-Ω`, study: 'Prächirurgische Epilepsiediagnostik, Video-EEG Langzeitableitung', reviewer: 'Prof. Dr. Jürgen Ødegård-Øster' };
    await writeReportPdf(analysis, pdf, { ...FIXED, operator, paperSize: 'Letter', maxJustifications: 3 });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'stress-letter'), mustContain: [operator.patientId, operator.reviewer] });
    assert.equal(analysis.keyframes.length, 18);
    assert.ok(r.pages >= 7, `20 evidence cards need several pages, got ${r.pages}`);
  });

  test('unreviewed: every page says it is not reviewed by a clinician, the sequence is the model\'s proposal', async () => {
    const dir = path.join(root, 'unreviewed');
    const analysis = await buildAnalysisFixture(dir, { decisions: false });
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { ...FIXED, operator: OPERATOR });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'unreviewed'),
      mustContain: ['Clinician review: Not reviewed', "This is the model's proposal: no clinician has reviewed it.", MODEL_ONLY_HEADING, 'No review entry'] });
    assert.ok(r.pages >= 4);
    r.pageTexts.forEach((t, i) => assert.ok(t.includes(NOT_REVIEWED_LINE), `page ${i + 1} lacks "${NOT_REVIEWED_LINE}"`));
    assert.ok(!r.flatText.includes(CLINICIAN_SEQUENCE_LABEL));
  });

  test('partly reviewed: confirmed and added signs in the confirmed section at the clinician\'s onset and side; rejected left out of the sequence', async () => {
    const dir = path.join(root, 'partial');
    const a = await buildAnalysisFixture(dir, { decisions: false });
    const analysis = { ...a, review: reviewOf(a.recording.sha256, [
      { kind: 'decision', featureId: 'head_turning', decision: 'confirmed', onsetS: 60, offsetS: 68, side: 'left', comment: 'version to the left' },
      { kind: 'decision', featureId: 'clonic', decision: 'rejected', comment: 'tremor, not clonic' },
      { kind: 'decision', featureId: 'arm_flexion', decision: 'added', onsetS: 95, side: 'right' },
      { kind: 'decision', featureId: 'tonic', decision: 'uncertain', comment: 'camera angle' },
    ]) };
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { ...FIXED, operator: OPERATOR });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'partly-reviewed'),
      mustContain: [CONFIRMED_HEADING, REJECTED_HEADING, '+ added', '✘ rejected', '? uncertain', '“tremor, not clonic”'] });
    r.pageTexts.forEach((t, i) => assert.ok(t.includes(IN_PROGRESS_LINE), `page ${i + 1} lacks "${IN_PROGRESS_LINE}"`));
    const clinician = r.flatText.slice(r.flatText.indexOf(CLINICIAN_SEQUENCE_LABEL) + CLINICIAN_SEQUENCE_LABEL.length, r.flatText.indexOf("Model's proposal")).trim();
    assert.equal(clinician, 'head turning, left (1:00) → arm flexion, right (1:35)', 'the clinician\'s sequence: confirmed and added, clinician onsets and sides, no rejected sign');
    const confirmed = r.flatText.slice(r.flatText.indexOf(`${CONFIRMED_HEADING} (2)`), r.flatText.indexOf(`${REJECTED_HEADING} (1)`));
    assert.match(confirmed, /Head turning ✔ confirmed 1:00–1:08 left \(patient's\)/);
    assert.match(confirmed, /Arm flexion \+ added 1:35 right \(patient's\)/);
    assert.ok(!confirmed.includes('Clonic jerking'), 'a rejected sign is not in the confirmed section');
  });

  test('signed off: reviewer, time of sign-off as recorded and "Review complete", on page 1 and every page', async () => {
    const dir = path.join(root, 'signed');
    const a = await buildAnalysisFixture(dir, { decisions: false });
    const analysis = { ...a, review: reviewOf(a.recording.sha256, [
      { kind: 'decision', featureId: 'blank_stare', decision: 'confirmed' },
      { kind: 'signoff', reviewer: 'Dr Ana Lúcia Prates', atIso: '2025-03-15T09:40:00-03:00' },
    ]) };
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { ...FIXED });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'signed-off'),
      mustContain: ['Clinician review: Review complete', 'Dr Ana Lúcia Prates, 15 Mar 2025, 09:40 (UTC-03:00)', 'Dr Émile Noël; Dr Ana Lúcia Prates'],
      mustNotContain: [NOT_REVIEWED_LINE, IN_PROGRESS_LINE, AMENDED_LINE] });
    r.pageTexts.forEach((t, i) => assert.ok(t.includes('Review complete · signed off 15 Mar 2025, 09:40 (UTC-03:00)'), `page ${i + 1} lacks the sign-off line`));
  });

  test('amended after sign-off: says so in the review block and on every page', async () => {
    const dir = path.join(root, 'amended');
    const a = await buildAnalysisFixture(dir, { decisions: false });
    const analysis = { ...a, review: reviewOf(a.recording.sha256, [
      { kind: 'decision', featureId: 'blank_stare', decision: 'confirmed' },
      { kind: 'signoff' },
      { kind: 'decision', featureId: 'clonic', decision: 'rejected', reviewer: 'Dr B. Second', atIso: '2025-03-16T14:30:00-05:00' },
    ]) };
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, { ...FIXED });
    const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'amended'),
      mustContain: ['Clinician review: Amended after sign-off', 'Dr B. Second, 16 Mar 2025, 14:30 (UTC-05:00): decisions changed after the sign-off; the sign-off does not cover them.'] });
    r.pageTexts.forEach((t, i) => assert.ok(t.includes(`${AMENDED_LINE} — changed 16 Mar 2025, 14:30 (UTC-05:00)`), `page ${i + 1} lacks "${AMENDED_LINE}"`));
  });
});
