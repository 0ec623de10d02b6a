/**
 * Page 1, under the identification: the clinician's review at a glance. Its status ("Review complete",
 * "Amended after sign-off" or "Not reviewed"), who reviewed, when it was signed off (the reviewer's local
 * time with its offset, as recorded) and the count of decisions, in a box coloured by the status.
 */
import { COLOURS, contentBox, ensureSpace, keepHyphens } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { byline, reviewStatusTitle } from './reviewText.ts';
import type { ReportReview } from './summariseReview.ts';

const STYLE = {
  not_reviewed: { ink: '#8a5a00', fill: '#fff4e0' },
  in_progress: { ink: '#8a5a00', fill: '#fff4e0' },
  complete: { ink: COLOURS.clinician, fill: '#e8f0fc' },
  amended: { ink: COLOURS.present, fill: '#fdecea' },
} as const;

const KEY_W = 104;
const PAD = 8;

export function decisionCountsText(review: ReportReview): string {
  const c = review.counts;
  return `${c.confirmed} confirmed, ${c.rejected} rejected, ${c.uncertain} uncertain, ${c.added} added, ${c.notReviewed} not reviewed`;
}

/** The block's rows: [key, value]. */
export function reviewBlockRows(review: ReportReview): [string, string][] {
  const rows: [string, string][] = [];
  if (review.status === 'not_reviewed') {
    rows.push(['Status', 'No clinician has reviewed these findings: every finding in this report is the model\'s proposal.']);
  } else if (review.status === 'in_progress') {
    rows.push(['Status', `Not signed off: ${review.entryCount} review ${review.entryCount === 1 ? 'entry' : 'entries'} recorded, the review is not complete.`]);
  }
  if (review.reviewers.length) rows.push([review.reviewers.length === 1 ? 'Reviewer' : 'Reviewers', review.reviewers.join('; ')]);
  if (review.signOff) rows.push(['Signed off', byline(review.signOff)]);
  if (review.status === 'amended' && review.amendment) {
    rows.push(['Changed after', `${byline(review.amendment)}: decisions changed after the sign-off; the sign-off does not cover them.`]);
  }
  if (review.status !== 'not_reviewed') rows.push(['Decisions', decisionCountsText(review)]);
  return rows;
}

export function drawReviewBlock(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const review = ctx.review;
  const box = contentBox(doc);
  const style = STYLE[review.status];
  const rows = reviewBlockRows(review).map(([k, v]): [string, string] => [k, keepHyphens(v)]);
  const valW = box.width - 2 * PAD - KEY_W;
  doc.font(FONT.regular).fontSize(9);
  const rowHs = rows.map(([, v]) => Math.max(doc.heightOfString(v, { width: valW }), 11) + 2);
  const h = PAD + 16 + rowHs.reduce((s, x) => s + x, 0) + PAD - 2;

  doc.y += 8;
  ensureSpace(doc, h);
  const y0 = doc.y;
  doc.rect(box.left, y0, box.width, h).fill(style.fill);
  doc.rect(box.left, y0, 4, h).fill(style.ink);
  doc.font(FONT.bold).fontSize(11).fillColor(style.ink)
    .text(`Clinician review: ${reviewStatusTitle(review)}`, box.left + PAD + 2, y0 + PAD, { width: box.width - 2 * PAD, lineBreak: false });
  let y = y0 + PAD + 16;
  for (const [i, [key, value]] of rows.entries()) {
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOURS.muted).text(key, box.left + PAD + 2, y + 0.5, { width: KEY_W - 8 });
    doc.font(FONT.regular).fontSize(9).fillColor(COLOURS.text).text(value, box.left + PAD + KEY_W, y, { width: valW });
    y += rowHs[i] ?? 12;
  }
  doc.x = box.left;
  doc.y = y0 + h;
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
