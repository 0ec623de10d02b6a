/**
 * The timeline figure's measured row, under the lane of each feature the signals layer measures: the
 * intervals measured from the patient's pose (teal and hatched, so they read without colour, also in a
 * greyscale print), the patient's side after each as L / R / L+R, the spans masked while another person
 * overlapped the patient (grey, cross-hatched), or "not measurable from this view". Its label in the label
 * column says "measured", and "⚠ disagree: review" when model and measurement disagree. Returns what it drew
 * (positions in points), which the figure hands back to its caller.
 */
import type { CareInterventionSpan, MeasuredSign } from '../contract/measuredSigns.ts';
import { COLOURS } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';

export const MEASURED_ROW_H = 6;
/** Space between a lane's model row and its measured row. */
export const MEASURED_ROW_GAP = 1;
/** The patient's side as the row marks it (the legend spells it out). */
export const SIDE_MARK = { left: 'L', right: 'R', bilateral: 'L+R' } as const;
export const MEASURED_ROW_LABEL = 'measured';
export const ROW_DISAGREE_MARK = '⚠ disagree: review';
export const ROW_NOT_MEASURABLE = 'not measurable from this view';

const MARK_SIZE = 5.5;
const HATCH_STEP = 2.2;

export interface DrawnInterval {
  startS: number;
  endS: number;
  side: MeasuredSign['side'];
  x1: number;
  x2: number;
  /** L, R or L+R; null for a sign without a side. */
  mark: string | null;
  /** Left edge of the side mark; null without one. */
  markX: number | null;
}

export interface DrawnMeasuredRow {
  featureId: string;
  /** Top of the row and its height, in points on `pageIndex`'s page. */
  y: number;
  height: number;
  intervals: DrawnInterval[];
  masked: Array<{ startS: number; endS: number; x1: number; x2: number }>;
  notMeasurable: boolean;
  disagree: boolean;
}

export interface MeasuredRowInput {
  featureId: string;
  y: number;
  labelX: number;
  labelW: number;
  plotX: number;
  plotW: number;
  xOf: (t: number) => number;
  signs: readonly MeasuredSign[];
  masked: readonly CareInterventionSpan[];
  notMeasurable: boolean;
  disagree: boolean;
}

/** Parallel lines at 45° (`direction` 1: rising to the right, -1: falling) clipped to the box. */
export function hatch(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number, colour: string, direction: 1 | -1, step = HATCH_STEP): void {
  doc.save();
  doc.rect(x, y, w, h).clip();
  for (let k = x - h; k < x + w + h; k += step) {
    if (direction === 1) doc.moveTo(k, y + h).lineTo(k + h, y);
    else doc.moveTo(k, y).lineTo(k + h, y + h);
  }
  doc.lineWidth(0.7).strokeColor(colour).stroke();
  doc.restore();
}

/** A measured interval's look: light teal under teal hatching, outlined. Also the legend's swatch. */
export function drawMeasuredBlock(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number): void {
  doc.rect(x, y, w, h).fill('#d7efe9');
  hatch(doc, x, y, w, h, COLOURS.measured, 1);
  doc.rect(x, y, w, h).lineWidth(0.6).strokeColor(COLOURS.measured).stroke();
}

/** A masked span's look: light grey, cross-hatched. Also the legend's swatch. */
export function drawMaskedBlock(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number): void {
  doc.rect(x, y, w, h).fill('#eceef0');
  hatch(doc, x, y, w, h, COLOURS.masked, 1, 2.6);
  hatch(doc, x, y, w, h, COLOURS.masked, -1, 2.6);
}

export function drawMeasuredRow(doc: PDFKit.PDFDocument, row: MeasuredRowInput): DrawnMeasuredRow {
  const { y, plotX, plotW, xOf } = row;
  const h = MEASURED_ROW_H;
  doc.font(FONT.italic).fontSize(6).fillColor(COLOURS.muted);
  doc.text(MEASURED_ROW_LABEL, row.labelX, y - 0.6, { lineBreak: false });
  if (row.disagree) {
    const x = row.labelX + doc.widthOfString(MEASURED_ROW_LABEL) + 4;
    doc.font(FONT.bold).fontSize(6).fillColor(COLOURS.disagree).text(ROW_DISAGREE_MARK, x, y - 0.6, { lineBreak: false, width: row.labelX + row.labelW - x });
  }
  doc.rect(plotX + 0.25, y + 0.25, plotW - 0.5, h - 0.5).lineWidth(0.5).strokeColor('#dfe4e8').stroke();
  const drawn: DrawnMeasuredRow = { featureId: row.featureId, y, height: h, intervals: [], masked: [], notMeasurable: row.notMeasurable, disagree: row.disagree };
  if (row.notMeasurable) {
    doc.rect(plotX + 0.5, y + 0.5, plotW - 1, h - 1).dash(1, { space: 1.5 }).lineWidth(0.5).strokeColor(COLOURS.absent).stroke().undash();
    doc.font(FONT.italic).fontSize(5.5).fillColor(COLOURS.muted).text(ROW_NOT_MEASURABLE, plotX + 4, y + 0.2, { lineBreak: false });
    return drawn;
  }
  for (const m of row.masked) {
    const x1 = xOf(m.startS);
    const x2 = xOf(m.endS);
    if (x2 - x1 <= 0) continue;
    drawMaskedBlock(doc, x1, y, x2 - x1, h);
    drawn.masked.push({ startS: m.startS, endS: m.endS, x1, x2 });
  }
  const right = plotX + plotW;
  for (const s of [...row.signs].sort((a, b) => a.startS - b.startS)) {
    const x1 = xOf(s.startS);
    const x2 = Math.max(xOf(s.endS), x1 + 1);
    drawMeasuredBlock(doc, x1, y, x2 - x1, h);
    const mark = s.side ? SIDE_MARK[s.side] : null;
    let markX: number | null = null;
    if (mark) {
      doc.font(FONT.bold).fontSize(MARK_SIZE);
      const w = doc.widthOfString(mark);
      // After the interval; before it when the interval ends at the right edge.
      markX = x2 + 1.5 + w <= right ? x2 + 1.5 : x1 - 1.5 - w;
      doc.fillColor(COLOURS.measured).text(mark, markX, y + 0.1, { lineBreak: false });
    }
    drawn.intervals.push({ startS: s.startS, endS: s.endS, side: s.side, x1, x2, mark, markX });
  }
  return drawn;
}
