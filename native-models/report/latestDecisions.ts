/** The clinician's standing decision per feature id, from the review carried in analysis.json (contract/clinicianReview.ts folds it). */
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import type { ReviewEntry } from '../contract/clinicianReview.ts';

export function latestDecisions(analysis: AnalysisResult): Map<string, ReviewEntry> {
  return new Map((analysis.review?.current ?? []).map((e) => [e.featureId as string, e]));
}

/** Feature ids whose standing clinician decision is a rejection. */
export function rejectedFeatureIds(analysis: AnalysisResult): Set<string> {
  return new Set([...latestDecisions(analysis).values()].filter((d) => d.decision === 'rejected').map((d) => d.featureId as string));
}
