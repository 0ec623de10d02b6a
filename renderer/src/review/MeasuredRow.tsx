/** A lane's second row: the signals layer's measured intervals (striped, with a tooltip), or why it could not measure the feature. */
import { intervalTitle, notMeasurableText, type MeasuredLaneRow } from './measuredEvidence.ts';
import './measured.css';

export function MeasuredRow({ featureId, label, row, pct }: { featureId: string; label: string; row: MeasuredLaneRow; pct: (t: number) => string }) {
  if (row.notMeasurable !== null) {
    return <span className="not-measurable-row" data-testid={`not-measurable-${featureId}`} title={notMeasurableText(row.notMeasurable)}>{notMeasurableText(row.notMeasurable)}</span>;
  }
  if (!row.intervals.length) return <span className="measured-none-row" title={`${label}: nothing measured from the pose`}>measured: none</span>;
  return (
    <>
      {row.intervals.map((iv, i) => (
        <span key={i} className={`measured-interval side-${iv.side ?? 'none'}`} data-testid={`measured-${featureId}`}
          data-start-s={iv.startS} data-end-s={iv.endS} data-side={iv.side ?? ''} data-confidence={iv.confidence}
          style={{ left: pct(iv.startS), width: pct(Math.max(0, iv.endS - iv.startS)) }} title={intervalTitle(label, iv)} />
      ))}
    </>
  );
}
