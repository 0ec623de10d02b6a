/**
 * "Measured signs": the table of what the signals layer measured from the patient's pose (feature, the
 * patient's side, onset, duration, frequency and trend for rhythmic signs, evidence strength, agreement with
 * the model), the model's present signs no interval backs, the features not measurable from this view with
 * their reasons, and how the measurement was made. The model's findings are printed elsewhere unchanged.
 */
import { formatClock } from '../media/formatClock.ts';
import { summariseMeasuredSigns, type MeasuredAgreement, type MeasuredRow } from './measuredSignsSummary.ts';
import { COLOURS, contentBox, ensureSpace, keepHyphens, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { statusLabel } from './statusLabel.ts';

export const MEASURED_SIGNS_HEADING = 'Measured signs (from the patient\'s pose)';
export const NO_MEASURED_SIGNS_TEXT = 'No signs were measured: pose was off or too sparse for this recording.';
export const NOT_MEASURABLE_HEADING = 'Not measurable from this view:';
export const EVIDENCE_NOTE = 'Evidence strength (0–1) says how clearly the keypoints show the sign; it is not a calibrated probability.';

export const AGREEMENT_TEXT: Readonly<Record<MeasuredAgreement, string>> = {
  agree: 'agrees',
  disagree: 'DISAGREES: review',
  measured_only: 'measured only',
  not_measurable: 'not measurable',
};

const PAD = 4;
const HEADER_H = 24;
const ROW_H = 15;  // one line of 8 pt text with its padding

const COLUMNS = [
  { title: 'Feature', width: 96 },
  { title: 'Side (patient\'s)', width: 56 },
  { title: 'Onset', width: 34 },
  { title: 'Duration', width: 48 },
  { title: 'Frequency, trend', width: 116 },
  { title: 'Evidence strength', width: 50 },
] as const;

/** "2.9 Hz, slowing 0.05 Hz/s"; "38°" for a posture with an angle; "–" otherwise. */
export function measureText(r: Pick<MeasuredRow, 'frequencyHz' | 'trendHzPerS' | 'angleDeg'>): string {
  if (r.frequencyHz !== null) {
    const t = r.trendHzPerS;
    const trend = t === null || Math.abs(t) < 0.005 ? ', steady' : `, ${t < 0 ? 'slowing' : 'speeding up'} ${Math.abs(t).toFixed(2)} Hz/s`;
    return `${r.frequencyHz.toFixed(1)} Hz${trend}`;
  }
  return r.angleDeg !== null ? `${Math.round(r.angleDeg)}°` : '–';
}

export function measuredSideText(side: MeasuredRow['side']): string {
  return side ?? '–';
}

function agreementText(r: MeasuredRow): string {
  return r.agreement ? `${AGREEMENT_TEXT[r.agreement]} (model: ${statusLabel(r.modelStatus)})` : `model: ${statusLabel(r.modelStatus)}`;
}

function drawHeader(doc: PDFKit.PDFDocument, x0: number, width: number, agreeW: number): void {
  const y = doc.y;
  doc.rect(x0, y, width, HEADER_H).fill(COLOURS.heading);
  let x = x0;
  for (const c of [...COLUMNS, { title: 'Agreement with the model', width: agreeW }]) {
    doc.font(FONT.bold).fontSize(7.5).fillColor('#ffffff').text(c.title, x + PAD, y + 3, { width: c.width - 2 * PAD, lineGap: -1 });
    x += c.width;
  }
  doc.y = y + HEADER_H;
}

export function drawMeasuredSigns(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const { analysis } = ctx;
  if (analysis.measuredSigns === undefined) return;
  const summary = summariseMeasuredSigns(analysis);
  sectionHeading(doc, MEASURED_SIGNS_HEADING, 60);
  if (!summary) { paragraph(doc, NO_MEASURED_SIGNS_TEXT, { size: 9 }); return; }
  const box = contentBox(doc);
  const m = summary.measured;
  const how = `Measured by the signals layer from the tracked patient's keypoints at ${m.rateHz} fps; sides are the patient's` +
    `${m.bodyFrame.mirrored ? ' (mirrored recording: flipped)' : ''}${m.bodyFrame.labelsSwapped ? ' (the pose model\'s left/right labels were swapped to agree with the face)' : ''}. ` +
    'Shown next to the model\'s answers, never replacing them: a disagreement is for the clinician to review. ' + EVIDENCE_NOTE;
  paragraph(doc, how, { size: 8, colour: COLOURS.muted, gapAfter: 3 });

  const fixed = COLUMNS.reduce((s, c) => s + c.width, 0);
  const agreeW = box.width - fixed;
  if (!summary.rows.length) {
    paragraph(doc, 'No sign was measured in this recording.', { size: 9, font: FONT.bold });
  } else {
    ensureSpace(doc, HEADER_H + 3 * ROW_H);
    drawHeader(doc, box.left, box.width, agreeW);
    for (const [i, r] of summary.rows.entries()) {
      const disagree = r.agreement === 'disagree';
      const cells = [r.label, measuredSideText(r.side), formatClock(r.startS), `${Math.max(0, r.endS - r.startS).toFixed(1)} s`, measureText(r), r.confidence.toFixed(2), agreementText(r)]
        .map((t) => keepHyphens(t));
      const widthOf = (k: number): number => (k < COLUMNS.length ? COLUMNS[k]!.width : agreeW) - 2 * PAD;
      const fontOf = (k: number): string => (k === 6 && disagree ? FONT.bold : FONT.regular);
      // Cells wrap (a long label or agreement): the row is as tall as its tallest cell.
      const rowH = Math.max(ROW_H, ...cells.map((t, k) => doc.font(fontOf(k)).fontSize(8).heightOfString(t, { width: widthOf(k) }) + 6));
      if (ensureSpace(doc, rowH)) drawHeader(doc, box.left, box.width, agreeW);
      const y = doc.y;
      if (disagree) doc.rect(box.left, y, box.width, rowH).fill(COLOURS.disagreeFill);
      else if (i % 2 === 1) doc.rect(box.left, y, box.width, rowH).fill('#f8f9fa');
      let x = box.left;
      for (const [k, text] of cells.entries()) {
        doc.font(fontOf(k)).fontSize(8).fillColor(k === 6 && disagree ? COLOURS.disagree : COLOURS.text).text(text, x + PAD, y + 3.5, { width: widthOf(k) });
        x += widthOf(k) + 2 * PAD;
      }
      doc.moveTo(box.left, y + rowH).lineTo(box.right, y + rowH).lineWidth(0.3).strokeColor(COLOURS.rule).stroke();
      doc.x = box.left;
      doc.y = y + rowH;
    }
    doc.y += 4;
  }
  if (summary.unbacked.length) {
    paragraph(doc, `The model found present, the pose measured no interval (model and measurement disagree: review): ${summary.unbacked.map((u) => u.label).join(', ')}.`,
      { size: 8.5, font: FONT.bold, colour: COLOURS.disagree, gapAfter: 3 });
  }
  if (m.careIntervention.length) {
    paragraph(doc, `Masked while another person overlapped the patient (not measured): ${m.careIntervention.map((c) => `${formatClock(c.startS)}–${formatClock(c.endS)}`).join(', ')}.`,
      { size: 8, colour: COLOURS.muted, gapAfter: 3 });
  }
  if (summary.notMeasurable.length) {
    ensureSpace(doc, 30);
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOURS.heading).text(NOT_MEASURABLE_HEADING, box.left, doc.y, { width: box.width });
    doc.y += 1;
    for (const n of summary.notMeasurable) {
      const reason = n.reason.replace(/^not measurable from this view:\s*/i, '');
      ensureSpace(doc, 12);
      doc.font(FONT.regular).fontSize(8).fillColor(COLOURS.text).text(`• ${n.label}: ${reason}`, box.left + 8, doc.y, { width: box.width - 8, lineGap: 1 });
      doc.x = box.left;
    }
  }
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
