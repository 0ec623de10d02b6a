/**
 * fontFallback: Chinese and Japanese file names, reviewers and comments print as themselves (pdftotext gives
 * back the same characters, and Noto Sans CJK is embedded), and without the fallback font the report is
 * still written and says which characters it could not show. Needs Debian fonts-noto-cjk (scripts/setup.sh).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { writeReportPdf } from '../../../native-models/report/writeReportPdf.ts';
import { regionOf } from '../../../native-models/report/fontFallback.ts';
import { resolveFallbackFonts } from '../../../native-models/report/reportFonts.ts';
import { buildAnalysisFixture, reviewOf } from '../../helpers/analysisFixture.ts';
import { checkReportPdf } from '../../helpers/checkReportPdf.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/report');
const FIXED = { timeZone: 'UTC', generatedAt: new Date('2025-03-15T12:00:00Z') };
const FILE = '患者_発作ビデオ_2025.mp4';
const PATIENT = '李华 (リ・ホア)';
const ZH = { reviewer: '王小明 医生', comment: '头部向左转，持续八秒。' };
const JA = { reviewer: '山田 太郎', comment: '右腕の間代発作、約二十秒。' };

let root: string;
before(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-cjk-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

async function cjkAnalysis(dir: string, fileName = FILE) {
  const a = await buildAnalysisFixture(dir, { decisions: false, fileName });
  return { ...a, review: reviewOf(a.recording.sha256, [
    { kind: 'decision', featureId: 'head_turning', decision: 'confirmed', side: 'left', ...ZH },
    { kind: 'decision', featureId: 'clonic', decision: 'confirmed', ...JA },
    { kind: 'signoff', reviewer: JA.reviewer },
  ]) };
}

test('the script picks the Noto CJK face: kana is Japanese, hangul Korean, other Han Simplified Chinese', () => {
  assert.equal(regionOf(JA.comment), 'jp');
  assert.equal(regionOf(ZH.comment), 'sc');
  assert.equal(regionOf('김민준'), 'kr');
});

test('Chinese and Japanese names and comments come out of the PDF as the same characters, in an embedded CJK font', async () => {
  assert.ok(resolveFallbackFonts(), 'Debian fonts-noto-cjk is not installed (scripts/setup.sh installs it)');
  const dir = path.join(root, 'cjk');
  const analysis = await cjkAnalysis(dir);
  const pdf = path.join(dir, 'report.pdf');
  await writeReportPdf(analysis, pdf, { ...FIXED, operator: { patientId: PATIENT } });
  const r = await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, 'cjk'),
    mustContain: [FILE, PATIENT, ZH.reviewer, ZH.comment, JA.reviewer, JA.comment], mustNotContain: ['could not be shown', '\u25a1'] });
  const names = r.fonts.map((f) => f.name);
  assert.ok(names.some((n) => n.includes('NotoSansCJKsc')), `no Chinese face embedded: ${names.join(', ')}`);
  assert.ok(names.some((n) => n.includes('NotoSansCJKjp')), `no Japanese face embedded: ${names.join(', ')}`);
  assert.ok(names.some((n) => n.includes('DejaVu')), 'the main font is still DejaVu Sans');
  // The running header of every later page carries the patient id and the file name in the fallback font.
  assert.ok(r.pageTexts.slice(1).every((t) => t.includes(`Patient ID ${PATIENT}`)), 'the running header lacks the CJK patient id');
});

test('without the fallback font the report is still written and its method section names what it could not show', async () => {
  const dir = path.join(root, 'no-fallback');
  // A Latin file name: the checker needs it back from the text, which the unshown CJK reviewers are not.
  const analysis = await cjkAnalysis(dir, 'EMU3_bed2.mp4');
  const pdf = path.join(dir, 'report.pdf');
  await writeReportPdf(analysis, pdf, { ...FIXED, fallbackFontDir: path.join(root, 'no-such-font-dir') });
  const r = await checkReportPdf(pdf, analysis, { mustContain: ['Some characters could not be shown', 'U+', "install Debian's fonts-noto-cjk"] });
  assert.ok(r.fonts.every((f) => f.name.includes('DejaVu')), 'only DejaVu is embedded without the fallback');
});
