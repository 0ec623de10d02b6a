/** The onsets of the findings in time order, and the next / previous one from a time (the n / p keys). */
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';

export function findingOnsets(analysis: AnalysisResult): Array<{ featureId: string; tS: number }> {
  return analysis.findings.filter((f) => f.status === 'present' && f.onsetS !== null)
    .map((f) => ({ featureId: f.featureId as string, tS: f.onsetS as number })).sort((a, b) => a.tS - b.tS);
}

/** The first onset after `t` (by more than half a frame), or the last before it; null when none. */
export function adjacentOnset(onsets: ReadonlyArray<{ tS: number }>, t: number, dir: 1 | -1, eps = 0.02): number | null {
  if (dir === 1) return onsets.find((o) => o.tS > t + eps)?.tS ?? null;
  return [...onsets].reverse().find((o) => o.tS < t - eps)?.tS ?? null;
}
