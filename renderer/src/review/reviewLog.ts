/**
 * The clinician's review as the review screen reads it, pure: the latest entry of a finding (what a change
 * names as `replaces`), its history newest first, its standing decision, the draft of what is being typed,
 * the words for an entry and for the sign-off. The renderer imports only types from the engine, so the few
 * lines of contract/clinicianReview.ts it needs (latestEntryOf, clinicianStatus) are repeated here and tested
 * against the same cases (tests/unit/renderer/reviewLog.test.ts).
 */
import type { Decision, ReviewEntry, ReviewState, Side } from '../../../native-models/contract/clinicianReview.ts';
import type { FeatureId } from '../../../native-models/semiology/featureCatalogue.ts';

export type { Decision, FeatureId, ReviewEntry, ReviewState, Side };

/** Where the reviewer's name is remembered in this browser profile (asked once, changeable). */
export const REVIEWER_STORAGE_KEY = 'semioscope.reviewer';
/** As contract/clinicianReview.ts MAX_REVIEWER_CHARS: a longer name is refused by the engine. */
export const MAX_REVIEWER_CHARS = 120;

/** The latest entry of a feature (null: the latest sign-off), as contract/clinicianReview.ts latestEntryOf. */
export function latestEntryOf(state: Pick<ReviewState, 'entries'> | null, featureId: string | null): ReviewEntry | null {
  if (!state) return null;
  for (let i = state.entries.length - 1; i >= 0; i--) {
    const e = state.entries[i]!;
    if (featureId === null ? e.kind === 'signoff' : e.featureId === featureId) return e;
  }
  return null;
}

/** The entry that stands for a feature: its latest, when that holds a decision (an undo back to none holds none). */
export function standingEntryOf(state: Pick<ReviewState, 'entries'> | null, featureId: string): ReviewEntry | null {
  const e = latestEntryOf(state, featureId);
  return e && e.decision !== null ? e : null;
}

/** A feature's entries, newest first. */
export function historyOf(state: Pick<ReviewState, 'entries'> | null, featureId: string): ReviewEntry[] {
  return (state?.entries ?? []).filter((e) => e.featureId === featureId).sort((a, b) => b.id - a.id);
}

/** Features the clinician touched that the model did not answer (added signs, kept listed after an undo too). */
export function reviewedOnly(state: Pick<ReviewState, 'entries'> | null, modelFeatureIds: ReadonlySet<string>, catalogueOrder: readonly string[]): string[] {
  const touched = new Set<string>((state?.entries ?? []).flatMap((e) => (e.featureId !== null && !modelFeatureIds.has(e.featureId) ? [e.featureId] : [])));
  return catalogueOrder.filter((id) => touched.has(id));
}

/** What the clinician holds true of a sign (as contract/clinicianReview.ts clinicianStatus). */
export function clinicianStatus(modelStatus: 'present' | 'absent' | 'not_assessed' | 'failed', decision: Decision | null): 'present' | 'absent' | 'uncertain' | null {
  if (decision === null) return null;
  if (decision === 'added') return 'present';
  if (decision === 'uncertain') return 'uncertain';
  if (modelStatus !== 'present' && modelStatus !== 'absent') return 'uncertain';
  return (modelStatus === 'present') === (decision === 'confirmed') ? 'present' : 'absent';
}

/** The fields a decision carries besides the decision itself: what the finding's controls edit. */
export interface Draft {
  comment: string;
  onsetS: number | null;
  offsetS: number | null;
  side: Side | null;
}

export const EMPTY_DRAFT: Draft = { comment: '', onsetS: null, offsetS: null, side: null };

/** The draft a finding's controls start from: its standing entry's fields, or empty. */
export function draftFrom(entry: ReviewEntry | null): Draft {
  return entry ? { comment: entry.comment, onsetS: entry.onsetS, offsetS: entry.offsetS, side: entry.side } : EMPTY_DRAFT;
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return a.comment === b.comment && a.onsetS === b.onsetS && a.offsetS === b.offsetS && a.side === b.side;
}

