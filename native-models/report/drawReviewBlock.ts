/**
 * Page 1, under the identification: the clinician's review at a glance. Its status ("Review complete",
 * "Amended after sign-off" or "Not reviewed"), who reviewed, when it was signed off (the reviewer's local
 * time with its offset, as recorded), the model/measurement disagreements the sign-off left undecided (⚠,
 * bold, in the disagreement colour) and the count of decisions, in a box coloured by the status.
 */
import { COLOURS, contentBox, ensureSpace, keepHyphens } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { byline, reviewStatusTitle } from './reviewText.ts';
import type { ReportReview } from './summariseReview.ts';
import { undecidedAtSignOffText } from './undecidedAtSignOffText.ts';

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

/** A row of the block: key, value, and 'warn' for a row printed as a warning. */
export type ReviewBlockRow = [string, string] | [string, string, 'warn'];

/** The block's rows. */
export function reviewBlockRows(review: ReportReview): ReviewBlockRow[] {
  const rows: ReviewBlockRow[] = [];
  if (review.status === 'not_reviewed') {
    rows.push(['Status', 'No clinician has reviewed these findings: every finding in this report is the model\'s proposal.']);
  } else if (review.status === 'in_progress') {
    rows.push(['Status', `Not signed off: ${review.entryCount} review ${review.entryCount === 1 ? 'entry' : 'entries'} recorded, the review is not complete.`]);
  }
  if (review.reviewers.length) rows.push([review.reviewers.length === 1 ? 'Reviewer' : 'Reviewers', review.reviewers.join('; ')]);
  if (review.signOff) rows.push(['Signed off', byline(review.signOff)]);
  const undecided = undecidedAtSignOffText(review.disagreements.signOff);
  if (review.signOff && undecided) rows.push(['Undecided at sign-off', `⚠ ${undecided}`, 'warn']);
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
  // A warning row: its first line bold in the disagreement colour, the lines under it regular.
  const rows = reviewBlockRows(review).map(([k, v, warn]) => {
    const [head, ...rest] = keepHyphens(v).split('\n');
    return warn === 'warn' ? { key: k, head: head!, rest: rest.join('\n'), warn: true } : { key: k, head: keepHyphens(v), rest: '', warn: false };
  });
  const valW = box.width - 2 * PAD - KEY_W;
  const rowHs = rows.map((r) => Math.max(doc.font(r.warn ? FONT.bold : FONT.regular).fontSize(9).heightOfString(r.head, { width: valW })
    + (r.rest ? doc.font(FONT.regular).fontSize(9).heightOfString(r.rest, { width: valW }) + 1 : 0), 11) + 2);
  const h = PAD + 16 + rowHs.reduce((s, x) => s + x, 0) + PAD - 2;

  doc.y += 8;
  ensureSpace(doc, h);
  const y0 = doc.y;
  doc.rect(box.left, y0, box.width, h).fill(style.fill);
  doc.rect(box.left, y0, 4, h).fill(style.ink);
  doc.font(FONT.bold).fontSize(11).fillColor(style.ink)
    .text(`Clinician review: ${reviewStatusTitle(review)}`, box.left + PAD + 2, y0 + PAD, { width: box.width - 2 * PAD, lineBreak: false });
  let y = y0 + PAD + 16;
  for (const [i, { key, head, rest, warn }] of rows.entries()) {
    doc.font(FONT.bold).fontSize(8.5).fillColor(warn ? COLOURS.disagree : COLOURS.muted).text(key, box.left + PAD + 2, y + 0.5, { width: KEY_W - 8 });
    doc.font(warn ? FONT.bold : FONT.regular).fontSize(9).fillColor(warn ? COLOURS.disagree : COLOURS.text).text(head, box.left + PAD + KEY_W, y, { width: valW });
    if (rest) doc.font(FONT.regular).fontSize(9).fillColor(COLOURS.text).text(rest, box.left + PAD + KEY_W, doc.y + 1, { width: valW });
    y += rowHs[i] ?? 12;
  }
  doc.x = box.left;
  doc.y = y0 + h;
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
