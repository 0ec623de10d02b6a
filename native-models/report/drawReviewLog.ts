/**
 * "Review log": every entry of the clinician's append-only log, oldest first (decisions, undos, sign-offs),
 * with who, when (as recorded), what it replaced, the clinician's times and side, and the comment. Nothing
 * is left out: a records department reads the whole history here, not only the standing decisions.
 */
import type { ReviewEntry } from '../contract/clinicianReview.ts';
import { formatClock } from '../media/formatClock.ts';
import { getFeature, isFeatureId } from '../semiology/featureCatalogue.ts';
import { formatRecordedTime } from './formatRecordedTime.ts';
import { COLOURS, contentBox, ensureSpace, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { decisionMark, sideText } from './reviewText.ts';

const PAD = 3;
const WIDTHS = [24, 96, 92, 128] as const;
const TITLES = ['#', 'When (as recorded)', 'Reviewer', 'Entry', 'Times, side, replaces; comment'] as const;

/** "blank stare: ✔ confirmed", "undo on tonic", "sign-off (review complete)". */
export function entryText(e: ReviewEntry): string {
  if (e.kind === 'signoff') return 'sign-off (review complete)';
  const label = e.featureId && isFeatureId(e.featureId) ? getFeature(e.featureId).label : String(e.featureId);
  if (e.kind === 'undo') return `${label}: undo${e.decision ? ` (back to ${decisionMark(e)})` : ' (no decision)'}`;
  return `${label}: ${decisionMark(e)}`;
}

export function entryDetails(e: ReviewEntry): string {
  const span = e.onsetS !== null || e.offsetS !== null
    ? `${e.onsetS === null ? '?' : formatClock(e.onsetS)}${e.offsetS === null ? '' : `–${formatClock(e.offsetS)}`}`
    : '';
  return [span, sideText(e.side), e.replaces !== null ? `replaces #${e.replaces}` : ''].filter(Boolean).join(' · ');
}

function columns(left: number, width: number): { x: number[]; w: number[] } {
  const w = [...WIDTHS, width - WIDTHS.reduce((s, v) => s + v, 0)];
  return { w, x: w.map((_, i) => left + w.slice(0, i).reduce((s, v) => s + v, 0)) };
}

function drawTitles(doc: PDFKit.PDFDocument): void {
  const box = contentBox(doc);
  const { x, w } = columns(box.left, box.width);
  const y = doc.y;
  doc.rect(box.left, y, box.width, 13).fill(COLOURS.band);
  TITLES.forEach((t, i) => {
    doc.font(FONT.bold).fontSize(7).fillColor(COLOURS.heading).text(t, (x[i] ?? 0) + PAD, y + 3, { width: (w[i] ?? 0) - 2 * PAD, lineBreak: false });
  });
  doc.y = y + 13;
}

export function drawReviewLog(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const entries = ctx.analysis.review?.entries ?? [];
  sectionHeading(doc, 'Review log', entries.length ? 40 : 20);
  if (!entries.length) {
    paragraph(doc, 'No review entry: no clinician has reviewed this analysis.', { size: 8.5, colour: COLOURS.muted });
    return;
  }
  paragraph(doc, `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} of the append-only review log, oldest first. A change is a new entry naming the one it replaces; nothing is overwritten.`,
    { size: 7.5, colour: COLOURS.muted });
  const box = contentBox(doc);
  const { x, w } = columns(box.left, box.width);
  drawTitles(doc);
  for (const e of entries) {
    const cells = [String(e.id), formatRecordedTime(e.atIso), e.reviewer, entryText(e)];
    const details = entryDetails(e);
    const comment = e.comment.trim() ? `“${e.comment.trim()}”` : '';
    let h = Math.max(...cells.map((c, i) => doc.font(i === 3 ? FONT.bold : FONT.regular).fontSize(7).heightOfString(c, { width: (w[i] ?? 0) - 2 * PAD })));
    let hd = details ? doc.font(FONT.regular).fontSize(7).heightOfString(details, { width: (w[4] ?? 0) - 2 * PAD }) : 0;
    if (comment) hd += doc.font(FONT.italic).fontSize(7).heightOfString(comment, { width: (w[4] ?? 0) - 2 * PAD });
    h = Math.max(h, hd, 9) + 2 * PAD;
    if (ensureSpace(doc, h)) drawTitles(doc);
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.font(i === 3 ? FONT.bold : FONT.regular).fontSize(7).fillColor(i === 3 ? COLOURS.clinician : COLOURS.text)
        .text(c, (x[i] ?? 0) + PAD, y + PAD, { width: (w[i] ?? 0) - 2 * PAD });
    });
    doc.font(FONT.regular).fontSize(7).fillColor(COLOURS.text).text(details, (x[4] ?? 0) + PAD, y + PAD, { width: (w[4] ?? 0) - 2 * PAD });
    if (comment) doc.font(FONT.italic).fontSize(7).fillColor(COLOURS.text).text(comment, (x[4] ?? 0) + PAD, details ? doc.y : y + PAD, { width: (w[4] ?? 0) - 2 * PAD });
    doc.moveTo(box.left, y + h).lineTo(box.right, y + h).lineWidth(0.3).strokeColor(COLOURS.rule).stroke();
    doc.x = box.left;
    doc.y = y + h;
  }
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
