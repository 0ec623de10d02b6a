/**
 * The timeline figure: one lane per catalogue feature (grouped), each segment's answer drawn as a vector
 * block coloured by the answer (positive / negative / failed), unasked features as an outlined empty lane,
 * onset markers on positive findings, a segment row and a time axis in m:ss. When the analysis has measured
 * signs, each measured feature's lane gets a second row under the model's: the intervals measured from the
 * patient's pose with the patient's side, masked spans, and a flag where model and measurement disagree
 * (drawMeasuredRow.ts). Returns where it drew the lanes and the measured rows.
 */
import type { Answer, AnalysisResult, SegmentInfo } from '../contract/analysisSchema.ts';
import { MEASURED_FEATURE_IDS } from '../contract/measuredSigns.ts';
import { FEATURES, GROUP_LABELS, getFeature } from '../semiology/featureCatalogue.ts';
import { GROUP_ORDER } from './drawSummaryTable.ts';
import { formatClock } from '../media/formatClock.ts';
import { drawMaskedBlock, drawMeasuredBlock, drawMeasuredRow, MEASURED_ROW_GAP, MEASURED_ROW_H, ROW_DISAGREE_MARK, type DrawnMeasuredRow } from './drawMeasuredRow.ts';
import { summariseMeasuredSigns } from './measuredSignsSummary.ts';
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
const CAPTION_H = 30;

const MEASURED = new Set<string>(MEASURED_FEATURE_IDS);

/** Where the figure was drawn (points; `pageIndex` counts from 0), for its caller and the tests. */
export interface TimelineFigureLayout {
  pageIndex: number;
  plotX: number;
  plotW: number;
  durationS: number;
  /** Each feature's model row. */
  lanes: Array<{ featureId: string; y: number; height: number }>;
  /** The measured row of each measured feature; empty when the analysis has no measured signs. */
  measured: DrawnMeasuredRow[];
}

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

/** Features whose lane gets a measured row: all the signals layer measures, when the analysis has measured signs. */
function measuredLanes(analysis: Pick<AnalysisResult, 'measuredSigns'>): Set<string> {
  return analysis.measuredSigns ? MEASURED : new Set();
}

/** The figure's height in points, caption included, so it is never split across pages. */
export function figureHeight(analysis: Pick<AnalysisResult, 'measuredSigns'>): number {
  const groups = GROUP_ORDER.filter((g) => FEATURES.some((f) => f.group === g)).length;
  const measured = FEATURES.filter((f) => measuredLanes(analysis).has(f.id)).length;
  return SEG_ROW_H + groups * GROUP_H + FEATURES.length * (LANE_H + LANE_GAP) + measured * (MEASURED_ROW_H + MEASURED_ROW_GAP) +
    AXIS_H + LEGEND_H * legendLines(analysis) + CAPTION_H + (measured ? 10 : 0);
}

/** Legend lines: the model's; the measured row's; masked spans on a line of their own (one line would run past the margin). */
function legendLines(analysis: Pick<AnalysisResult, 'measuredSigns'>): number {
  if (!measuredLanes(analysis).size) return 1;
  return analysis.measuredSigns?.careIntervention.length ? 3 : 2;
}

export const TIMELINE_HEADING = 'Timeline of model answers';
export const TIMELINE_MEASURED_HEADING = 'Timeline of model answers and measured signs';

