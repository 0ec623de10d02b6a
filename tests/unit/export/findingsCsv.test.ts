/** findings.csv: one row per catalogue feature, model status beside the clinician's decision and status; non-ASCII exact. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { FINDINGS_COLUMNS, findingsCsv } from '../../../native-models/export/findingsCsv.ts';
import { FEATURE_IDS } from '../../../native-models/semiology/featureCatalogue.ts';
import { ADDED_COMMENT, EXPECTED_STATUS, REVIEWER_2, reviewedFixture } from './reviewedFixture.ts';

let dir: string;
let analysis: AnalysisResult;
before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'semioscope-findings-')); analysis = await reviewedFixture(dir); });
after(() => rm(dir, { recursive: true, force: true }));

const rowsOf = (text: string) => {
  const t = parseCsv(text, 'findings.csv');
  return { header: t.header, hadBom: t.hadBom, rows: new Map(t.rows.map((r) => [r.cells[0]!, Object.fromEntries(t.header.map((h, i) => [h, r.cells[i]!]))])) };
};

test('20 rows in catalogue order with the header; BOM for Excel', () => {
  const text = findingsCsv(analysis);
  const t = parseCsv(text, 'findings.csv');
  assert.equal(t.hadBom, true);
  assert.deepEqual(t.header, [...FINDINGS_COLUMNS]);
  assert.deepEqual(t.rows.map((r) => r.cells[0]), [...FEATURE_IDS]);
});

test("model status and the clinician's status per decision, as the contract folds them", () => {
  const { rows } = rowsOf(findingsCsv(analysis));
  for (const id of FEATURE_IDS) assert.equal(rows.get(id)!.clinician_status, EXPECTED_STATUS[id] ?? '', id);
  const blank = rows.get('blank_stare')!;
  assert.deepEqual([blank.model_status, blank.model_variant, blank.model_onset_s, blank.positive_segments, blank.positive_windows_s],
    ['present', 'crop', '12', '0 1', '0\u201330 25\u201355']);
  assert.deepEqual([blank.clinician_decision, blank.clinician_onset_s, blank.clinician_offset_s, blank.comment], ['confirmed', '12.5', '40', 'Blick starr — 凝視']);
  const arm = rows.get('arm_flexion')!;
  assert.deepEqual([arm.model_status, arm.clinician_decision, arm.side, arm.comment, arm.reviewer, arm.decided_at],
    ['absent', 'added', 'left', ADDED_COMMENT, REVIEWER_2, '2025-03-15T09:04:00.000+01:00']);
  assert.equal(rows.get('oral_automatisms')!.clinician_decision, '', 'undone back to no decision');
  assert.equal(rows.get('eye_blinking')!.model_status, 'failed');
  assert.equal(rows.get('verbal_responsiveness')!.model_status, 'not_assessed');
});

test('a feature the analysis did not ask about is listed as not_asked', () => {
  const text = findingsCsv({ ...analysis, findings: analysis.findings.filter((f) => f.featureId !== 'tonic') });
  assert.equal(rowsOf(text).rows.get('tonic')!.model_status, 'not_asked');
  assert.equal(rowsOf(text).rows.get('tonic')!.clinician_status, 'uncertain');
});
