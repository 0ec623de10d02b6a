/**
 * Test fixture for the export tests: the focal analysis (tests/helpers/analysisFixture.ts) under a Japanese
 * file name, with a review that uses every kind of entry: a confirmation with times, a rejection of a
 * positive finding, an uncertain, an added sign with side and a two-line CJK comment, a rejected negative, a
 * decision undone back to none, a sign-off and a change after it (amended). `EXPECTED_STATUS` is what the
 * clinician holds per feature, worked out by hand from the contract's semantics.
 */
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { foldReview, type ReviewEntry } from '../../../native-models/contract/clinicianReview.ts';
import { buildAnalysisFixture } from '../../helpers/analysisFixture.ts';

export const FILE_NAME = '患者 山田太郎 #2 発作.mp4';
export const REVIEWER = 'Dr Émile Noël';
export const REVIEWER_2 = 'Dr 李';
export const ADDED_COMMENT = '左腕の屈曲 — 肘\r\nsecond line, "quoted" & <tagged>';
export const REJECT_COMMENT = 'voluntary turn toward the nurse; not version';

type Fields = Partial<ReviewEntry> & Pick<ReviewEntry, 'id' | 'kind' | 'featureId' | 'decision'>;

export function reviewEntries(sha: string): ReviewEntry[] {
  const e = (f: Fields): ReviewEntry => ({ recordingSha256: sha, analysisId: 7, onsetS: null, offsetS: null, side: null, comment: '', reviewer: REVIEWER,
    atIso: `2025-03-15T09:${String(f.id).padStart(2, '0')}:00.000+01:00`, replaces: null, ...f });
  return [
    e({ id: 1, kind: 'decision', featureId: 'blank_stare', decision: 'confirmed', onsetS: 12.5, offsetS: 40, comment: 'Blick starr — 凝視' }),
    e({ id: 2, kind: 'decision', featureId: 'head_turning', decision: 'rejected', side: 'right', comment: REJECT_COMMENT }),
    e({ id: 3, kind: 'decision', featureId: 'tonic', decision: 'uncertain' }),
    e({ id: 4, kind: 'decision', featureId: 'arm_flexion', decision: 'added', onsetS: 70, offsetS: 95.25, side: 'left', comment: ADDED_COMMENT, reviewer: REVIEWER_2 }),
    e({ id: 5, kind: 'decision', featureId: 'close_eyes', decision: 'rejected' }),
    e({ id: 6, kind: 'decision', featureId: 'oral_automatisms', decision: 'confirmed' }),
    e({ id: 7, kind: 'undo', featureId: 'oral_automatisms', decision: null, replaces: 6 }),
    e({ id: 8, kind: 'decision', featureId: 'pelvic_thrusting', decision: 'confirmed' }),
    e({ id: 9, kind: 'decision', featureId: 'eye_blinking', decision: 'confirmed' }),
    e({ id: 10, kind: 'signoff', featureId: null, decision: null }),
    e({ id: 11, kind: 'decision', featureId: 'clonic', decision: 'confirmed', onsetS: 91, reviewer: REVIEWER_2 }),
  ];
}

/** Clinician status per decided feature (model: focal fixture; eye_blinking failed, so its confirmation is uncertain). */
export const EXPECTED_STATUS: Record<string, 'present' | 'absent' | 'uncertain'> = {
  blank_stare: 'present', head_turning: 'absent', tonic: 'uncertain', arm_flexion: 'present', close_eyes: 'present',
  pelvic_thrusting: 'absent', eye_blinking: 'uncertain', clonic: 'present',
};

export async function reviewedFixture(dir: string): Promise<AnalysisResult> {
  const a = await buildAnalysisFixture(dir, { fileName: FILE_NAME, decisions: false });
  return { ...a, review: foldReview(reviewEntries(a.recording.sha256)) };
}
