/**
 * drawReviewBlock: page 1's review block lists the model/measurement disagreements a sign-off left undecided
 * ("Signed off with N model/measurement disagreements undecided: …", each with what the model said and what
 * was measured), says which were decided after it, and says nothing of the kind when none was left open.
 * Worked out by pipeline/undecidedDisagreements.ts from the review log and the agreement; real PDFs checked
 * with poppler, page 1 kept in artifacts/report/review-block-*.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';
import { reviewBlockRows } from '../../../native-models/report/drawReviewBlock.ts';
import { summariseReview } from '../../../native-models/report/summariseReview.ts';
import { undecidedAtSignOffText } from '../../../native-models/report/undecidedAtSignOffText.ts';
import { writeReportPdf } from '../../../native-models/report/writeReportPdf.ts';
import { buildAnalysisFixture, reviewOf, type EntryFields } from '../../helpers/analysisFixture.ts';
import { checkReportPdf } from '../../helpers/checkReportPdf.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/report');
const FIXED = { timeZone: 'UTC', generatedAt: new Date('2025-03-15T12:00:00Z') };
const FLEXION = "Arm flexion — model: absent in every segment; measured: patient's right, onset 0:20, 6.0 s, 62°";
const FIGURE4 = 'Figure-4 sign — model: present from 1:24; measured: no interval';

let root: string;
let base: AnalysisResult;
before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-review-block-'));
  // The focal analysis with measured signs: figure 4 present for the model and not measured, arm flexion measured where the model found none.
  base = await buildAnalysisFixture(root, { decisions: false, measuredSigns: focalMeasuredSigns() });
  base.measurementAgreement = compareMeasuredSigns(base.findings, base.measuredSigns!, base.segments);
});
after(async () => { await rm(root, { recursive: true, force: true }); });

const reviewed = (entries: EntryFields[]): AnalysisResult => ({ ...base, review: reviewOf(base.recording.sha256, entries) });

describe('the review block and undecided disagreements', () => {
  test('the words: the headline with the count, one line per disagreement, what was decided after the sign-off', () => {
    const text = undecidedAtSignOffText(summariseReview(reviewed([{ kind: 'signoff' }, { kind: 'decision', featureId: 'figure4', decision: 'rejected' }])).disagreements.signOff);
    assert.equal(text, ['Signed off with 2 model/measurement disagreements undecided:', `• ${FLEXION}`, `• ${FIGURE4}`, 'Decided after the sign-off: Figure-4 sign.'].join('\n'));
    const one = undecidedAtSignOffText(summariseReview(reviewed([{ kind: 'decision', featureId: 'figure4', decision: 'confirmed' }, { kind: 'signoff' }])).disagreements.signOff);
    assert.equal(one, `Signed off with 1 model/measurement disagreement undecided:\n• ${FLEXION}`);
    assert.equal(undecidedAtSignOffText(summariseReview(reviewed([{ kind: 'decision', featureId: 'arm_flexion', decision: 'rejected' }])).disagreements.signOff), '', 'never signed off');
  });

  test('a sign-off with disagreements undecided: a warning row on page 1 under "Signed off", drawn in the PDF', async () => {
    const a = reviewed([{ kind: 'decision', featureId: 'clonic', decision: 'confirmed' }, { kind: 'signoff' }]);
    const rows = reviewBlockRows(summariseReview(a));
    const warn = rows.find((r) => r[2] === 'warn');
    assert.deepEqual(rows.map((r) => r[0]), ['Reviewer', 'Signed off', 'Undecided at sign-off', 'Decisions']);
    assert.ok(warn && warn[1].startsWith('⚠ Signed off with 2 model/measurement disagreements undecided:'), String(warn));
    const pdf = path.join(root, 'undecided.pdf');
    await writeReportPdf(a, pdf, { ...FIXED, baseDir: root });
    const report = await checkReportPdf(pdf, a, { renderDir: path.join(ARTIFACTS, 'review-block-undecided'), dpi: 90 });
    const page1 = report.pageTexts[0]!;
    const block = page1.slice(page1.indexOf('Clinician review: Review complete'), page1.indexOf('Sequence of signs'));
    // pdftotext reads the key column first, then the values.
    assert.ok(/Signed off Undecided at sign-?off Decisions/.test(block), block);
    assert.ok(block.includes(`(UTC+01:00) ⚠ Signed off with 2 model/measurement disagreements undecided: • ${FLEXION} • ${FIGURE4} 1 confirmed`), block);
  });

  test('amended: the decision made after the sign-off is named; decided before it, or never signed off: no such row', async () => {
    const amended = reviewed([{ kind: 'signoff' }, { kind: 'decision', featureId: 'arm_flexion', decision: 'rejected' }]);
    const pdf = path.join(root, 'amended.pdf');
    await writeReportPdf(amended, pdf, { ...FIXED, baseDir: root });
    const block = (await checkReportPdf(pdf, amended, { renderDir: path.join(ARTIFACTS, 'review-block-amended'), dpi: 90 })).pageTexts[0]!;
    assert.ok(block.includes(`Signed off with 2 model/measurement disagreements undecided: • ${FLEXION} • ${FIGURE4} Decided after the sign-off: Arm flexion.`), block);
    assert.ok(block.includes('Clinician review: Amended after sign-off'));

    for (const entries of [
      [{ kind: 'decision', featureId: 'arm_flexion', decision: 'rejected' }, { kind: 'decision', featureId: 'figure4', decision: 'uncertain' }, { kind: 'signoff' }],
      [{ kind: 'decision', featureId: 'arm_flexion', decision: 'rejected' }],
    ] as EntryFields[][]) {
      const a = reviewed(entries);
      assert.ok(!reviewBlockRows(summariseReview(a)).some((r) => r[0] === 'Undecided at sign-off'), JSON.stringify(entries));
      const p = path.join(root, 'clean.pdf');
      await writeReportPdf(a, p, { ...FIXED, baseDir: root });
      assert.ok(!(await checkReportPdf(p, a)).flatText.includes('undecided:'), JSON.stringify(entries));
    }
  });
});