/** A time set from the frame shown, kept to the millisecond (the clock shows 3 decimals). */
export function frameTime(t: number): number {
  return Math.round(Math.max(0, t) * 1000) / 1000;
}

/** The `review:record` change for a decision with its draft; a side only where the sign lateralizes. */
export function decisionChange(featureId: string, decision: Decision, draft: Draft, lateralizes: boolean) {
  return { kind: 'decision' as const, featureId: featureId as FeatureId, decision, onsetS: draft.onsetS, offsetS: draft.offsetS, side: lateralizes ? draft.side : null, comment: draft.comment.trim() };
}

export const DECISION_LABEL: Readonly<Record<Decision, string>> = { confirmed: 'Confirmed', rejected: 'Rejected', uncertain: 'Uncertain', added: 'Added by the clinician' };
export const SIDE_LABEL: Readonly<Record<Side, string>> = { left: "patient's left", right: "patient's right", bilateral: 'bilateral' };

/** A local time with offset (2026-12-01T22:40:12.123+01:00) as shown: 2026-12-01 22:40:12 +01:00; its own wall time, not the viewer's. */
export function shownTime(atIso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(atIso);
  if (!m) return atIso;
  return `${m[1]} ${m[2]} ${m[3] === 'Z' ? 'UTC' : m[3]}`;
}

/** The decision and its fields in words, e.g. "Confirmed · onset 2.300 s · offset 4.000 s · patient's left". */
export function decisionText(e: Pick<ReviewEntry, 'decision' | 'onsetS' | 'offsetS' | 'side'>): string {
  if (e.decision === null) return 'No decision';
  return [DECISION_LABEL[e.decision], e.onsetS !== null ? `onset ${e.onsetS.toFixed(3)} s` : null, e.offsetS !== null ? `offset ${e.offsetS.toFixed(3)} s` : null,
    e.side ? SIDE_LABEL[e.side] : null].filter(Boolean).join(' · ');
}

/** What an entry did, for the history: a decision, or an undo and what it restored. */
export function entryText(e: ReviewEntry): string {
  if (e.kind === 'signoff') return 'Review complete';
  return e.kind === 'undo' ? `Undo: back to ${decisionText(e).replace(/^No decision$/, 'no decision')}` : decisionText(e);
}

/** The header's review line: not signed off, signed off (who, when), or amended after it. */
export function signOffText(state: Pick<ReviewState, 'signOff' | 'amendedAfterSignOff'> | null): { text: string; state: 'open' | 'complete' | 'amended' } {
  if (!state?.signOff) return { text: 'Review not signed off', state: 'open' };
  const done = `Review complete · ${state.signOff.reviewer} · ${shownTime(state.signOff.atIso)}`;
  return state.amendedAfterSignOff ? { text: `${done} · Amended after sign-off`, state: 'amended' } : { text: done, state: 'complete' };
}

/** The clinician's interval on a feature's lane: its standing decision's onset to offset (no offset: a tick at the onset). */
export interface ClinicianMark {
  decision: Decision;
  startS: number;
  endS: number | null;
  side: Side | null;
}

/** The marks of every standing decision that gives an onset, by feature. */
export function clinicianMarks(state: Pick<ReviewState, 'current'> | null): Map<string, ClinicianMark> {
  const marks = new Map<string, ClinicianMark>();
  for (const e of state?.current ?? []) {
    if (e.featureId === null || e.decision === null || e.onsetS === null) continue;
    marks.set(e.featureId, { decision: e.decision, startS: e.onsetS, endS: e.offsetS, side: e.side });
  }
  return marks;
}

/** A reviewer's name as kept: trimmed ('' when there is none); never cut (the field holds at most MAX_REVIEWER_CHARS). */
export function cleanReviewerName(raw: string | null | undefined): string {
  return (raw ?? '').trim();
}
