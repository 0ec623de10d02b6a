/**
 * The clinician's review log in the answer cache's SQLite file: append-only (triggers in answerCache.ts make
 * the database itself refuse UPDATE and DELETE on `review_log`, so no bug can rewrite history). Each change
 * names the entry it replaces, and is refused when that is no longer the latest (another window changed the
 * finding meanwhile), so nothing is silently overwritten. Undo writes the replaced state again as a new entry.
 * The state is folded by contract/clinicianReview.ts.
 */
import { InputError } from '../errors.ts';
import {
  decisionProblems, foldReview, latestEntryOf, reviewEntrySchema, type ReviewChange, type ReviewEntry, type ReviewState,
} from '../contract/clinicianReview.ts';
import { getFeature } from '../semiology/featureCatalogue.ts';
import { localIsoWithOffset } from '../platform/localTime.ts';
import { explainDbError, type AnswerCache } from './answerCache.ts';

interface Row {
  id: number; recording_sha: string; analysis_id: number | null; kind: string; feature_id: string | null; decision: string | null;
  onset_s: number | null; offset_s: number | null; side: string | null; comment: string; reviewer: string; at_iso: string; replaces: number | null;
}

const entryOf = (r: Row): ReviewEntry => reviewEntrySchema.parse({
  id: r.id, recordingSha256: r.recording_sha, analysisId: r.analysis_id, kind: r.kind, featureId: r.feature_id, decision: r.decision,
  onsetS: r.onset_s, offsetS: r.offset_s, side: r.side, comment: r.comment, reviewer: r.reviewer, atIso: r.at_iso, replaces: r.replaces,
});

/** The review of one recording (all its entries, folded). */
export function readReview(cache: AnswerCache, recordingSha256: string): ReviewState {
  const rows = cache.db.prepare('SELECT * FROM review_log WHERE recording_sha=? ORDER BY id').all(recordingSha256) as Row[];
  return foldReview(rows.map(entryOf));
}

export interface RecordChange {
  recordingSha256: string;
  analysisId: number | null;
  reviewer: string;
  /** The id of the latest entry of this feature (or sign-off) as the reviewer saw it; null when there was none. */
  replaces: number | null;
  change: ReviewChange;
  /** The time to stamp (default now, local with offset). */
  at?: Date;
}

/** Appends one change; answers the new state. A stale `replaces` is refused with what to do. */
export function recordReviewChange(cache: AnswerCache, r: RecordChange): ReviewState {
  const append = cache.db.transaction((): ReviewState => {
    const state = readReview(cache, r.recordingSha256);
    const featureId = r.change.kind === 'signoff' ? null : r.change.featureId;
    const latest = latestEntryOf(state, featureId);
    if ((latest?.id ?? null) !== r.replaces) {
      const what = featureId ? `The decision on ${getFeature(featureId).label.toLowerCase()}` : 'The sign-off';
      throw new InputError(`${what} was changed meanwhile (by ${latest?.reviewer ?? 'an undo'}, at ${latest?.atIso ?? 'an earlier time'}).`,
        { setting: 'replaces', hint: 'Reload the review to see the latest decision, then decide again: nothing was overwritten.' });
    }
    let fields: Pick<ReviewEntry, 'decision' | 'onsetS' | 'offsetS' | 'side' | 'comment'>;
    if (r.change.kind === 'decision') {
      fields = { decision: r.change.decision, onsetS: r.change.onsetS, offsetS: r.change.offsetS, side: r.change.side, comment: r.change.comment };
      const problems = decisionProblems({ featureId, ...fields });
      if (problems.length) throw new InputError(problems.join(' '), { hint: 'Correct the decision and record it again.' });
    } else if (r.change.kind === 'undo') {
      if (!latest) throw new InputError(`There is no decision on ${getFeature(featureId!).label.toLowerCase()} to undo.`);
      // Undo restores what the latest entry replaced (so undoing an undo redoes).
      const before = latest.replaces === null ? null : state.entries.find((e) => e.id === latest.replaces) ?? null;
      fields = before ? { decision: before.decision, onsetS: before.onsetS, offsetS: before.offsetS, side: before.side, comment: before.comment }
        : { decision: null, onsetS: null, offsetS: null, side: null, comment: '' };
    } else {
      fields = { decision: null, onsetS: null, offsetS: null, side: null, comment: '' };
    }
    const entry = {
      recordingSha256: r.recordingSha256, analysisId: r.analysisId, kind: r.change.kind, featureId, ...fields,
      reviewer: r.reviewer.trim(), atIso: localIsoWithOffset(r.at ?? new Date()), replaces: latest?.id ?? null,
    };
    // Checked against the contract before it is written (the id is the database's).
    reviewEntrySchema.parse({ ...entry, id: 1 });
    cache.db.prepare(`INSERT INTO review_log (recording_sha, analysis_id, kind, feature_id, decision, onset_s, offset_s, side, comment, reviewer, at_iso, replaces)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`).run(entry.recordingSha256, entry.analysisId, entry.kind, entry.featureId, entry.decision, entry.onsetS, entry.offsetS,
      entry.side, entry.comment, entry.reviewer, entry.atIso, entry.replaces);
    return readReview(cache, r.recordingSha256);
  });
  try {
    return append.immediate();
  } catch (e) {
    throw explainDbError(e, cache.dbPath);
  }
}
