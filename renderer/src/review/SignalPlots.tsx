/**
 * Small plots under the timeline, from analysis.measuredSigns series: rhythm frequency per limb over time
 * (and elbow and head angle when measured), on the lanes' time axis with the playhead; a press seeks.
 * Sides are the patient's; the patient's left is drawn solid, the right dashed (not colour only).
 */
import { memo, useMemo, type PointerEvent } from 'react';
import type { MeasuredSigns, SeriesQuantity } from '../../../native-models/contract/measuredSigns.ts';
import { PLOT_H, PLOT_W, QUANTITY_LABEL, SEGMENT_LABEL, signalPlot, type SignalPlotData } from './signalPlot.ts';
import './measured.css';

const SHOWN: readonly SeriesQuantity[] = ['rhythmHz', 'elbowAngleDeg', 'headAngleDeg'];
const TEST_ID: Partial<Record<SeriesQuantity, string>> = { rhythmHz: 'rhythm-plot', elbowAngleDeg: 'elbow-plot', headAngleDeg: 'head-plot' };

const Lines = memo(function Lines({ plot }: { plot: SignalPlotData }) {
  const yOf = (v: number) => PLOT_H * (1 - (v - plot.min) / (plot.max - plot.min || 1));
  return (
    <>
      {plot.ticks.map((t) => <line key={t} className="plot-grid" x1={0} x2={PLOT_W} y1={yOf(t)} y2={yOf(t)} vectorEffect="non-scaling-stroke" />)}
      {plot.lines.map((l, i) => l.n > 1
        ? <polyline key={i} className={`plot-line seg-${l.segment}`} points={l.points} vectorEffect="non-scaling-stroke" />
        : <polyline key={i} className={`plot-line seg-${l.segment} single`} points={`${l.points} ${l.points}`} vectorEffect="non-scaling-stroke" />)}
    </>
  );
});

function Plot({ plot, durationS, timeS, onSeek, masked }: { plot: SignalPlotData; durationS: number; timeS: number; onSeek: (t: number) => void; masked: MeasuredSigns['careIntervention'] }) {
  const seekAt = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const r = e.currentTarget.getBoundingClientRect();
    if (r.width > 0) onSeek(Math.min(durationS, Math.max(0, ((e.clientX - r.left) / r.width) * durationS)));
  };
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return (
    <div className="signal-plot" data-testid={TEST_ID[plot.quantity]} data-lines={plot.lines.length} aria-label={`${QUANTITY_LABEL[plot.quantity]} over time`}>
      <div className="plot-label">
        <strong>{QUANTITY_LABEL[plot.quantity]}</strong> <span className="muted">({plot.unit}, {fmt(plot.min)}–{fmt(plot.max)})</span>
        <ul className="plot-legend">{plot.segments.map((s) => <li key={s}><i className={`legend-line seg-${s}`} />{SEGMENT_LABEL[s]}</li>)}</ul>
      </div>
      <div className="plot-area" onPointerDown={seekAt} title="Click to seek">
        <svg viewBox={`0 0 ${PLOT_W} ${PLOT_H}`} preserveAspectRatio="none" role="img" aria-label={`${QUANTITY_LABEL[plot.quantity]} per body segment`}>
          {masked.map((c, i) => <rect key={i} className="plot-masked" x={(PLOT_W * c.startS) / Math.max(durationS, 1e-6)} width={(PLOT_W * (c.endS - c.startS)) / Math.max(durationS, 1e-6)} y={0} height={PLOT_H} />)}
          <Lines plot={plot} />
        </svg>
        {plot.ticks.map((t) => <span key={t} className="plot-tick" style={{ top: `${(100 * (1 - (t - plot.min) / (plot.max - plot.min || 1)))}%` }}>{fmt(t)}</span>)}
        <div className="plot-playhead" data-testid="plot-playhead" style={{ left: `${(100 * timeS) / Math.max(durationS, 1e-6)}%` }} />
      </div>
    </div>
  );
}

export function SignalPlots({ measured, durationS, timeS, onSeek }: { measured: MeasuredSigns | null | undefined; durationS: number; timeS: number; onSeek: (t: number) => void }) {
  // Computed once per analysis: the playhead moving re-renders only the playhead.
  const plots = useMemo(() => SHOWN.map((q) => signalPlot(measured?.series ?? [], q, durationS)).filter((p): p is SignalPlotData => p !== null), [measured, durationS]);
  if (!measured) return null;
  return (
    <section className="timeline signal-plots" aria-label="Measured from the pose">
      {plots.length
        ? plots.map((p) => <Plot key={p.quantity} plot={p} durationS={durationS} timeS={timeS} onSeek={onSeek} masked={measured.careIntervention} />)
        : <p className="note" data-testid="rhythm-plot-empty">Nothing to plot: the pose gave no measured series{measured.rateHz < 10 ? ` (pose at ${measured.rateHz} fps: rhythm needs at least 10 fps)` : ''}.</p>}
      {measured.careIntervention.length > 0 && <p className="note">Shaded: masked while another person overlapped the patient: {measured.careIntervention.map((c) => `${c.startS.toFixed(1)}–${c.endS.toFixed(1)} s`).join(', ')}.</p>}
    </section>
  );
}
