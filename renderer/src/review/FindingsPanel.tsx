/**
 * The findings: each feature's status, the variant it was asked with, the model's justifications and its onset
 * (a button that seeks); under each, the clinician's decision (DecisionControls) and its history. Signs only
 * the clinician found are listed too, and can be added here. The finding holding the focus (or last clicked)
 * is the selected one, whose onset and offset `[` and `]` set.
 */
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import type { Catalogue } from '../catalogue.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { AddSign } from './AddSign.tsx';
import { DecisionControls } from './DecisionControls.tsx';
import { MeasuredEvidence } from './MeasuredEvidence.tsx';
import type { MeasuredLaneRow } from './measuredEvidence.ts';
import { ReviewerName } from './ReviewerName.tsx';
import { clinicianStatus, reviewedOnly, standingEntryOf } from './reviewLog.ts';
import type { ClinicianReview } from './useClinicianReview.ts';
import './decisions.css';

const STATUS_LABEL = { present: 'Present', absent: 'Absent', failed: 'Failed', not_assessed: 'Not assessed' } as const;
const CLINICIAN_LABEL = { present: 'present', absent: 'absent', uncertain: 'uncertain' } as const;

export function FindingsPanel({ analysis, catalogue, onSeek, review, measured = new Map() }: { analysis: AnalysisResult; catalogue: Catalogue; onSeek: (t: number) => void; review: ClinicianReview; measured?: ReadonlyMap<string, MeasuredLaneRow> }) {
  const label = new Map(catalogue.features.map((f) => [f.id as string, f.label]));
  const lateralizes = new Map(catalogue.features.map((f) => [f.id as string, f.lateralizes]));
  const order = new Map(catalogue.features.map((f, i) => [f.id as string, i]));
  const findings = [...analysis.findings].sort((a, b) => (a.status === 'present' ? 0 : 1) - (b.status === 'present' ? 0 : 1) || (order.get(a.featureId)! - order.get(b.featureId)!));
  const modelStatus = new Map(analysis.findings.map((f) => [f.featureId as string, STATUS_LABEL[f.status].toLowerCase()]));
  const clinicianOnly = reviewedOnly(review.state, new Set(modelStatus.keys()), catalogue.features.map((f) => f.id));
  const rows = [
    ...clinicianOnly.map((id) => ({ featureId: id, finding: null })),
    ...findings.map((f) => ({ featureId: f.featureId as string, finding: f })),
  ];
  return (
    <section className="findings" aria-label="Findings">
      <h2>Findings</h2>
      {analysis.model.demo && <p className="demo-warning">Demo model (random weights): these findings are meaningless.</p>}
      <ReviewerName review={review} />
      {review.loadProblem && <ErrorAlert error={review.loadProblem} />}
      <p className="note keys-note"><kbd>[</kbd> <kbd>]</kbd> set the selected finding&apos;s onset and offset to the frame shown.</p>
      <ErrorAlert error={review.problems.keys ?? null} />
      <AddSign review={review} catalogue={catalogue} modelStatus={modelStatus} />
      <ul>
        {rows.map(({ featureId, finding: f }) => {
          const standing = standingEntryOf(review.state, featureId);
          const held = clinicianStatus(f?.status ?? 'not_assessed', standing?.decision ?? null);
          const status = f?.status ?? 'not_assessed';
          return (
            <li key={featureId} data-testid={`finding-${featureId}`} data-decision={standing?.decision ?? ''}
              className={`finding status-${status}${review.selected === featureId ? ' selected' : ''}`}
              onFocus={() => review.select(featureId)} onPointerDown={() => review.select(featureId)}>
              <div className="finding-head">
                <span className={`badge pattern-${status === 'present' ? 'solid' : status === 'absent' ? 'hollow' : status === 'failed' ? 'crosshatch' : 'dotted'} status-${status}`} aria-hidden="true" />
                <strong>{label.get(featureId) ?? featureId}</strong>
                {f ? <span className="finding-status">{STATUS_LABEL[f.status]}</span> : <span className="finding-status">not asked of the model</span>}
                {f && <span className="finding-variant">variant: {f.variant}</span>}
                {f && f.onsetS !== null && <button type="button" className="onset" data-testid={`onset-${featureId}`} onClick={() => onSeek(f.onsetS!)}>onset {f.onsetS.toFixed(3)} s</button>}
                {held && <span className={`clinician-status held-${held}`} data-testid="clinician-status">Clinician: {CLINICIAN_LABEL[held]}</span>}
                {standing?.onsetS != null && <button type="button" className="onset" data-testid={`clinician-onset-${featureId}`} onClick={() => onSeek(standing.onsetS!)}>clinician onset {standing.onsetS.toFixed(3)} s</button>}
              </div>
              {f?.reason && <p className="reason">{f.reason}</p>}
              {f && f.justifications.length > 0 && <ul className="justifications">{f.justifications.map((j, i) => <li key={i}>{j}</li>)}</ul>}
              <MeasuredEvidence analysis={analysis} featureId={featureId} rows={measured} onSeek={onSeek} />
              <DecisionControls featureId={featureId} label={label.get(featureId) ?? featureId} lateralizes={lateralizes.get(featureId) ?? false} clinicianOnly={!f} review={review} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
