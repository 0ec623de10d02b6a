/**
 * Hand-made timed and lateralized labels (S³ layout) and analysis.json predictions for six recordings, shared by
 * the unit test of the command and the CLI integration test. Every expected figure of the scenario is worked
 * out by hand next to the tests that check it; nothing here comes from real annotations.
 */
import { join } from 'node:path';
import type { AnalysisResult, Finding } from '../../../native-models/contract/analysisSchema.ts';
import type { MeasuredSign, MeasuredSigns } from '../../../native-models/contract/measuredSigns.ts';
import { analysisSkeleton, findingOf, reviewOf, type EntryFields } from '../../helpers/analysisFixture.ts';
import { csvText, writeText } from './evaluationFixtures.ts';

export const rec = (i: number, ext = 'mp4'): string => `P${i + 1}@1-1-2024@X@sz_v${i}.${ext}`;

/**
 * labels.csv (presence + times, S³ task12 layout with justifications):
 *   r0 head yes 12-42 (MM:SS:00), clonic yes 30-70 (M:SS)     r1 head yes 65-80, clonic no (a time on a no row: not an onset)
 *   r2 head yes 8 (no end), clonic yes 20-50                  r3 head no, clonic yes "0:01:59" (ambiguous: not scored)
 *   r4 head no, clonic no                                     r5 head yes without time (not scored), clonic yes 40-60
 */
export const LABELS = csvText(
  ['file_name', 'head_turning', 'justification_for_head_turning', 'start_time_for_head_turning', 'end_time_for_head_turning',
    'clonic', 'justification_for_clonic', 'start_time_for_clonic', 'end_time_for_clonic'],
  [
    [rec(0), 'yes', 'turns right', '00:12:00', '00:42:00', 'yes', 'jerks', '0:30', '1:10'],
    [rec(1), 'yes', 'turns left', '01:05:00', '01:20:00', 'no', 'none', '0:50', '0:55'],
    [rec(2), 'Yes', 'turns', '0:08:00', '', 'yes', 'jerks', '00:20:00', '00:50:00'],
    [rec(3), 'no', '', '', '', 'yes', 'jerks', '0:01:59', '0:02:38'],
    [rec(4), 'no', '', 'N/A', 'N/A', 'NO', '', '', ''],
    [rec(5), 'yes', 'turns', '', '', 'yes', 'jerks', '0:40', '1:00'],
  ]);

/**
 * timed.csv (S³ task3 layout): head turning sides r0 right, r1 left, r2 right, r3 left; arm movement r0 right,
 * r1 left, r4 right. r2's head turning start says 0:09 where labels.csv says 8 s: the earlier file (8 s) stands.
 */
export const TIMED = csvText(
  ['file_name', 'left_right_head_turning', 'start_time_for_head_turning', 'end_time_for_head_turning', 'left_right_arm_movement',
    'arm_movement_start_time', 'arm_moverment_end_time', 'body_region_onset'],
  [
    [rec(0), 'right', '0:12', '0:42', 'right', '0:30', '0:40', 'right arm'],
    [rec(1), 'left', '1:05', '1:20', 'L', '1:00', '1:10', 'left arm'],
    [rec(2), 'right ', '0:09', 'N/A', 'N/A', 'N/A', 'N/A', 'head'],
    [rec(3), 'left', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'head'],
    [rec(4), 'N/A', 'N/A', 'N/A', 'R', '0:50', '0:55', 'right arm'],
    [rec(5), 'N/A', 'N/A', 'N/A', '', 'N/A', 'N/A', 'head'],
  ]);

const sign = (featureId: MeasuredSign['featureId'], startS: number, endS: number, side: MeasuredSign['side'], segments: MeasuredSign['segments']): MeasuredSign =>
  ({ featureId, startS, endS, side, confidence: 0.8, segments, measures: {} });

function measured(signs: MeasuredSign[]): MeasuredSigns {
  return {
    version: 1, rateHz: 15, torsoLengthPx: 100,
    bodyFrame: { mirrored: false, labelsSwapped: false, faceSamples: 0, faceAgreement: null, patientLeft: null },
    signs, series: [], notMeasurable: [], careIntervention: [],
  };
}

const present = (featureId: Finding['featureId'], onsetS: number | null): Finding => ({ ...findingOf(featureId, 'present'), onsetS });
const absent = (featureId: Finding['featureId']): Finding => findingOf(featureId, 'absent');

function doc(i: number, findings: Finding[], review: EntryFields[] = [], signs: MeasuredSign[] = []): AnalysisResult {
  const a = analysisSkeleton(rec(i), findings);
  a.recording.durationS = 120;
  if (signs.length) a.measuredSigns = measured(signs);
  if (review.length) a.review = reviewOf(a.recording.sha256, review);
  return a;
}

/**
 * The predictions:
 *   r0 head: model 10 s, but the clinician confirmed 14-40 s, right -> clinician. clonic: measured 33-60 left (left arm)
 *      and 31-72 right (right arm) -> measured 31-72; arm movement side = earliest arm sign = right.
 *   r1 head: model only, 72 s (no offset, no side). clonic: absent.
 *   r2 head: measured 8-20 s, left (head). clonic: absent, nothing measured (a miss).
 *   r3 head: model absent, clinician added 6 s, left -> a false alarm (labelled no), side left. clonic: measured 10-20
 *      right (right arm): the clonic row is not scored (ambiguous label), its arm side is a side without a label.
 *   r4 head: absent. clonic: measured 50-55 left, legs only -> a false alarm; no arm side.
 *   r5 head: model 3 s (row not scored). clonic: model 45 s, rejected by the clinician -> no onset (a miss), no side.
 */
export function analyses(): AnalysisResult[] {
  return [
    doc(0, [present('head_turning', 10), present('clonic', 35)],
      [{ kind: 'decision', featureId: 'head_turning', decision: 'confirmed', onsetS: 14, offsetS: 40, side: 'right' }],
      [sign('clonic', 33, 60, 'left', ['left_arm']), sign('clonic', 31, 72, 'right', ['right_arm'])]),
    doc(1, [present('head_turning', 72), absent('clonic')]),
    doc(2, [absent('head_turning'), absent('clonic')], [], [sign('head_turning', 8, 20, 'left', ['head'])]),
    doc(3, [absent('head_turning'), absent('clonic')],
      [{ kind: 'decision', featureId: 'head_turning', decision: 'added', onsetS: 6, offsetS: null, side: 'left' }],
      [sign('clonic', 10, 20, 'right', ['right_arm'])]),
    doc(4, [absent('head_turning'), absent('clonic')], [], [sign('clonic', 50, 55, 'left', ['left_leg', 'right_leg'])]),
    doc(5, [present('head_turning', 3), present('clonic', 45)],
      [{ kind: 'decision', featureId: 'clonic', decision: 'rejected', onsetS: null, offsetS: null, side: null }]),
  ];
}

/** Writes labels.csv, timed.csv and analyses/r<i>.analysis.json into `dir`. */
export async function writeTimedScenario(dir: string): Promise<{ labels: string; timed: string; predictions: string }> {
  const labels = await writeText(join(dir, 'labels.csv'), LABELS);
  const timed = await writeText(join(dir, 'timed.csv'), TIMED);
  const predictions = join(dir, 'analyses');
  for (const [i, a] of analyses().entries()) await writeText(join(predictions, `r${i}.analysis.json`), JSON.stringify(a, null, 2));
  return { labels, timed, predictions };
}
