/** latestDecisions: each feature's standing clinician decision, from the review folded into analysis.json. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestDecisions, rejectedFeatureIds } from '../../../native-models/report/latestDecisions.ts';
import { foldReview, type ReviewEntry } from '../../../native-models/contract/clinicianReview.ts';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';

const entry = (id: number, featureId: ReviewEntry['featureId'], decision: ReviewEntry['decision'], replaces: number | null = null): ReviewEntry => ({
  id, recordingSha256: 'a'.repeat(64), analysisId: 1, kind: 'decision', featureId, decision, onsetS: null, offsetS: null, side: null, comment: '', reviewer: 'R', atIso: '2025-01-01T10:00:00+01:00', replaces,
});

test("the latest entry per feature stands; a feature whose decision was undone has none", () => {
  const review = foldReview([entry(1, 'tonic', 'confirmed'), entry(2, 'clonic', 'confirmed'), entry(3, 'tonic', 'rejected', 1), entry(4, 'clonic', null, 2)]);
  const d = latestDecisions({ review } as unknown as AnalysisResult);
  assert.equal(d.get('tonic')?.decision, 'rejected');
  assert.equal(d.has('clonic'), false);
  assert.deepEqual([...rejectedFeatureIds({ review } as unknown as AnalysisResult)], ['tonic']);
  assert.equal(latestDecisions({} as AnalysisResult).size, 0, 'no review, no decisions');
});
