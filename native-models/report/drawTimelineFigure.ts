/**
 * The timeline figure: one lane per catalogue feature (grouped), each segment's answer drawn as a vector
 * block coloured by the answer (positive / negative / failed), unasked features as an outlined empty lane,
 * onset markers on positive findings, a segment row and a time axis in m:ss.
 */
import type { Answer, SegmentInfo } from '../contract/analysisSchema.ts';
import { FEATURES, GROUP_LABELS, getFeature } from '../semiology/featureCatalogue.ts';
import { GROUP_ORDER } from './drawSummaryTable.ts';
import { formatClock } from '../media/formatClock.ts';
import { COLOURS, contentBox, ensureSpace, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';

const LABEL_W = 118;
const LANE_H = 9;
const LANE_GAP = 2;
const GROUP_H = 12;
const SEG_ROW_H = 16;
const AXIS_H = 18;
const LEGEND_H = 16;

/** Tick step in seconds giving at most ~10 ticks. */
export function tickStep(durationS: number): number {
  const steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find((s) => durationS / s <= 10) ?? 3600;
}

/** Recording span of an answer: its segment, or the whole recording for an audio feature asked once. */
export function answerSpan(a: Answer, segments: readonly SegmentInfo[], durationS: number, askedOnce: boolean): [number, number] {
  const seg = segments.find((s) => s.index === a.segmentIndex);
  if (askedOnce || !seg) return [0, durationS];
  return [seg.startS, seg.endS];
}

function drawOnsetMarker(doc: PDFKit.PDFDocument, x: number, yTop: number): void {
  doc.moveTo(x - 2.6, yTop - 3.2).lineTo(x + 2.6, yTop - 3.2).lineTo(x, yTop + 0.4).closePath().fill(COLOURS.text);
  doc.moveTo(x, yTop).lineTo(x, yTop + LANE_H).lineWidth(0.8).strokeColor(COLOURS.text).stroke();
}

function figureHeight(): number {
  const groups = GROUP_ORDER.filter((g) => FEATURES.some((f) => f.group === g)).length;
  return SEG_ROW_H + groups * GROUP_H + FEATURES.length * (LANE_H + LANE_GAP) + AXIS_H + LEGEND_H + 22;
}

export function drawTimelineFigure(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const { analysis } = ctx;
  sectionHeading(doc, 'Timeline of model answers', figureHeight());
  ensureSpace(doc, figureHeight());
  const box = contentBox(doc);
  const durationS = Math.max(analysis.recording.durationS, ...analysis.segments.map((s) => s.endS), 1);
  const plotX = box.left + LABEL_W;
  const plotW = box.width - LABEL_W - 4;
  const xOf = (t: number): number => plotX + (Math.min(Math.max(t, 0), durationS) / durationS) * plotW;
  const top = doc.y;
  let y = top;

  // Segment row: overlapping segments on two alternating sub-rows, numbered from 1.
  doc.font(FONT.bold).fontSize(7).fillColor(COLOURS.muted).text('Segments', box.left, y + 3, { width: LABEL_W - 6, lineBreak: false });
  for (const s of analysis.segments) {
    const sy = y + (s.index % 2 === 0 ? 1 : 8);
    const x1 = xOf(s.startS);
    const x2 = xOf(s.endS);
    doc.rect(x1 + 0.5, sy, Math.max(x2 - x1 - 1, 0.5), 6).fill(s.index % 2 === 0 ? '#c5ced6' : '#9fb0bf');
    if (x2 - x1 > 12) {
      doc.font(FONT.bold).fontSize(5).fillColor(COLOURS.text)
        .text(String(s.index + 1), x1 + 2, sy + 0.4, { lineBreak: false });
    }
  }
  y += SEG_ROW_H;

  const byId = new Map(analysis.findings.map((f) => [f.featureId, f]));
  const step = tickStep(durationS);
  for (const group of GROUP_ORDER) {
    const features = FEATURES.filter((f) => f.group === group);
    if (!features.length) continue;
    doc.font(FONT.bold).fontSize(7).fillColor(COLOURS.heading)
      .text(GROUP_LABELS[group].toUpperCase(), box.left, y + 3, { width: LABEL_W, lineBreak: false, characterSpacing: 0.3 });
    y += GROUP_H;
    for (const def of features) {
      const f = byId.get(def.id);
      const answers = analysis.answers.filter((a) => a.featureId === def.id);
      const present = f?.status === 'present';
      doc.font(present ? FONT.bold : FONT.regular).fontSize(7).fillColor(COLOURS.text)
        .text(def.label, box.left + 6, y + 1, { width: LABEL_W - 8, lineBreak: false });
      doc.rect(plotX, y, plotW, LANE_H).fill('#f4f6f8');
      for (let t = step; t < durationS; t += step) {
        doc.moveTo(xOf(t), y).lineTo(xOf(t), y + LANE_H).lineWidth(0.4).strokeColor('#d5dbe0').stroke();
      }
      if (!answers.length) {
        doc.rect(plotX + 0.5, y + 0.5, plotW - 1, LANE_H - 1).dash(2, { space: 2 }).lineWidth(0.5).strokeColor(COLOURS.absent).stroke().undash();
        doc.font(FONT.italic).fontSize(6).fillColor(COLOURS.muted)
          .text('not assessed', plotX + 4, y + 1.3, { lineBreak: false });
      } else {
        const askedOnce = getFeature(def.id).modality === 'audio' && new Set(answers.map((a) => a.segmentIndex)).size === 1;
        const rank = (a: Answer): number => (a.status === 'failed' ? 1 : a.present ? 2 : 0);
        for (const a of [...answers].sort((p, q) => rank(p) - rank(q))) {
          const [s, e] = answerSpan(a, analysis.segments, durationS, askedOnce);
          const colour = a.status === 'failed' || a.present === null ? COLOURS.failed : a.present ? COLOURS.present : COLOURS.absentFill;
          const x1 = xOf(s);
          const x2 = xOf(e);
          doc.rect(x1 + 0.4, y + 0.5, Math.max(x2 - x1 - 0.8, 0.5), LANE_H - 1).fill(colour);
        }
      }
      if (present && f?.onsetS !== null && f?.onsetS !== undefined) drawOnsetMarker(doc, xOf(f.onsetS), y);
      y += LANE_H + LANE_GAP;
    }
  }
  const lanesBottom = y - LANE_GAP;

  // Time axis.
  doc.moveTo(plotX, lanesBottom + 3).lineTo(plotX + plotW, lanesBottom + 3).lineWidth(0.5).strokeColor(COLOURS.muted).stroke();
  for (let t = 0; t <= durationS + 1e-6; t += step) {
    const x = xOf(t);
    doc.moveTo(x, lanesBottom + 3).lineTo(x, lanesBottom + 6).lineWidth(0.5).strokeColor(COLOURS.muted).stroke();
    const label = formatClock(t);
    doc.font(FONT.regular).fontSize(6.5).fillColor(COLOURS.muted);
    const lw = doc.widthOfString(label);
    doc.text(label, Math.min(Math.max(x - lw / 2, plotX - 4), plotX + plotW - lw), lanesBottom + 8, { lineBreak: false });
  }
  doc.font(FONT.regular).fontSize(6.5).fillColor(COLOURS.muted)
    .text('recording time (m:ss)', box.left + 6, lanesBottom + 8, { lineBreak: false });
  y = lanesBottom + AXIS_H;

  // Legend.
  const items: [string, (x: number, yy: number) => void][] = [
    ['yes (sign present)', (x, yy) => { doc.rect(x, yy, 14, 7).fill(COLOURS.present); }],
    ['no', (x, yy) => { doc.rect(x, yy, 14, 7).fill(COLOURS.absentFill); }],
    ['answer failed', (x, yy) => { doc.rect(x, yy, 14, 7).fill(COLOURS.failed); }],
    ['not assessed', (x, yy) => { doc.rect(x + 0.5, yy + 0.5, 13, 6).dash(2, { space: 2 }).lineWidth(0.5).strokeColor(COLOURS.absent).stroke().undash(); }],
    ['first onset', (x, yy) => { drawOnsetMarker(doc, x + 7, yy - 1); }],
  ];
  let lx = plotX;
  for (const [label, swatch] of items) {
    swatch(lx, y + 1);
    doc.font(FONT.regular).fontSize(7).fillColor(COLOURS.text).text(label, lx + 18, y, { lineBreak: false });
    lx += 18 + doc.widthOfString(label) + 14;
  }
  y += LEGEND_H;
  doc.font(FONT.italic).fontSize(7).fillColor(COLOURS.muted).text(
    `Each block is one segment's answer (${analysis.sampling.segmentS} s segments overlapping by ${analysis.sampling.overlapS} s); ` +
      'where segments overlap a yes is drawn over a no. Audio features are asked per segment, on that segment\'s sound.',
    box.left, y, { width: box.width });
  doc.x = box.left;
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
