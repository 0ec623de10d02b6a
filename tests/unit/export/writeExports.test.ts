/**
 * writeExports: each format under its contract file name, in the order asked, each once; the analysis checked
 * before any file is written; cancellation and an unknown format refused with the engine's errors. The PDF is
 * the real report (report/writeReportPdf.ts), checked for its header only: its layout has its own tests.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { foldReview } from '../../../native-models/contract/clinicianReview.ts';
import { EXPORT_DESCRIPTIONS, EXPORT_FORMATS } from '../../../native-models/contract/exportFormats.ts';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { CancelledError, InputError, UsageError } from '../../../native-models/errors.ts';
import { writeExports } from '../../../native-models/export/writeExports.ts';
import { reviewEntries, reviewedFixture } from './reviewedFixture.ts';

let dir: string;
let analysis: AnalysisResult;
before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'semioscope-exports-')); analysis = await reviewedFixture(dir); });
after(() => rm(dir, { recursive: true, force: true }));

test('every format, under its contract name, in the order asked', async () => {
  const formats = ['pdf', 'eaf', 'json', 'csv', 'audit', 'annotation', 'eaf'] as const;
  const written = await writeExports(analysis, dir, formats, { generatedAt: new Date('2025-03-16T08:00:00Z'), reportOptions: { timeZone: 'UTC' } });
  assert.deepEqual(written.map((w) => w.format), ['pdf', 'eaf', 'json', 'csv', 'audit', 'annotation']);
  for (const w of written) assert.equal(w.path, path.join(dir, EXPORT_DESCRIPTIONS[w.format].fileName));
  const names = await readdir(dir);
  for (const f of EXPORT_FORMATS) assert.ok(names.includes(EXPORT_DESCRIPTIONS[f].fileName), f);
  assert.ok(!names.some((n) => n.endsWith('.tmp')), 'no temporary file left');
  assert.equal((await readFile(path.join(dir, 'report.pdf'))).subarray(0, 5).toString(), '%PDF-');
  const json = parseAnalysisJson(await readFile(path.join(dir, 'analysis.reviewed.json'), 'utf8'), 'analysis.reviewed.json');
  assert.deepEqual(json.review, analysis.review);
  assert.match(await readFile(path.join(dir, 'review.eaf'), 'utf8'), /DATE="\d{4}-\d\d-\d\dT/);
});

test('nothing is written when the review is not of this recording, or the work is cancelled', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'semioscope-exports-none-'));
  try {
    await assert.rejects(writeExports({ ...analysis, review: foldReview(reviewEntries('c'.repeat(64))) }, empty, ['csv']), InputError);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(writeExports(analysis, empty, ['csv', 'json'], { signal: controller.signal }), CancelledError);
    assert.deepEqual(await readdir(empty), []);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

test('an unknown or empty format list is a usage error', async () => {
  await assert.rejects(writeExports(analysis, dir, ['docx' as never]), (e) => e instanceof UsageError && /Unknown export format "docx"/.test(e.message));
  await assert.rejects(writeExports(analysis, dir, []), UsageError);
});
