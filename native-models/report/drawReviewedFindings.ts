/**
 * "Findings by review status": the model's proposals kept apart from the clinician's decisions. Groups:
 * confirmed by the clinician (confirmed and added signs, at the clinician's onset and the patient's side),
 * rejected, uncertain, and model only (not reviewed); each row says who decided, when, and their comment.
 */
import { COLOURS, contentBox, ensureSpace, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { byline, decisionMark, onsetText, sideText } from './reviewText.ts';
import type { ReviewedFinding } from './summariseReview.ts';

export const CONFIRMED_HEADING = 'Confirmed by the clinician';
export const REJECTED_HEADING = 'Rejected by the clinician';
export const UNCERTAIN_HEADING = 'Marked uncertain by the clinician';
export const MODEL_ONLY_HEADING = 'Model only (not reviewed)';

const PAD = 4;
const WIDTHS = [128, 74, 92, 84] as const;
const TITLES = ['Sign', 'Decision', 'Onset–offset', 'Side'] as const;

function columnsX(left: number, width: number): { x: number[]; w: number[] } {
  const w = [...WIDTHS, width - WIDTHS.reduce((s, v) => s + v, 0)];
  const x = w.map((_, i) => left + w.slice(0, i).reduce((s, v) => s + v, 0));
  return { x, w };
}

function drawGroupTitle(doc: PDFKit.PDFDocument, title: string, count: number, ink: string): void {
  const box = contentBox(doc);
  // Keep the title with its column titles and a first row.
  ensureSpace(doc, 15 + 12 + 34);
  const y = doc.y;
  doc.rect(box.left, y, box.width, 15).fill(COLOURS.band);
  doc.rect(box.left, y, 3, 15).fill(ink);
  doc.font(FONT.bold).fontSize(8.5).fillColor(ink).text(`${title} (${count})`, box.left + PAD + 3, y + 3.5, { width: box.width - 2 * PAD, lineBreak: false });
  doc.y = y + 15;
}

function drawColumnTitles(doc: PDFKit.PDFDocument, last: string): void {
  const box = contentBox(doc);
  const { x, w } = columnsX(box.left, box.width);
  const y = doc.y + 2;
  [...TITLES, last].forEach((t, i) => {
    doc.font(FONT.bold).fontSize(7).fillColor(COLOURS.muted).text(t, (x[i] ?? 0) + PAD, y, { width: (w[i] ?? 0) - 2 * PAD, lineBreak: false });
  });
  doc.y = y + 10;
}

function drawRow(doc: PDFKit.PDFDocument, r: ReviewedFinding, ink: string): void {
  const box = contentBox(doc);
  const { x, w } = columnsX(box.left, box.width);
  const d = r.decision;
  const mark = d ? decisionMark(d) + (d.decision === 'rejected' && r.clinician === 'present' ? ' (model: absent)' : '') : 'model proposal';
  const when = onsetText(r) || '–';
  const side = r.side ? `${sideText(r.side)}${r.sideBy === 'measured' ? ', measured' : ''}` : '–';
  const who = d ? byline(d) : 'not reviewed';
  const comment = d?.comment.trim() ?? '';
  const lw = (w[4] ?? 0) - 2 * PAD;

  doc.font(FONT.bold).fontSize(8.5);
  let h = doc.heightOfString(r.label, { width: (w[0] ?? 0) - 2 * PAD });
  doc.font(FONT.regular).fontSize(7.5);
  let hl = doc.heightOfString(who, { width: lw });
  if (comment) hl += 1 + doc.font(FONT.italic).fontSize(7.5).heightOfString(`“${comment}”`, { width: lw });
  doc.font(FONT.regular).fontSize(8);
  h = Math.max(h, hl, doc.heightOfString(when, { width: (w[2] ?? 0) - 2 * PAD }), 10) + 2 * PAD;

  ensureSpace(doc, h);
  const y = doc.y;
  const ty = y + PAD;
  doc.font(FONT.bold).fontSize(8.5).fillColor(COLOURS.text).text(r.label, (x[0] ?? 0) + PAD, ty, { width: (w[0] ?? 0) - 2 * PAD });
  doc.font(d ? FONT.bold : FONT.italic).fontSize(8).fillColor(d ? ink : COLOURS.muted).text(mark, (x[1] ?? 0) + PAD, ty, { width: (w[1] ?? 0) - 2 * PAD });
  doc.font(FONT.regular).fontSize(8).fillColor(COLOURS.text).text(when, (x[2] ?? 0) + PAD, ty, { width: (w[2] ?? 0) - 2 * PAD });
  doc.font(FONT.regular).fontSize(8).fillColor(COLOURS.text).text(side, (x[3] ?? 0) + PAD, ty, { width: (w[3] ?? 0) - 2 * PAD });
  doc.font(FONT.regular).fontSize(7.5).fillColor(d ? COLOURS.clinician : COLOURS.muted).text(who, (x[4] ?? 0) + PAD, ty, { width: lw });
  if (comment) doc.font(FONT.italic).fontSize(7.5).fillColor(COLOURS.text).text(`“${comment}”`, (x[4] ?? 0) + PAD, doc.y + 1, { width: lw });
  doc.moveTo(box.left, y + h).lineTo(box.right, y + h).lineWidth(0.3).strokeColor(COLOURS.rule).stroke();
  doc.x = box.left;
  doc.y = y + h;
}

function drawGroup(doc: PDFKit.PDFDocument, title: string, rows: readonly ReviewedFinding[], ink: string, empty: string, last: string): void {
  drawGroupTitle(doc, title, rows.length, ink);
  if (!rows.length) {
    doc.font(FONT.italic).fontSize(8).fillColor(COLOURS.muted).text(empty, contentBox(doc).left + PAD + 3, doc.y + 3, { width: contentBox(doc).width - 2 * PAD });
    doc.y += 4;
  } else {
    drawColumnTitles(doc, last);
    for (const r of rows) drawRow(doc, r, ink);
  }
  doc.y += 6;
}

export function drawReviewedFindings(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const review = ctx.review;
  sectionHeading(doc, 'Findings by review status', 90);
  paragraph(doc, 'What the clinician decided is kept apart from what the model proposed. Onsets and offsets are recording time (m:ss): the clinician\'s where given, ' +
    'else the model\'s first onset; sides are the patient\'s. Times of decisions are the reviewer\'s local time with its UTC offset, as recorded.',
  { size: 7.5, colour: COLOURS.muted });
  const none = review.status === 'not_reviewed' ? 'none: no clinician has reviewed this analysis.' : 'none so far.';
  drawGroup(doc, CONFIRMED_HEADING, review.confirmed, COLOURS.clinician, none, 'Decided by, when; comment');
  if (review.rejected.length) drawGroup(doc, REJECTED_HEADING, review.rejected, COLOURS.present, '', 'Decided by, when; comment');
  if (review.uncertain.length) drawGroup(doc, UNCERTAIN_HEADING, review.uncertain, '#8a5a00', '', 'Decided by, when; comment');
  drawGroup(doc, MODEL_ONLY_HEADING, review.modelOnly, COLOURS.muted, 'none: every sign the model found has a decision.', 'Review');
  if (review.confirmedAbsent.length) {
    paragraph(doc, `Absence confirmed by the clinician: ${review.confirmedAbsent.map((r) => r.label.toLowerCase()).join(', ')}.`, { size: 8, colour: COLOURS.clinician });
  }
}
