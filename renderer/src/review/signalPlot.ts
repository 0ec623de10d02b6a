/**
 * The lines of the small plots under the timeline (rhythm frequency per limb over time; elbow and head
 * angle), pure: one polyline per run of measured values in a viewBox whose x is recording time over the
 * whole recording (so the plot lines up with the lanes), a gap wherever a value is null. The plot component
 * (SignalPlots.tsx) draws them.
 */
import type { BodySegment, SeriesQuantity, SignalSeries } from '../../../native-models/contract/measuredSigns.ts';

/** The viewBox the lines are computed in: x 0..PLOT_W spans the recording, y 0..PLOT_H top to bottom. */
export const PLOT_W = 1000;
export const PLOT_H = 100;

export interface PlotLine {
  segment: BodySegment;
  /** SVG polyline points, "x,y x,y …". */
  points: string;
  /** Samples on the line. */
  n: number;
}

export interface SignalPlotData {
  quantity: SeriesQuantity;
  unit: string;
  /** The value range the y axis spans, bottom to top. */
  min: number;
  max: number;
  /** Values the axis labels. */
  ticks: number[];
  lines: PlotLine[];
  /** Body segments plotted, in a fixed order (the legend). */
  segments: BodySegment[];
}

export const QUANTITY_LABEL: Readonly<Record<SeriesQuantity, string>> = {
  rhythmHz: 'Rhythm frequency', elbowAngleDeg: 'Elbow angle', headAngleDeg: 'Head angle', motionTorsoPerS: 'Movement',
};

export const SEGMENT_LABEL: Readonly<Record<BodySegment, string>> = {
  left_arm: "patient's left arm", right_arm: "patient's right arm", left_leg: "patient's left leg", right_leg: "patient's right leg", head: 'head', trunk: 'trunk',
};

const SEGMENT_ORDER: readonly BodySegment[] = ['left_arm', 'right_arm', 'left_leg', 'right_leg', 'head', 'trunk'];

function finite(series: readonly SignalSeries[]): number[] {
  return series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
}

/** The y range: rhythm from 0 to at least 8 Hz (pose at 15 fps resolves up to 7.5 Hz); elbow 0-180°; head symmetric about 0; movement from 0. */
export function plotRange(quantity: SeriesQuantity, values: readonly number[]): { min: number; max: number; ticks: number[] } {
  const top = values.length ? Math.max(...values) : 0;
  const bottom = values.length ? Math.min(...values) : 0;
  if (quantity === 'rhythmHz') { const max = Math.max(8, Math.ceil(top)); return { min: 0, max, ticks: [0, max / 2, max] }; }
  if (quantity === 'elbowAngleDeg') return { min: 0, max: 180, ticks: [0, 90, 180] };
  if (quantity === 'headAngleDeg') { const m = Math.max(45, Math.ceil(Math.max(Math.abs(top), Math.abs(bottom)) / 15) * 15); return { min: -m, max: m, ticks: [-m, 0, m] }; }
  const max = top > 0 ? Number(top.toPrecision(2)) : 1;
  return { min: 0, max: Math.max(max, top), ticks: [0, Math.max(max, top)] };
}

/** The plot of one quantity (null when the analysis has no series of it). */
export function signalPlot(series: readonly SignalSeries[], quantity: SeriesQuantity, durationS: number): SignalPlotData | null {
  const mine = series.filter((s) => s.quantity === quantity && s.values.some((v) => v !== null));
  if (!mine.length) return null;
  const { min, max, ticks } = plotRange(quantity, finite(mine));
  const span = Math.max(durationS, 1e-6);
  const x = (t: number) => Math.round((PLOT_W * Math.min(Math.max(t, 0), span)) / span * 10) / 10;
  const y = (v: number) => Math.round((PLOT_H * (1 - (Math.min(Math.max(v, min), max) - min) / (max - min || 1))) * 10) / 10;
  const lines: PlotLine[] = [];
  for (const s of mine) {
    let run: string[] = [];
    const flush = () => { if (run.length) lines.push({ segment: s.segment, points: run.join(' '), n: run.length }); run = []; };
    s.values.forEach((v, i) => {
      const t = s.startS + i * s.stepS;
      if (v === null || !Number.isFinite(v) || t > span) { flush(); return; }
      run.push(`${x(t)},${y(v)}`);
    });
    flush();
  }
  const present = new Set(mine.map((s) => s.segment));
  return { quantity, unit: mine[0]!.unit, min, max, ticks, lines, segments: SEGMENT_ORDER.filter((g) => present.has(g)) };
}
