/** The findings: each feature's status, the variant it was asked with, the model's justifications and its onset (a button that seeks). */
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import type { Catalogue } from '../catalogue.ts';

const STATUS_LABEL = { present: 'Present', absent: 'Absent', failed: 'Failed', not_assessed: 'Not assessed' } as const;

export function FindingsPanel({ analysis, catalogue, onSeek }: { analysis: AnalysisResult; catalogue: Catalogue; onSeek: (t: number) => void }) {
  const label = new Map(catalogue.features.map((f) => [f.id as string, f.label]));
  const order = new Map(catalogue.features.map((f, i) => [f.id as string, i]));
  const findings = [...analysis.findings].sort((a, b) => (a.status === 'present' ? 0 : 1) - (b.status === 'present' ? 0 : 1) || (order.get(a.featureId)! - order.get(b.featureId)!));
  return (
    <section className="findings" aria-label="Findings">
      <h2>Findings</h2>
      {analysis.model.demo && <p className="demo-warning">Demo model (random weights): these findings are meaningless.</p>}
      <ul>
        {findings.map((f) => (
          <li key={f.featureId} data-testid={`finding-${f.featureId}`} className={`finding status-${f.status}`}>
            <div className="finding-head">
              <span className={`badge pattern-${f.status === 'present' ? 'solid' : f.status === 'absent' ? 'hollow' : f.status === 'failed' ? 'crosshatch' : 'dotted'} status-${f.status}`} aria-hidden="true" />
              <strong>{label.get(f.featureId) ?? f.featureId}</strong>
              <span className="finding-status">{STATUS_LABEL[f.status]}</span>
              <span className="finding-variant">variant: {f.variant}</span>
              {f.onsetS !== null && <button type="button" className="onset" data-testid={`onset-${f.featureId}`} onClick={() => onSeek(f.onsetS!)}>onset {f.onsetS.toFixed(3)} s</button>}
            </div>
            {f.reason && <p className="reason">{f.reason}</p>}
            {f.justifications.length > 0 && <ul className="justifications">{f.justifications.map((j, i) => <li key={i}>{j}</li>)}</ul>}
          </li>
        ))}
      </ul>
    </section>
  );
}
