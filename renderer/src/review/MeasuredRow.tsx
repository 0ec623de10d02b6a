/**
 * A lane's second row: the signals layer's measured intervals (striped, with a tooltip, the patient's side
 * after each), the spans masked while another person overlapped the patient, or why it could not measure the feature.
 */
import { intervalTitle, notMeasurableText, type MeasuredLaneRow } from './measuredEvidence.ts';
import './measured.css';

export interface MaskedSpan { startS: number; endS: number }

/** The patient's side, after each interval (the tooltip spells it out). */
const SIDE_MARK = { left: 'L', right: 'R', bilateral: 'L+R' } as const;

export function MeasuredRow({ featureId, label, row, masked = [], pct }: { featureId: string; label: string; row: MeasuredLaneRow; masked?: readonly MaskedSpan[]; pct: (t: number) => string }) {
  if (row.notMeasurable !== null) {
    return <span className="not-measurable-row" data-testid={`not-measurable-${featureId}`} title={notMeasurableText(row.notMeasurable)}>{notMeasurableText(row.notMeasurable)}</span>;
  }
  const shaded = masked.map((m, i) => (
    <span key={`masked-${i}`} className="measured-masked" data-testid={`masked-${featureId}`} data-start-s={m.startS} data-end-s={m.endS}
      style={{ left: pct(m.startS), width: pct(Math.max(0, m.endS - m.startS)) }}
      title={`Masked, not measured: another person overlapped the patient, ${m.startS.toFixed(1)}-${m.endS.toFixed(1)} s`} />
  ));
  if (!row.intervals.length) return <>{shaded}<span className="measured-none-row" title={`${label}: nothing measured from the pose`}>nothing measured</span></>;
  return (
    <>
      {shaded}
      {row.intervals.map((iv, i) => (
        <span key={i} className={`measured-interval side-${iv.side ?? 'none'}`} data-testid={`measured-${featureId}`}
          data-start-s={iv.startS} data-end-s={iv.endS} data-side={iv.side ?? ''} data-confidence={iv.confidence}
          style={{ left: pct(iv.startS), width: pct(Math.max(0, iv.endS - iv.startS)) }} title={intervalTitle(label, iv)} />
      ))}
      {row.intervals.filter((iv) => iv.side).map((iv, i) => (
        <span key={`side-${i}`} className="measured-side" aria-hidden="true" style={{ left: `calc(${pct(iv.endS)} + 3px)` }}>{SIDE_MARK[iv.side!]}</span>
      ))}
    </>
  );
}
