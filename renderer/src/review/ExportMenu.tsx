/**
 * The review's exports from the review screen (`review:export`): the PDF report with the review, the
 * findings and audit-trail CSVs, the ELAN file, the annotation-layout CSV and analysis.json with the review,
 * written into the analysis's folder; the screen lists what was written and where. Each export carries the
 * decisions as recorded at that moment.
 */
import { useState } from 'react';
import type { ApiOutputs } from '../../../native-models/contract/reviewApi.ts';
import type { ExportFormat } from '../../../native-models/contract/exportFormats.ts';
import { api } from '../semioscopeApi.ts';
import { errorText, type ShownError } from '../errorText.ts';

/** The formats in the order the menu offers them, with their words (the engine names the files). */
export const EXPORT_CHOICES: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'pdf', label: 'PDF report' },
  { format: 'csv', label: 'Findings CSV' },
  { format: 'audit', label: 'Audit trail CSV' },
  { format: 'eaf', label: 'ELAN (.eaf)' },
  { format: 'annotation', label: 'Annotation CSV (for evaluate)' },
  { format: 'json', label: 'analysis.json with the review' },
];

/** The folder the files went to, from their paths (all in one folder). */
export function exportFolder(files: ApiOutputs['review:export']['files']): string {
  const p = files[0]?.path ?? '';
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return cut > 0 ? p.slice(0, cut) : p;
}

export function ExportMenu({ analysisId }: { analysisId: number | null }) {
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<ApiOutputs['review:export']['files'] | null>(null);
  const [problem, setProblem] = useState<ShownError | null>(null);
  if (analysisId === null) return null;
  const run = async (formats: ExportFormat[]) => {
    setBusy(true);
    setProblem(null);
    try {
      setWritten((await api()['review:export']({ analysisId, formats })).files);
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="export-menu" data-testid="export-menu">
      <summary>Export</summary>
      <div className="export-panel">
        <button type="button" data-testid="export-all" disabled={busy} onClick={() => void run(EXPORT_CHOICES.map((c) => c.format))}>Export all</button>
        {EXPORT_CHOICES.map((c) => (
          <button type="button" key={c.format} data-testid={`export-${c.format}`} disabled={busy} onClick={() => void run([c.format])}>{c.label}</button>
        ))}
        {busy && <p className="note" aria-live="polite">Writing…</p>}
        {written && (
          <div data-testid="export-result" aria-live="polite">
            <p>Written to {exportFolder(written)}:</p>
            <ul>{written.map((f) => <li key={f.format} data-format={f.format}>{f.name}</li>)}</ul>
          </div>
        )}
        {problem && <p role="alert" className="error">{problem.message}{problem.hint ? ` ${problem.hint}` : ''}</p>}
      </div>
    </details>
  );
}
