/**
 * findings.csv: one row per catalogue feature, what the model found next to what the clinician decided, for a
 * records department or a spreadsheet (UTF-8 with BOM, CRLF: see spreadsheetCsv.ts). Features the analysis did
 * not ask about are listed too, as `not_asked`, so every export has the same 20 rows in catalogue order.
 * Segment windows read `25–55` (an en dash: Excel turns `5-30` into the date 30 May; it leaves this as text).
 */
import type { AnalysisResult, Finding } from '../contract/analysisSchema.ts';
import { clinicianStatus } from '../contract/clinicianReview.ts';
import { FEATURES } from '../semiology/featureCatalogue.ts';
import { secondsCell, spreadsheetCsv } from './spreadsheetCsv.ts';

export const FINDINGS_COLUMNS = [
  'feature_id', 'feature', 'model_status', 'model_variant', 'model_onset_s', 'positive_segments', 'positive_windows_s',
  'clinician_decision', 'clinician_status', 'clinician_onset_s', 'clinician_offset_s', 'side', 'comment', 'reviewer', 'decided_at',
] as const;

export function findingsCsv(analysis: AnalysisResult): string {
  const decisions = new Map((analysis.review?.current ?? []).map((e) => [e.featureId, e]));
  const findings = new Map<string, Finding>(analysis.findings.map((f) => [f.featureId, f]));
  const rows = FEATURES.map((def) => {
    const f = findings.get(def.id);
    const d = decisions.get(def.id);
    const windows = (f?.positiveSegments ?? []).map((i) => analysis.segments.find((s) => s.index === i))
      .map((s) => (s ? `${secondsCell(s.startS)}\u2013${secondsCell(s.endS)}` : '?'));
    return [
      def.id, def.label, f?.status ?? 'not_asked', f?.variant ?? '', secondsCell(f?.onsetS), (f?.positiveSegments ?? []).join(' '), windows.join(' '),
      d?.decision ?? '', d ? clinicianStatus(f?.status ?? 'not_assessed', d.decision) ?? '' : '', secondsCell(d?.onsetS), secondsCell(d?.offsetS),
      d?.side ?? '', d?.comment ?? '', d?.reviewer ?? '', d?.atIso ?? '',
    ];
  });
  return spreadsheetCsv([FINDINGS_COLUMNS, ...rows]);
}
