/**
 * `semioscope evaluate` with timed and lateralized labels (S³ layout, timedFixtures.ts): timing.csv and
 * laterality.csv against figures worked out by hand, the console and HTML sections, the sources used, the
 * warnings (ambiguous cells, disagreeing files) and the refusals (a cell that is not a time or a side).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { csvText, makeTempDir, runEvaluate, writeText } from './evaluationFixtures.ts';
import { rec, writeTimedScenario } from './timedFixtures.ts';

type Row = Record<string, string>;
async function table(path: string): Promise<Row[]> {
  const t = parseCsv(await readFile(path, 'utf8'), path);
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? ''])));
}
const pick = (rows: Row[], key: string, value: string): Row => {
  const r = rows.find((x) => x[key] === value);
  assert.ok(r, `${key}=${value}`);
  return r;
};
const cols = (r: Row, names: string[]): string[] => names.map((n) => r[n]!);

describe('semioscope evaluate: onsets and sides', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  let files = { labels: '', timed: '', predictions: '' };
  let out = '';
  let stdout = '';
  let stderr = '';

  before(async () => {
    ({ dir, cleanup } = await makeTempDir());
    files = await writeTimedScenario(dir);
    out = join(dir, 'out');
    const r = await runEvaluate(['--labels', files.labels, '--timed-labels', files.timed, '--predictions', files.predictions, '--out', out, '--bootstrap', '0']);
    assert.equal(r.code, 0, r.stderr);
    ({ stdout, stderr } = r);
  });
  after(() => cleanup());

  it('timing.csv: head turning, errors over the hits only, misses and false alarms apart', async () => {
    const h = pick(await table(join(out, 'timing.csv')), 'feature', 'head_turning');
    // Labelled onsets r0 12, r1 65, r2 8 (r5 yes without time: not scored); none r3, r4.
    // Hits: r0 clinician 14 (err 2), r1 model 72 (err 7), r2 measured 8 (err 0). r3: clinician 6 s on a "no": false alarm.
    assert.deepEqual(cols(h, ['labelled_onsets', 'labelled_none', 'unscored', 'hits', 'misses', 'false_alarms', 'correct_none']), ['3', '2', '1', '3', '0', '1', '1']);
    // Errors 2, 7, 0: mean 3, median 2, bias (+2 +7 +0)/3 = 3, ≤ 2 s 2/3, ≤ 5 s 2/3.
    assert.deepEqual(cols(h, ['onset_n', 'onset_mae_s', 'onset_median_s', 'onset_bias_s', 'onset_within_2s', 'onset_within_5s']), ['3', '3', '2', '3', '0.667', '0.667']);
    // Offsets: r0 40 vs 42 (err 2, bias −2); r1 labelled 80, none predicted (model findings have no offset); r2 no labelled end.
    assert.deepEqual(cols(h, ['offset_n', 'offset_mae_s', 'offset_bias_s', 'offset_not_predicted']), ['1', '2', '-2', '1']);
    assert.deepEqual(cols(h, ['source_clinician', 'source_measured', 'source_model', 'source_csv']), ['2', '1', '1', '0']);
  });

  it('timing.csv: clonic (a time on a "no" row is no onset, an ambiguous cell is not scored, a rejection is a miss) and the pooled row', async () => {
    const rows = await table(join(out, 'timing.csv'));
    const c = pick(rows, 'feature', 'clonic');
    // Onsets r0 30, r2 20, r5 40; none r1 (its 0:50 is on a "no" row), r4; r3 "0:01:59" not scored.
    // r0: measured 31-72 (errors 1 and 2); r2: nothing (miss); r5: model 45 rejected by the clinician (miss); r4: measured 50 (false alarm).
    assert.deepEqual(cols(c, ['labelled_onsets', 'labelled_none', 'unscored', 'hits', 'misses', 'false_alarms', 'correct_none']), ['3', '2', '1', '1', '2', '1', '1']);
    assert.deepEqual(cols(c, ['onset_mae_s', 'offset_mae_s', 'source_measured', 'source_clinician']), ['1', '2', '2', '0']);
    const all = pick(rows, 'feature', 'all');
    // Pooled errors 2, 7, 0, 1: mean 2.5, median (1 + 2)/2 = 1.5, ≤ 2 s 3/4. Offsets 2 and 2, signed −2 and +2: bias 0.
    assert.deepEqual(cols(all, ['labelled_onsets', 'hits', 'misses', 'false_alarms', 'onset_mae_s', 'onset_median_s', 'onset_within_2s', 'offset_n', 'offset_bias_s']),
      ['6', '4', '2', '2', '2.5', '1.5', '0.75', '2', '0']);
  });

  it('laterality.csv: accuracy, balanced accuracy, macro-F1 and coverage next to always "right"', async () => {
    const rows = await table(join(out, 'laterality.csv'));
    const h = pick(rows, 'item', 'head_turning');
    // Labelled r0 R, r1 L, r2 R, r3 L. Predicted r0 R (clinician), r2 L (measured), r3 L (clinician); r1 none → coverage 3/4.
    // Scored R→R, R→L, L→L: accuracy 2/3; recall R 1/2, L 1 → 0.75; F1 L 2/3, R 2/3 → 0.667.
    // Always right on R, R, L: accuracy 2/3, balanced 0.5, F1 R 4/5, L 0 → 0.4. On all four (2 R, 2 L): 0.5, 0.5, F1 R 2/3 → 0.333.
    assert.deepEqual(cols(h, ['labelled', 'labelled_left', 'labelled_right', 'answered', 'coverage', 'accuracy', 'balanced_accuracy', 'macro_f1']),
      ['4', '2', '2', '3', '0.75', '0.667', '0.75', '0.667']);
    assert.deepEqual(cols(h, ['always_right_accuracy', 'always_right_balanced_accuracy', 'always_right_macro_f1', 'always_right_all_accuracy', 'always_right_all_macro_f1']),
      ['0.667', '0.5', '0.4', '0.5', '0.333']);
    assert.deepEqual(cols(h, ['source_clinician', 'source_measured']), ['2', '1']);
    const a = pick(rows, 'item', 'arm_movement');
    // Labelled r0 R, r1 L (written "L"), r4 R (written "R"). r0: the earliest arm sign is clonic 31 s right → right.
    // r4: its sign involves only the legs → no side; r3: a right-arm sign where no side is labelled.
    // Scored R→R only: accuracy 1, balanced accuracy over the one labelled class 1, macro-F1 over {right} 1; coverage 1/3.
    assert.deepEqual(cols(a, ['labelled', 'answered', 'coverage', 'accuracy', 'balanced_accuracy', 'macro_f1', 'f1_classes', 'side_without_label']),
      ['3', '1', '0.333', '1', '1', '1', 'right', '1']);
    // Always right on all three (2 R, 1 L): accuracy 2/3, balanced 1/2, F1 R 4/5, L 0 → 0.4.
    assert.deepEqual(cols(a, ['always_right_all_accuracy', 'always_right_all_balanced_accuracy', 'always_right_all_macro_f1']), ['0.667', '0.5', '0.4']);
    const all = pick(rows, 'item', 'all');
    // Pooled: 7 labelled, 4 scored (R→R, R→L, L→L, R→R): accuracy 3/4; recall R 2/3, L 1 → 5/6; F1 L 2/3, R 4/5 → 11/15.
    assert.deepEqual(cols(all, ['labelled', 'answered', 'coverage', 'accuracy', 'balanced_accuracy', 'macro_f1']), ['7', '4', '0.571', '0.75', '0.833', '0.733']);
  });

  it('the presence metrics are still there, unchanged in form', async () => {
    const m = await readFile(join(out, 'metrics.csv'), 'utf8');
    // head_turning: labels yes r0 r1 r2 r5, no r3 r4; model present r0 r1 r5 → TP 3, FN 1, TN 2: F1 6/7 = 0.857.
    assert.match(m, /^Metric,head_turning,clonic$/m);
    assert.match(m, /^F1 Score,0\.857,/m);
  });

  it('console and HTML summaries carry the sections, with the sources used', async () => {
    assert.match(stdout, /Timing\. Onset \/ offset error/);
    assert.match(stdout, /^ {2}head_turning +3 +3 +0 +1 +3\.0 +2\.0 +0\.667 +0\.667 .*clinician 2, measured 1, model 1$/m);
    assert.match(stdout, /^ {2}all +7 +0\.571 +0\.750 +0\.833 +0\.733 +\| 0\.750 +0\.500 +0\.429 +clinician 2, measured 2$/m);
    assert.match(stdout, /Wrote 10 files .*timing\.csv, laterality\.csv/);
    const html = await readFile(join(out, 'summary.html'), 'utf8');
    assert.match(html, /<h2>predictions: onsets and offsets<\/h2>/);
    assert.match(html, /<h2>predictions: laterality<\/h2>/);
    assert.match(html, /<td>Arm movement<\/td><td>3 \(1\/2\/0\)<\/td><td>0\.333 \(1\/3\)<\/td>/);
    const json = JSON.parse(await readFile(join(out, 'evaluation.json'), 'utf8'));
    assert.equal(json.sets[0].timing.overall.hits, 4);
  });

  it('warns about the ambiguous cells and the disagreeing file, naming cells, not paths', () => {
    assert.match(stderr, /labels\.csv: 2 time cell\(s\) are ambiguous .*line 5 start_time_for_clonic "0:01:59"/);
    assert.match(stderr, /timed\.csv disagrees with an earlier label file on 1 timed\/side cell\(s\) \(start\/end_time_for_head_turning: 1\)/);
    assert.ok(!stderr.includes(dir), 'no full paths');
  });

  it('refuses a cell that is not a time or a side (exit 2, the cell named)', async () => {
    const badTime = await writeText(join(dir, 'bad-time.csv'), csvText(['file_name', 'start_time_for_tonic'], [[rec(0), '0:75']]));
    let r = await runEvaluate(['--labels', files.labels, '--timed-labels', badTime, '--predictions', files.predictions, '--out', join(dir, 'o2')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad-time\.csv line 2, column start_time_for_tonic: "0:75" is not a time\.\nAccepted: MM:SS:00/);
    const badSide = await writeText(join(dir, 'bad-side.csv'), csvText(['file_name', 'left_right_head_turning'], [[rec(0), 'up']]));
    r = await runEvaluate(['--labels', files.labels, '--timed-labels', badSide, '--predictions', files.predictions, '--out', join(dir, 'o3')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /column left_right_head_turning: "up" is not a side/);
    r = await runEvaluate(['--labels', files.timed, '--predictions', files.predictions, '--out', join(dir, 'o4')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /give it with --timed-labels/);
  });

  it('a prediction CSV in the same layout: its onsets count only where it says yes', async () => {
    const preds = await writeText(join(dir, 'preds.csv'), csvText(
      ['file_name', 'head_turning', 'start_time_for_head_turning', 'end_time_for_head_turning', 'left_right_head_turning'],
      [[rec(0), 'yes', '0:15', '0:45', 'left'], [rec(1), 'no', '1:00', '', 'left'], [rec(2), 'yes', '0:08', '', 'right'],
        [rec(3), 'no', '', '', ''], [rec(4), 'yes', '0:30', '', ''], [rec(5), 'yes', '0:03', '', '']]));
    const o = join(dir, 'csv');
    const r = await runEvaluate(['--labels', files.labels, '--timed-labels', files.timed, '--predictions', preds, '--out', o, '--bootstrap', '0']);
    assert.equal(r.code, 0, r.stderr);
    const h = pick(await table(join(o, 'timing.csv')), 'feature', 'head_turning');
    // r0 15 vs 12 (err 3, offset 45 vs 42: 3); r1 says no → its 1:00 is no onset → a miss; r2 8 vs 8; r4 30 on a "no" → false alarm.
    assert.deepEqual(cols(h, ['hits', 'misses', 'false_alarms', 'onset_mae_s', 'offset_mae_s', 'source_csv']), ['2', '1', '1', '1.5', '3', '3']);
    const l = pick(await table(join(o, 'laterality.csv')), 'item', 'head_turning');
    // r0 R→L, r1 L→L, r2 R→R (r3 L: none given): accuracy 2/3, coverage 3/4.
    assert.deepEqual(cols(l, ['answered', 'coverage', 'accuracy', 'source_csv']), ['3', '0.75', '0.667', '3']);
  });
});
