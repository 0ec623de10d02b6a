/**
 * audit-trail.csv: every entry of the clinician's review log, oldest first, as stored (nothing folded or left
 * out: undos and sign-offs are rows too, each naming the entry it replaces), with the analysis and the
 * recording's SHA-256 on every row so a row keeps its meaning when copied out of the file. Times are the local
 * time the reviewer saw, with its UTC offset. UTF-8 with BOM, CRLF (spreadsheetCsv.ts).
 */
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { getFeature } from '../semiology/featureCatalogue.ts';
import { secondsCell, spreadsheetCsv } from './spreadsheetCsv.ts';

export const AUDIT_COLUMNS = [
  'entry_id', 'replaces', 'kind', 'feature_id', 'feature', 'decision', 'onset_s', 'offset_s', 'side', 'comment', 'reviewer', 'at',
  'analysis_id', 'recording_sha256',
] as const;

export function auditTrailCsv(analysis: AnalysisResult): string {
  const entries = [...(analysis.review?.entries ?? [])].sort((a, b) => a.id - b.id);
  return spreadsheetCsv([AUDIT_COLUMNS, ...entries.map((e) => [
    e.id, e.replaces, e.kind, e.featureId ?? '', e.featureId ? getFeature(e.featureId).label : '', e.decision ?? '',
    secondsCell(e.onsetS), secondsCell(e.offsetS), e.side ?? '', e.comment, e.reviewer, e.atIso, e.analysisId, e.recordingSha256,
  ])]);
}
