/**
 * `semioscope batch` end to end on real parts: a folder of generated recordings plus one broken file, the tiny
 * Omni pair on the real llama-server (one thread), a real cache file. Every good recording is analysed into
 * its own folder, the broken one fails without stopping the others, summary.csv says which is which, and a
 * rerun asks the model nothing (resumable: the cache holds every answer).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeSampleRecording } from '../../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { batchOutputNames } from '../../../native-models/cli/batchSources.ts';
import { runCli } from '../../helpers/runCli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-batch-'));
const night = path.join(dir, 'night');
let models: { model: string; mmproj: string };
const FLAGS = ['--features', 'occur_during_sleep,close_eyes', '--fps', '1', '--max-frames', '2', '--frame-size', '112', '--segment', '5', '--overlap', '1', '--threads', '1', '--no-pose'];

before(async () => {
  mkdirSync(night);
  models = await writeTinyModelPair('omni', path.join(dir, 'models'));
  await makeSampleRecording(path.join(night, 'bed1 0412.mp4'), { durationS: 6, width: 160, height: 120, fps: 10, audio: false });
  await makeSampleRecording(path.join(night, 'bed3 0533.mp4'), { durationS: 6, width: 160, height: 120, fps: 10, audio: false });
  writeFileSync(path.join(night, 'bed2 0450.mp4'), 'not a video: the copy from the recorder was cut short');
  writeFileSync(path.join(night, 'notes.txt'), 'not a recording: not part of the batch');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const summary = (out: string) => {
  const t = parseCsv(readFileSync(path.join(out, 'summary.csv'), 'utf8'), 'summary.csv');
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? '']))) as unknown as Array<{ recording: string; status: string; present_features: string; model_calls: string; cached_answers: string; seconds: string; folder: string; error: string }>;
};

describe('batch', () => {
  it('analyses every recording of a folder, one failing without stopping the others; a rerun asks nothing', async () => {
    const out = path.join(dir, 'out');
    const db = path.join(dir, 'cache.sqlite');
    const args = ['batch', night, '--out', out, '--db', db, '--model', models.model, '--mmproj', models.mmproj, ...FLAGS];
    const first = await runCli(args);
    assert.notEqual(first.code, 0, 'a failed recording makes the batch exit non-zero');
    assert.equal(first.code, 2, `the broken file is a bad input: ${first.stderr}`);
    assert.match(first.stderr, /\[1\/3\] bed1 0412\.mp4: done in/);
    assert.match(first.stderr, /\[2\/3\] bed2 0450\.mp4: FAILED: /);
    assert.match(first.stderr, /\[3\/3\] bed3 0533\.mp4: done in .* total 100 %/);
    assert.match(first.stderr, /Batch: 2 done, 1 failed, 0 not finished/);
    const rows = summary(out);
    assert.deepEqual(rows.map((r) => [r.recording, r.status]), [['bed1 0412.mp4', 'done'], ['bed2 0450.mp4', 'failed'], ['bed3 0533.mp4', 'done']]);
    assert.ok(rows[1]!.error.length > 10, rows[1]!.error);
    assert.ok(Number(rows[0]!.model_calls) > 0, JSON.stringify(rows));
    for (const r of [rows[0]!, rows[2]!]) {
      assert.ok(existsSync(path.join(out, r.folder, 'analysis.json')) && existsSync(path.join(out, r.folder, 'report.pdf')), r.folder);
    }
    assert.ok(!first.stderr.includes(night), `progress names files, never their folders: ${first.stderr}`);

    const again = await runCli(args);
    assert.equal(again.code, 2);
    const rerun = summary(out);
    assert.deepEqual(rerun.map((r) => r.status), ['done', 'failed', 'done']);
    assert.deepEqual(rerun.filter((r) => r.status === 'done').map((r) => r.model_calls), ['0', '0'], 'the rerun takes every answer from the cache');
    assert.ok(rerun.filter((r) => r.status === 'done').every((r) => Number(r.cached_answers) > 0));
  });

  it('reads a list file, paths relative to it, and names the output folders apart when base names repeat', async () => {
    const list = path.join(dir, 'tonight.txt');
    writeFileSync(list, '# the two beds with events\nnight/bed1 0412.mp4\n\nnight/bed3 0533.mp4\n');
    const out = path.join(dir, 'out-list');
    const r = await runCli(['batch', list, '--out', out, '--db', path.join(dir, 'cache.sqlite'), '--model', models.model, '--mmproj', models.mmproj, ...FLAGS, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(summary(out).map((x) => [x.recording, x.status, x.model_calls]), [['bed1 0412.mp4', 'done', '0'], ['bed3 0533.mp4', 'done', '0']]);
    assert.deepEqual(batchOutputNames(['/a/x.mp4', '/b/x.mp4', '/c/y z.mp4']), ['x.mp4', 'x.mp4-2', 'y_z.mp4']);
  });

  it('refuses an empty folder and a missing source with what to give', async () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const r = await runCli(['batch', empty, '--out', path.join(dir, 'o'), '--model', models.model, '--mmproj', models.mmproj]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /holds no video recording/);
    const m = await runCli(['batch', path.join(dir, 'nowhere'), '--out', path.join(dir, 'o'), '--model', models.model, '--mmproj', models.mmproj]);
    assert.equal(m.code, 2);
    assert.match(m.stderr, /cannot be read/);
  });
});
