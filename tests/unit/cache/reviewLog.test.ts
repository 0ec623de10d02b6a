/**
 * The clinician's review log (cache/reviewLog.ts) on a real SQLite file: every change is a new entry naming
 * the one it replaces; the database refuses UPDATE and DELETE issued directly in SQL; a stale change is
 * refused rather than overwriting; undo is a new entry; a change after sign-off marks the review amended;
 * non-ASCII names and comments survive; local time with its offset.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { AnswerCache } from '../../../native-models/cache/answerCache.ts';
import { readReview, recordReviewChange } from '../../../native-models/cache/reviewLog.ts';
import { InputError } from '../../../native-models/errors.ts';
import type { ReviewChange } from '../../../native-models/contract/clinicianReview.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-review-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const SHA = 'd'.repeat(64);
const decide = (featureId: 'tonic' | 'clonic' | 'head_turning' | 'blank_stare', decision: 'confirmed' | 'rejected' | 'uncertain' | 'added', extra: Partial<Extract<ReviewChange, { kind: 'decision' }>> = {}): ReviewChange =>
  ({ kind: 'decision', featureId, decision, onsetS: null, offsetS: null, side: null, comment: '', ...extra });

describe('reviewLog', () => {
  it('appends decisions that name what they replace; the latest stands; undo and sign-off are entries too', () => {
    const cache = new AnswerCache(path.join(dir, 'log.sqlite'));
    let s = recordReviewChange(cache, { recordingSha256: SHA, analysisId: 3, reviewer: 'Dr Ana Müller', replaces: null, change: decide('tonic', 'confirmed', { onsetS: 12.4, offsetS: 31, side: 'left', comment: '右側の強直 — 左腕' }) });
    const first = s.entries[0]!;
    assert.equal(first.replaces, null);
    assert.match(first.atIso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/, 'local time with offset');
    s = recordReviewChange(cache, { recordingSha256: SHA, analysisId: 3, reviewer: 'Dr Ana Müller', replaces: first.id, change: decide('tonic', 'rejected') });
    s = recordReviewChange(cache, { recordingSha256: SHA, analysisId: 3, reviewer: 'Dr 李', replaces: null, change: decide('head_turning', 'added', { onsetS: 5, side: 'right' }) });
    assert.deepEqual(s.current.map((e) => [e.featureId, e.decision]), [['head_turning', 'added'], ['tonic', 'rejected']], 'catalogue order');
    assert.equal(s.entries[1]!.replaces, first.id);

    // Undo restores what the latest replaced, as a new entry; undoing the first decision leaves none.
    s = recordReviewChange(cache, { recordingSha256: SHA, analysisId: 3, reviewer: 'Dr Ana Müller', replaces: s.entries[1]!.id, change: { kind: 'undo', featureId: 'tonic' } });
    const undo = s.entries.at(-1)!;
    assert.deepEqual([undo.kind, undo.decision, undo.side, undo.comment, undo.onsetS], ['undo', 'confirmed', 'left', '右側の強直 — 左腕', 12.4]);
    s = recordReviewChange(cache, { recordingSha256: SHA, analysisId: 3, reviewer: 'Dr 李', replaces: s.entries[2]!.id, change: { kind: 'undo', featureId: 'head_turning' } });
    assert.deepEqual(s.current.map((e) => e.featureId), ['tonic'], 'undoing the only decision leaves none');

    assert.equal(s.signOff, null);
    s = recordReviewChange(cache, { recordingSha256: SHA, analysisId: 3, reviewer: 'Dr Ana Müller', replaces: null, change: { kind: 'signoff' } });
    assert.equal(s.signOff?.reviewer, 'Dr Ana Müller');
    assert.equal(s.amendedAfterSignOff, false);
    s = recordReviewChange(cache, { recordingSha256: SHA, analysisId: 3, reviewer: 'Dr 李', replaces: null, change: decide('blank_stare', 'uncertain') });
    assert.equal(s.amendedAfterSignOff, true, 'a change after sign-off marks the review amended');
    assert.equal(s.entries.length, 7, 'nothing was rewritten: seven changes, seven entries');
    cache.close();

    // Another connection reads the same log.
    const again = new AnswerCache(path.join(dir, 'log.sqlite'));
    assert.deepEqual(readReview(again, SHA), s);
    assert.deepEqual(readReview(again, 'e'.repeat(64)).entries, []);
    again.close();
  });

  it('refuses a stale change, a side on a sign that does not lateralize, an offset before the onset, and an undo of nothing', () => {
    const cache = new AnswerCache(path.join(dir, 'refuse.sqlite'));
    const base = { recordingSha256: SHA, analysisId: null, reviewer: 'R' };
    const s = recordReviewChange(cache, { ...base, replaces: null, change: decide('clonic', 'confirmed') });
    assert.throws(() => recordReviewChange(cache, { ...base, replaces: null, change: decide('clonic', 'rejected') }),
      (e: unknown) => e instanceof InputError && /clonic jerking was changed meanwhile/.test(e.message) && /Reload/.test(e.hint ?? ''));
    assert.throws(() => recordReviewChange(cache, { ...base, replaces: null, change: decide('blank_stare', 'confirmed', { side: 'left' }) }),
      (e: unknown) => e instanceof InputError && /Blank stare does not lateralize/.test(e.message));
    assert.throws(() => recordReviewChange(cache, { ...base, replaces: s.entries[0]!.id, change: decide('clonic', 'confirmed', { onsetS: 9, offsetS: 3 }) }),
      (e: unknown) => e instanceof InputError && /offset \(3 s\) is before the onset \(9 s\)/.test(e.message));
    assert.throws(() => recordReviewChange(cache, { ...base, replaces: null, change: { kind: 'undo', featureId: 'tonic' } }),
      (e: unknown) => e instanceof InputError && /no decision on tonic stiffening to undo/.test(e.message));
    assert.equal(readReview(cache, SHA).entries.length, 1, 'refused changes leave no entry');
    cache.close();
  });

  it('the database itself refuses UPDATE and DELETE on the log, issued directly in SQL', () => {
    const file = path.join(dir, 'sql.sqlite');
    const cache = new AnswerCache(file);
    recordReviewChange(cache, { recordingSha256: SHA, analysisId: null, reviewer: 'R', replaces: null, change: decide('tonic', 'confirmed') });
    cache.close();
    const db = new Database(file);
    assert.throws(() => db.prepare("UPDATE review_log SET decision='rejected'").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM review_log').run(), /append-only/);
    assert.throws(() => db.prepare("INSERT INTO review_log (recording_sha, kind, feature_id, decision, comment, reviewer, at_iso) VALUES ('x','decision','tonic','maybe','','R','t')").run(), /CHECK constraint/);
    assert.deepEqual(db.prepare('SELECT decision FROM review_log').all(), [{ decision: 'confirmed' }]);
    db.close();
  });
});
