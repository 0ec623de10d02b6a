/**
 * Under a finding: what the signals layer measured for that feature (the patient's side, onset, duration,
 * frequency, evidence strength; each onset seeks) and whether it agrees with the model. A disagreement is
 * flagged for review (the lane's flag moves the focus here); the model's finding itself is shown unchanged above it.
 */
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { DISAGREE_TEXT, disagreeNoteId, findingAgreement, intervalParts, type MeasuredLaneRow } from './measuredEvidence.ts';
import './measured.css';

export function MeasuredEvidence({ analysis, featureId, rows, onSeek }: { analysis: AnalysisResult; featureId: string; rows: ReadonlyMap<string, MeasuredLaneRow>; onSeek: (t: number) => void }) {
  const row = rows.get(featureId);
  const agreement = findingAgreement(analysis, featureId, rows);
  if (!row && !agreement) return null;
  if (row?.notMeasurable != null || agreement?.agreement === 'not_measurable') {
    return <p className="measured-evidence not-measurable" data-testid={`measured-evidence-${featureId}`} data-agreement="not_measurable">
      Measurement: {agreement?.text ?? row?.notMeasurable}</p>;
  }
  return (
    <div className="measured-evidence" data-testid={`measured-evidence-${featureId}`} data-agreement={agreement?.agreement ?? ''}>
      {row && row.intervals.length > 0
        ? <ul className="measured-list">{row.intervals.map((iv, i) => (
            <li key={i}><span className="measured-swatch" aria-hidden="true" />Measured: {intervalParts(iv).map((p, k) => (
              <span key={k}>{k > 0 ? ' · ' : ''}{k === 1 ? <button type="button" className="onset" onClick={() => onSeek(iv.startS)}>{p}</button> : p}</span>))}</li>))}</ul>
        : <p className="measured-none">Measured from the pose: no interval.</p>}
      {agreement?.agreement === 'disagree' && <p className="measured-disagree" role="status" id={disagreeNoteId(featureId)} tabIndex={-1} data-testid={`disagree-${featureId}`}><strong>⚠ {DISAGREE_TEXT}.</strong> {agreement.text}</p>}
      {agreement && agreement.agreement !== 'disagree' && <p className={`measured-agreement agreement-${agreement.agreement}`}>{agreement.text}</p>}
    </div>
  );
}
