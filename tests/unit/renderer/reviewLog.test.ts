/** The review screen's reading of the clinician's log (renderer/src/review/reviewLog.ts), against the contract it repeats. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DECISIONS, clinicianStatus as contractStatus, foldReview, latestEntryOf as contractLatest, type ReviewEntry,
} from '../../../native-models/contract/clinicianReview.ts';
import {
  cleanReviewerName, clinicianMarks, clinicianStatus, decisionChange, decisionText, draftFrom, entryText, frameTime, historyOf, latestEntryOf,
  reviewedOnly, sameDraft, shownTime, signOffText, standingEntryOf, EMPTY_DRAFT,
} from '../../../renderer/src/review/reviewLog.ts';

const SHA = 'a'.repeat(64);
let nextId = 1;
const entry = (e: Partial<ReviewEntry>): ReviewEntry => ({
  id: nextId++, recordingSha256: SHA, analysisId: 1, kind: 'decision', featureId: 'tonic', decision: 'confirmed', onsetS: null, offsetS: null,
  side: null, comment: '', reviewer: 'Dr Müller', atIso: '2026-12-01T22:40:12.123+01:00', replaces: null, ...e,
});

describe('reviewLog', () => {
  nextId = 1;
  const log = [
    entry({ featureId: 'tonic', decision: 'confirmed', onsetS: 2.3, side: 'left', comment: 'stiff left arm' }), // 1
    entry({ featureId: 'blank_stare', decision: 'rejected' }), // 2
    entry({ featureId: 'tonic', decision: 'uncertain', replaces: 1 }), // 3
    entry({ kind: 'signoff', featureId: null, decision: null }), // 4
    entry({ kind: 'undo', featureId: 'blank_stare', decision: null, replaces: 2 }), // 5
    entry({ featureId: 'head_turning', decision: 'added', onsetS: 3.2, offsetS: 5, side: 'right' }), // 6
  ];
  const state = foldReview(log);

  it('finds the latest entry of a feature or of the sign-off exactly as the contract does', () => {
    for (const id of ['tonic', 'blank_stare', 'head_turning', 'clonic', null] as const) {
      assert.equal(latestEntryOf(state, id)?.id ?? null, contractLatest(state, id)?.id ?? null, String(id));
    }
    assert.equal(latestEntryOf(state, 'tonic')?.id, 3);
    assert.equal(latestEntryOf(state, null)?.id, 4);
    assert.equal(latestEntryOf(state, 'clonic'), null);
    assert.equal(latestEntryOf(null, 'tonic'), null, 'nothing loaded yet: nothing to replace');
    assert.equal(latestEntryOf({ entries: [] }, null), null);
  });

  it('a standing decision is the latest entry holding one; an undo back to none leaves none', () => {
    assert.equal(standingEntryOf(state, 'tonic')?.decision, 'uncertain');
    assert.equal(standingEntryOf(state, 'blank_stare'), null);
    assert.deepEqual(state.current.map((e) => e.featureId).sort(), ['head_turning', 'tonic']);
  });

  it('lists a feature\'s history newest first, and the features only the clinician touched', () => {
    assert.deepEqual(historyOf(state, 'tonic').map((e) => e.id), [3, 1]);
    assert.deepEqual(historyOf(state, 'blank_stare').map((e) => e.kind), ['undo', 'decision']);
    assert.deepEqual(historyOf(null, 'tonic'), []);
    assert.deepEqual(reviewedOnly(state, new Set(['tonic', 'blank_stare']), ['blank_stare', 'head_turning', 'tonic', 'clonic']), ['head_turning']);
  });

  it('says what the clinician holds true exactly as the contract does', () => {
    for (const model of ['present', 'absent', 'not_assessed', 'failed'] as const) {
      for (const d of [...DECISIONS, null]) assert.equal(clinicianStatus(model, d), contractStatus(model, d), `${model} ${d}`);
    }
    assert.equal(clinicianStatus('present', 'rejected'), 'absent');
    assert.equal(clinicianStatus('absent', 'rejected'), 'present');
  });

  it('drafts start from the standing entry; a change carries them, a side only where the sign lateralizes', () => {
    const tonic = draftFrom(log[0]!);
    assert.deepEqual(tonic, { comment: 'stiff left arm', onsetS: 2.3, offsetS: null, side: 'left' });
    assert.deepEqual(draftFrom(null), EMPTY_DRAFT);
    assert.ok(sameDraft(tonic, { ...tonic }));
    assert.ok(!sameDraft(tonic, { ...tonic, comment: 'x' }));
    assert.deepEqual(decisionChange('tonic', 'confirmed', { ...tonic, comment: '  kept  ' }, true),
      { kind: 'decision', featureId: 'tonic', decision: 'confirmed', onsetS: 2.3, offsetS: null, side: 'left', comment: 'kept' });
    assert.equal(decisionChange('blank_stare', 'confirmed', tonic, false).side, null);
    assert.equal(frameTime(3.2500004), 3.25);
    assert.equal(frameTime(-0.01), 0);
  });

  it('marks each standing decision that gives an onset on its lane (no offset: a tick)', () => {
    const marks = clinicianMarks(foldReview([...log, entry({ featureId: 'clonic', decision: 'confirmed', onsetS: 7 }), entry({ featureId: 'figure4', decision: 'rejected' })]));
    assert.deepEqual([...marks.entries()].sort(), [
      ['clonic', { decision: 'confirmed', startS: 7, endS: null, side: null }],
      ['head_turning', { decision: 'added', startS: 3.2, endS: 5, side: 'right' }],
    ], 'tonic is uncertain without times, figure 4 has no times, blank stare was undone');
    assert.equal(clinicianMarks(null).size, 0);
  });

  it('words the entries and the sign-off, with the time as recorded (its own offset)', () => {
    assert.equal(shownTime('2026-12-01T22:40:12.123+01:00'), '2026-12-01 22:40:12 +01:00');
    assert.equal(shownTime('2026-12-01T22:40:12Z'), '2026-12-01 22:40:12 UTC');
    assert.equal(shownTime('garbled'), 'garbled');
    assert.equal(decisionText(log[5]!), "Added by the clinician · onset 3.200 s · offset 5.000 s · patient's right");
    assert.equal(entryText(log[4]!), 'Undo: back to no decision');
    assert.equal(entryText(entry({ kind: 'undo', decision: 'confirmed', side: 'bilateral' })), 'Undo: back to Confirmed · bilateral');
    assert.deepEqual(signOffText(null), { text: 'Review not signed off', state: 'open' });
    assert.deepEqual(signOffText(foldReview(log.slice(0, 4))), { text: 'Review complete · Dr Müller · 2026-12-01 22:40:12 +01:00', state: 'complete' });
    assert.deepEqual(signOffText(state), { text: 'Review complete · Dr Müller · 2026-12-01 22:40:12 +01:00 · Amended after sign-off', state: 'amended' });
    assert.equal(cleanReviewerName('  王 医生 '), '王 医生');
    assert.equal(cleanReviewerName(null), '');
  });
});
