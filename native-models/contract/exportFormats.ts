/**
 * The exports of a reviewed analysis, named once for the CLI (`semioscope export --format`), the review API
 * (`review:export`) and the review screen's export buttons: what each writes and its file name in the
 * analysis folder.
 */
export const EXPORT_FORMATS = ['json', 'csv', 'audit', 'eaf', 'annotation', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_DESCRIPTIONS: Readonly<Record<ExportFormat, { fileName: string; label: string }>> = {
  json: { fileName: 'analysis.reviewed.json', label: 'analysis.json with the review (schemaVersion 2)' },
  csv: { fileName: 'findings.csv', label: 'Findings CSV: one row per feature, model status and clinician decision' },
  audit: { fileName: 'audit-trail.csv', label: 'Audit trail CSV: every review entry, oldest first' },
  eaf: { fileName: 'review.eaf', label: 'ELAN 3.0 annotation file: model segments and clinician intervals per feature' },
  annotation: { fileName: 'annotation.csv', label: 'Expert-annotation layout (clinician decisions as labels for `semioscope evaluate`)' },
  pdf: { fileName: 'report.pdf', label: 'PDF semiology report with the review' },
};
