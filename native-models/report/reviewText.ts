/**
 * The words the report uses for the clinician's review, defined once: decision marks, the patient's side,
 * the clinician's onset and offset, "by whom, when", and the review-status line printed on every page.
 */
import type { ReviewEntry, Side } from '../contract/clinicianReview.ts';
import { formatClock } from '../media/formatClock.ts';
import { formatRecordedTime } from './formatRecordedTime.ts';
import type { ReportReview, ReviewedFinding } from './summariseReview.ts';

export const CONFIRMED_MARK = '✔ confirmed';
export const REJECTED_MARK = '✘ rejected';
export const UNCERTAIN_MARK = '? uncertain';
export const ADDED_MARK = '+ added';

/** On every page of a report nobody has signed off. */
export const NOT_REVIEWED_LINE = 'NOT REVIEWED BY A CLINICIAN — model proposals only';
/** On every page when decisions exist but no sign-off. */
export const IN_PROGRESS_LINE = 'NOT SIGNED OFF BY A CLINICIAN — review in progress';
export const AMENDED_LINE = 'AMENDED AFTER SIGN-OFF';
export const COMPLETE_LINE = 'Review complete';

/** The status as the review block names it. */
export function reviewStatusTitle(review: ReportReview): string {
  return review.status === 'complete' ? COMPLETE_LINE : review.status === 'amended' ? 'Amended after sign-off' : 'Not reviewed';
}

/** The line printed in the running header of every page. */
export function pageStatusLine(review: ReportReview): string {
  switch (review.status) {
    case 'not_reviewed': return NOT_REVIEWED_LINE;
    case 'in_progress': return IN_PROGRESS_LINE;
    case 'complete': return `${COMPLETE_LINE} · signed off ${formatRecordedTime(review.signOff!.atIso)}`;
    case 'amended': return `${AMENDED_LINE} — changed ${formatRecordedTime(review.amendment?.atIso ?? review.signOff!.atIso)}`;
  }
}

export function decisionMark(d: Pick<ReviewEntry, 'decision'>): string {
  switch (d.decision) {
    case 'confirmed': return CONFIRMED_MARK;
    case 'rejected': return REJECTED_MARK;
    case 'uncertain': return UNCERTAIN_MARK;
    case 'added': return ADDED_MARK;
    default: return 'no decision';
  }
}

/** "left (patient's)": sides are always the patient's. */
export function sideText(side: Side | null): string {
  return side ? `${side} (patient's)` : '';
}

/** "0:10–0:25", "0:12 (model's onset)", or '' when neither the clinician nor the model gives a time. */
export function onsetText(r: Pick<ReviewedFinding, 'onsetS' | 'onsetBy' | 'offsetS'>): string {
  if (r.onsetS === null && r.offsetS === null) return '';
  const on = r.onsetS === null ? '?' : formatClock(r.onsetS);
  const span = r.offsetS === null ? on : `${on}–${formatClock(r.offsetS)}`;
  return r.onsetBy === 'model' ? `${span} (model's onset)` : r.onsetBy === 'measured' ? `${span} (measured onset)` : span;
}

/** "Dr Émile Noël, 15 Mar 2025, 09:05 (UTC+01:00)". */
export function byline(e: Pick<ReviewEntry, 'reviewer' | 'atIso'>): string {
  return `${e.reviewer}, ${formatRecordedTime(e.atIso)}`;
}
