/**
 * The clinician's review of an analysis, defined once: the model proposes, the neurologist decides. Every
 * change is an entry in an append-only log (cache/reviewLog.ts; the database refuses UPDATE and DELETE) that
 * names the entry it replaces; undo is a new entry; sign-off is an entry too. The state shown and reported
 * (each finding's current decision, the sign-off, "amended after sign-off") is folded from the log here, so
 * the review app, the report and every export read the same thing.
 *
 * Decisions: `confirmed` (the model's finding stands), `rejected` (it does not), `uncertain`, and `added` (a
 * sign the model missed, present by the clinician's judgement). Times are recording seconds; sides are the
 * patient's, for signs that can lateralize (the catalogue's `lateralizes`).
 */
import { z } from 'zod';
import { FEATURE_IDS, getFeature, type FeatureId } from '../semiology/featureCatalogue.ts';

export const SIDES = ['left', 'right', 'bilateral'] as const;
export const DECISIONS = ['confirmed', 'rejected', 'uncertain', 'added'] as const;
export const ENTRY_KINDS = ['decision', 'undo', 'signoff'] as const;
export type Side = (typeof SIDES)[number];
export type Decision = (typeof DECISIONS)[number];

/** Longest comment and reviewer name kept (longer is refused, never cut). */
export const MAX_COMMENT_CHARS = 2000;
export const MAX_REVIEWER_CHARS = 120;

const featureId = z.enum(FEATURE_IDS);
const seconds = z.number().min(0).max(86_400);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'a SHA-256 as 64 lower-case hex digits' });
const reviewer = z.string().trim().min(1, { error: 'Give the reviewer\'s name first.' }).max(MAX_REVIEWER_CHARS, { error: `The reviewer's name is longer than ${MAX_REVIEWER_CHARS} characters.` });
const comment = z.string().max(MAX_COMMENT_CHARS, { error: `The comment is longer than ${MAX_COMMENT_CHARS} characters.` });

/** The checks every decision obeys, as a list of problems (empty: sound). */
export function decisionProblems(d: { featureId: FeatureId | null; decision: Decision | null; onsetS: number | null; offsetS: number | null; side: Side | null }): string[] {
  const problems: string[] = [];
  if (d.onsetS !== null && d.offsetS !== null && d.offsetS < d.onsetS) problems.push(`The offset (${d.offsetS} s) is before the onset (${d.onsetS} s).`);
  if (d.side !== null && d.featureId && !getFeature(d.featureId).lateralizes) problems.push(`${getFeature(d.featureId).label} does not lateralize: it takes no side.`);
  if (d.decision === null && (d.onsetS !== null || d.offsetS !== null || d.side !== null)) problems.push('Times and a side need a decision.');
  return problems;
}

/** One entry of the log, as stored and exported. */
export const reviewEntrySchema = z.object({
  id: z.int().positive(),
  recordingSha256: sha256,
  /** The analysis the reviewer was looking at (cache/analysisIndex.ts), or null. */
  analysisId: z.int().positive().nullable(),
  kind: z.enum(ENTRY_KINDS),
  /** null only for a sign-off. */
  featureId: featureId.nullable(),
  /** null: no decision (an undo back to none, or a sign-off). */
  decision: z.enum(DECISIONS).nullable(),
  onsetS: seconds.nullable(),
  offsetS: seconds.nullable(),
  side: z.enum(SIDES).nullable(),
  comment,
  reviewer,
  /** Local time with its offset, e.g. 2026-12-01T22:40:12.123+01:00. */
  atIso: z.iso.datetime({ offset: true }),
  /** The entry this one replaces (the feature's previous entry, or the previous sign-off); null for the first. */
  replaces: z.int().positive().nullable(),
}).superRefine((e, ctx) => {
  if ((e.kind === 'signoff') !== (e.featureId === null)) ctx.addIssue({ code: 'custom', message: 'a sign-off names no feature, every other entry one' });
  for (const message of decisionProblems(e)) ctx.addIssue({ code: 'custom', message });
});
export type ReviewEntry = z.infer<typeof reviewEntrySchema>;

/** A change the reviewer asks for (the review API's `review:record` and the CLI); the engine stamps the id and time. */
export const reviewChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('decision'),
    featureId,
    decision: z.enum(DECISIONS),
    onsetS: seconds.nullable().default(null),
    offsetS: seconds.nullable().default(null),
    side: z.enum(SIDES).nullable().default(null),
    comment: comment.default(''),
  }).strict(),
  z.object({ kind: z.literal('undo'), featureId }).strict(),
  z.object({ kind: z.literal('signoff') }).strict(),
]);
export type ReviewChange = z.output<typeof reviewChangeSchema>;

/** The review as everyone reads it, folded from the log. */
export const reviewStateSchema = z.object({
  entries: z.array(reviewEntrySchema).describe('The whole log, oldest first.'),
  current: z.array(reviewEntrySchema).describe("Each feature's standing entry (its latest, when it holds a decision), in catalogue order."),
  signOff: reviewEntrySchema.nullable().describe('The latest sign-off ("review complete"), or null.'),
  amendedAfterSignOff: z.boolean().describe('A decision changed after the latest sign-off.'),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

/** Folds a log (any order) into the state: the latest entry per feature stands; an undo back to none leaves none. */
export function foldReview(log: readonly ReviewEntry[]): ReviewState {
  const entries = [...log].sort((a, b) => a.id - b.id);
  const latest = new Map<string, ReviewEntry>();
  let signOff: ReviewEntry | null = null;
  for (const e of entries) {
    if (e.kind === 'signoff') signOff = e;
    else latest.set(e.featureId!, e);
  }
  const current = FEATURE_IDS.map((id) => latest.get(id)).filter((e): e is ReviewEntry => Boolean(e && e.decision !== null));
  const amendedAfterSignOff = signOff !== null && entries.some((e) => e.kind !== 'signoff' && e.id > signOff!.id);
  return { entries, current, signOff, amendedAfterSignOff };
}

/** The latest entry of a feature (with or without a decision): what a new change must name as `replaces`. */
export function latestEntryOf(state: Pick<ReviewState, 'entries'>, id: FeatureId | null): ReviewEntry | null {
  for (let i = state.entries.length - 1; i >= 0; i--) {
    const e = state.entries[i]!;
    if (id === null ? e.kind === 'signoff' : e.featureId === id) return e;
  }
  return null;
}

/** What the clinician holds true of a sign, from the model's status and the decision on it. */
export function clinicianStatus(modelStatus: 'present' | 'absent' | 'not_assessed' | 'failed', decision: Decision | null): 'present' | 'absent' | 'uncertain' | null {
  if (decision === null) return null;
  if (decision === 'added') return 'present';
  if (decision === 'uncertain') return 'uncertain';
  if (modelStatus !== 'present' && modelStatus !== 'absent') return 'uncertain';
  const agrees = decision === 'confirmed';
  return (modelStatus === 'present') === agrees ? 'present' : 'absent';
}