export function drawTimelineFigure(doc: PDFKit.PDFDocument, ctx: ReportContext): TimelineFigureLayout {
  const { analysis } = ctx;
  const withMeasured = measuredLanes(analysis);
  const height = figureHeight(analysis);
  sectionHeading(doc, withMeasured.size ? TIMELINE_MEASURED_HEADING : TIMELINE_HEADING, height);
  ensureSpace(doc, height);
  const box = contentBox(doc);
  const summary = withMeasured.size ? summariseMeasuredSigns(analysis) : null;
  const measuredSigns = analysis.measuredSigns;
  const durationS = Math.max(analysis.recording.durationS, ...analysis.segments.map((s) => s.endS), 1);
  const plotX = box.left + LABEL_W;
  const plotW = box.width - LABEL_W - 4;
  const xOf = (t: number): number => plotX + (Math.min(Math.max(t, 0), durationS) / durationS) * plotW;
  // The page being drawn is the last one added.
  const range = doc.bufferedPageRange();
  const layout: TimelineFigureLayout = { pageIndex: range.start + range.count - 1, plotX, plotW, durationS, lanes: [], measured: [] };
  let y = doc.y;

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
      layout.lanes.push({ featureId: def.id, y, height: LANE_H });
      if (measuredSigns && withMeasured.has(def.id)) {
        y += LANE_H + MEASURED_ROW_GAP;
        layout.measured.push(drawMeasuredRow(doc, {
          featureId: def.id, y, labelX: box.left + 12, labelW: LABEL_W - 14, plotX, plotW, xOf,
          signs: measuredSigns.signs.filter((s) => s.featureId === def.id),
          masked: measuredSigns.careIntervention,
          notMeasurable: measuredSigns.notMeasurable.some((n) => n.featureId === def.id),
          disagree: summary?.agreement.get(def.id) === 'disagree',
        }));
        y += MEASURED_ROW_H + LANE_GAP;
      } else {
        y += LANE_H + LANE_GAP;
      }
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

  // Legend: the model's row, then (with measured signs) the measured row.
  type Item = [string, (x: number, yy: number) => void];
  const drawLegendLine = (items: Item[]): void => {
    let lx = plotX;
    for (const [label, swatch] of items) {
      swatch(lx, y + 1);
      doc.font(FONT.regular).fontSize(7).fillColor(COLOURS.text).text(label, lx + 18, y, { lineBreak: false });
      lx += 18 + doc.widthOfString(label) + 14;
    }
    y += LEGEND_H;
  };
  doc.font(FONT.bold).fontSize(7).fillColor(COLOURS.muted).text('model', box.left + 6, y, { lineBreak: false });
  drawLegendLine([
    ['yes (sign present)', (x, yy) => { doc.rect(x, yy, 14, 7).fill(COLOURS.present); }],
    ['no', (x, yy) => { doc.rect(x, yy, 14, 7).fill(COLOURS.absentFill); }],
    ['answer failed', (x, yy) => { doc.rect(x, yy, 14, 7).fill(COLOURS.failed); }],
    ['not assessed', (x, yy) => { doc.rect(x + 0.5, yy + 0.5, 13, 6).dash(2, { space: 2 }).lineWidth(0.5).strokeColor(COLOURS.absent).stroke().undash(); }],
    ['first onset', (x, yy) => { drawOnsetMarker(doc, x + 7, yy - 1); }],
  ]);
  if (measuredSigns && withMeasured.size) {
    doc.font(FONT.bold).fontSize(7).fillColor(COLOURS.muted).text('measured', box.left + 6, y, { lineBreak: false });
    drawLegendLine([['measured from the pose; L, R, L+R: the patient\'s side', (x, yy) => { drawMeasuredBlock(doc, x, yy + 0.5, 14, 6); }]]);
    if (legendLines(analysis) === 3) drawLegendLine([['masked (another person overlapped the patient)', (x, yy) => { drawMaskedBlock(doc, x, yy + 0.5, 14, 6); }]]);
  }
  const caption = `Each block is one segment's answer (${analysis.sampling.segmentS} s segments overlapping by ${analysis.sampling.overlapS} s); ` +
    'where segments overlap a yes is drawn over a no. Audio features are asked per segment, on that segment\'s sound.' +
    (measuredSigns && withMeasured.size
      ? ' Under each feature that can be measured from the pose, a second row shows the intervals measured from the patient\'s keypoints; ' +
        `"${ROW_DISAGREE_MARK}" marks a feature where the model and the measurement disagree (see "Measured signs"): left for the clinician to review.`
      : '');
  doc.font(FONT.italic).fontSize(7).fillColor(COLOURS.muted).text(caption, box.left, y, { width: box.width });
  doc.x = box.left;
  doc.fillColor(COLOURS.text).font(FONT.regular);
  return layout;
}
