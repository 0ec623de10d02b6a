/** A lane's second row: the signals layer's measured intervals (striped, with a tooltip), or why it could not measure the feature. */
import { intervalTitle, notMeasurableText, type MeasuredLaneRow } from './measuredEvidence.ts';
import './measured.css';

/** The patient's side, after each interval (the tooltip spells it out). */
const SIDE_MARK = { left: 'L', right: 'R', bilateral: 'L+R' } as const;

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
      {row.intervals.filter((iv) => iv.side).map((iv, i) => (
        <span key={`side-${i}`} className="measured-side" aria-hidden="true" style={{ left: `calc(${pct(iv.endS)} + 3px)` }}>{SIDE_MARK[iv.side!]}</span>
      ))}
    </>
  );
}
