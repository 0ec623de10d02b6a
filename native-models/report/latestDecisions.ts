import type { AnalysisResult, ClinicianDecision } from '../contract/analysisSchema.ts';

/** The latest clinician decision per feature id (a later decision on the same feature replaces an earlier one). */
export function latestDecisions(analysis: AnalysisResult): Map<string, ClinicianDecision> {
  const out = new Map<string, ClinicianDecision>();
  for (const d of analysis.decisions ?? []) {
    const prev = out.get(d.featureId);
    if (!prev || prev.atIso <= d.atIso) out.set(d.featureId, d);
  }
  return out;
}

/** Feature ids whose latest clinician decision is a rejection. */
export function rejectedFeatureIds(analysis: AnalysisResult): Set<string> {
  return new Set([...latestDecisions(analysis).values()].filter((d) => d.decision === 'rejected').map((d) => d.featureId));
}
