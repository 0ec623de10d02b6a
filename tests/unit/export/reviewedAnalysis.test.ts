/** reviewedAnalysis: the analysis with its review, checked by the contract; an empty review when none; a foreign review refused. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { foldReview } from '../../../native-models/contract/clinicianReview.ts';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { InputError } from '../../../native-models/errors.ts';
import { reviewedAnalysis, reviewedAnalysisJson } from '../../../native-models/export/reviewedAnalysis.ts';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';
import { ADDED_COMMENT, reviewEntries, reviewedFixture } from './reviewedFixture.ts';

let dir: string;
let analysis: AnalysisResult;
before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'semioscope-reviewed-')); analysis = await reviewedFixture(dir); });
after(() => rm(dir, { recursive: true, force: true }));

test('analysis.reviewed.json reads back as schemaVersion 2 with the same review; non-ASCII written as itself', () => {
  const text = reviewedAnalysisJson(analysis);
  const back = parseAnalysisJson(text, 'analysis.reviewed.json');
  assert.equal(back.schemaVersion, 2);
  assert.deepEqual(back.review, analysis.review);
  assert.ok(text.includes('左腕の屈曲') && text.includes(JSON.stringify(ADDED_COMMENT)), 'UTF-8, not \\u escapes');
});

test('an analysis without a review exports an empty one', () => {
  const { review: _drop, ...bare } = analysis;
  void _drop;
  assert.deepEqual(reviewedAnalysis(bare).review, { entries: [], current: [], signOff: null, amendedAfterSignOff: false });
});

test("another recording's review is refused; a broken analysis names its field", () => {
  const foreign = foldReview(reviewEntries('b'.repeat(64)));
  assert.throws(() => reviewedAnalysis({ ...analysis, review: foreign }), (e) => e instanceof InputError && /review entry 1 is about another recording/.test(e.message));
  assert.throws(() => reviewedAnalysis({ ...analysis, recording: { ...analysis.recording, durationS: -1 } }),
    (e) => e instanceof InputError && /^Cannot export: analysis: recording\.durationS/.test(e.message));
});

test('analysis.reviewed.json says which model/measurement disagreements the sign-off left undecided, and which are open now', () => {
  // The focal measured signs: figure 4 present for the model and not measured, arm flexion measured where the model
  // found none. The fixture's review adds arm flexion (entry 4) and never decides figure 4; it signs off at entry 10.
  const measured = { ...analysis, measuredSigns: focalMeasuredSigns() };
  measured.measurementAgreement = compareMeasuredSigns(measured.findings, measured.measuredSigns, measured.segments);
  const back = parseAnalysisJson(reviewedAnalysisJson(measured), 'analysis.reviewed.json');
  const d = back.reviewDisagreements!;
  assert.deepEqual(d.undecided.map((u) => [u.featureId, u.model, u.measured.length]), [['figure4', 'present', 0]]);
  assert.equal(d.signOff?.entryId, 10);
  assert.deepEqual(d.signOff?.undecided.map((u) => u.featureId), ['figure4']);
  assert.deepEqual(d.signOff?.decidedSince, []);
  assert.equal(d.undecided[0]!.note, measured.measurementAgreement.find((e) => e.featureId === 'figure4')!.note);
  // Without measured signs there is nothing to disagree with.
  assert.deepEqual(reviewedAnalysis(analysis).reviewDisagreements, { undecided: [], signOff: { entryId: 10, atIso: '2025-03-15T09:10:00.000+01:00', reviewer: 'Dr Émile Noël', undecided: [], decidedSince: [] } });
});
