/**
 * annotation.csv: the published annotation layout (its 25 columns in its order), one row, clinician status as
 * yes / no / empty; read back by the evaluation's own importer as labels (the file the round trip relies on).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { foldReview } from '../../../native-models/contract/clinicianReview.ts';
import { importAnnotationCsv } from '../../../native-models/evaluation/importAnnotationCsv.ts';
import { recordingKey } from '../../../native-models/evaluation/recordingKey.ts';
import { ANNOTATION_COLUMNS, annotationLayoutCsv, minutesSeconds } from '../../../native-models/export/annotationLayoutCsv.ts';
import { FEATURE_IDS } from '../../../native-models/semiology/featureCatalogue.ts';
import { EXPECTED_STATUS, FILE_NAME, reviewedFixture } from './reviewedFixture.ts';

let dir: string;
let analysis: AnalysisResult;
before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'semioscope-annotation-')); analysis = await reviewedFixture(dir); });
after(() => rm(dir, { recursive: true, force: true }));

test('the header is the published one: file_name, gender, the 20 features, start_time, end_time, label', () => {
  const text = annotationLayoutCsv(analysis);
  assert.equal(text.split('\n')[0], 'file_name,gender,occur_during_sleep,blank_stare,ictal_vocalization,close_eyes,eye_blinking,tonic,clonic,arm_flexion,' +
    'arm_straightening,figure4,oral_automatisms,limb_automatisms,face_pulling,face_twitching,head_turning,asynchronous_movement,pelvic_thrusting,' +
    'verbal_responsiveness,start_time,end_time,label,full_body_shaking,arms_move_simultaneously');
  assert.deepEqual([...ANNOTATION_COLUMNS].filter((c) => (FEATURE_IDS as readonly string[]).includes(c)).sort(), [...FEATURE_IDS].sort(), 'every catalogue feature once');
  assert.ok(!text.startsWith('\uFEFF') && !text.includes('\r'), 'like the published file: no BOM, LF');
});

test("the evaluation reads it as labels: yes/no from the clinician's status, empty where uncertain or undecided", () => {
  const table = importAnnotationCsv(annotationLayoutCsv(analysis), 'annotation.csv', 'labels');
  assert.deepEqual(table.warnings, []);
  assert.equal(table.records.length, 1);
  const rec = table.records[0]!;
  assert.equal(rec.fileName, FILE_NAME, 'the Japanese file name, exact');
  assert.equal(rec.key, recordingKey(analysis.recording.fileName), 'matches the analysis');
  for (const id of FEATURE_IDS) {
    const s = EXPECTED_STATUS[id];
    assert.equal(rec.values.get(id), s === 'present' ? 'yes' : s === 'absent' ? 'no' : null, id);
  }
});

test('start and end span the intervals the clinician holds present; gender and label stay empty', () => {
  const cells = annotationLayoutCsv(analysis).split('\n')[1]!.split(',');
  const at = (c: string) => cells[ANNOTATION_COLUMNS.indexOf(c as (typeof ANNOTATION_COLUMNS)[number])];
  // Present: blank_stare 12.5-40 (clinician), arm_flexion 70-95.25, clonic 91 (clinician) to 105 (the end of its
  // positive segment 75-105 that holds 91); close_eyes has no times from anyone and does not count.
  assert.deepEqual([at('start_time'), at('end_time'), at('gender'), at('label')], ['0:12', '1:45', '', '']);
  const onlyUntimed = { ...analysis, review: foldReview(analysis.review!.entries.filter((e) => e.featureId === 'close_eyes')) };
  const untimed = annotationLayoutCsv(onlyUntimed).split('\n')[1]!.split(',');
  assert.deepEqual([untimed[ANNOTATION_COLUMNS.indexOf('start_time')], untimed[ANNOTATION_COLUMNS.indexOf('end_time')]], ['', '']);
  assert.equal(minutesSeconds(12.5, Math.floor), '0:12');
  assert.equal(minutesSeconds(75.4), '1:15');
  assert.equal(minutesSeconds(3725), '62:05', 'minutes are not capped');
});

test('an unreviewed analysis: one row with no label at all', () => {
  const text = annotationLayoutCsv({ ...analysis, review: foldReview([]) });
  const rec = importAnnotationCsv(text, 'a.csv', 'labels').records[0]!;
  assert.ok([...rec.values.values()].every((v) => v === null));
});
