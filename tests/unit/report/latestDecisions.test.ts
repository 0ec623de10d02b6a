/** latestDecisions: the latest clinician decision per feature wins. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestDecisions } from '../../../native-models/report/latestDecisions.ts';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';

test('the latest clinician decision per feature wins', () => {
  const a = { decisions: [
    { featureId: 'tonic', decision: 'confirmed', atIso: '2025-01-01T10:00:00Z' },
    { featureId: 'tonic', decision: 'rejected', atIso: '2025-01-02T10:00:00Z' },
    { featureId: 'clonic', decision: 'confirmed', atIso: '2025-01-01T10:00:00Z' },
  ] } as unknown as AnalysisResult;
  const d = latestDecisions(a);
  assert.equal(d.get('tonic')?.decision, 'rejected');
  assert.equal(d.get('clonic')?.decision, 'confirmed');
});
