/** audit-trail.csv: every log entry oldest first, undo and sign-off included, with what each replaces; non-ASCII exact. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { foldReview } from '../../../native-models/contract/clinicianReview.ts';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { AUDIT_COLUMNS, auditTrailCsv } from '../../../native-models/export/auditTrailCsv.ts';
import { ADDED_COMMENT, reviewEntries, reviewedFixture } from './reviewedFixture.ts';

let dir: string;
let analysis: AnalysisResult;
before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'semioscope-audit-')); analysis = await reviewedFixture(dir); });
after(() => rm(dir, { recursive: true, force: true }));

test('one row per entry, oldest first, whatever order the log came in', () => {
  const shuffled = { ...analysis, review: { ...analysis.review!, entries: [...analysis.review!.entries].reverse() } };
  const t = parseCsv(auditTrailCsv(shuffled), 'audit-trail.csv');
  assert.equal(t.hadBom, true);
  assert.deepEqual(t.header, [...AUDIT_COLUMNS]);
  const rows = t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i]!])));
  assert.deepEqual(rows.map((r) => r.entry_id), reviewEntries(analysis.recording.sha256).map((e) => String(e.id)));
  const undo = rows.find((r) => r.kind === 'undo')!;
  assert.deepEqual([undo.feature_id, undo.replaces, undo.decision], ['oral_automatisms', '6', '']);
  const signoff = rows.find((r) => r.kind === 'signoff')!;
  assert.deepEqual([signoff.feature_id, signoff.feature, signoff.decision, signoff.at], ['', '', '', '2025-03-15T09:10:00.000+01:00']);
  const added = rows.find((r) => r.entry_id === '4')!;
  assert.deepEqual([added.feature, added.onset_s, added.offset_s, added.side, added.comment, added.reviewer, added.analysis_id, added.recording_sha256],
    ['Arm flexion', '70', '95.25', 'left', ADDED_COMMENT, 'Dr 李', '7', analysis.recording.sha256]);
});

test('an unreviewed analysis has the header only', () => {
  const t = parseCsv(auditTrailCsv({ ...analysis, review: foldReview([]) }), 'audit-trail.csv');
  assert.equal(t.rows.length, 0);
  assert.equal(t.header.length, AUDIT_COLUMNS.length);
});
