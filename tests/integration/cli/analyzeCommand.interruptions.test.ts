/**
 * Interruptions on real parts: a llama-server killed mid-run, the whole command killed mid-run and run again,
 * Ctrl-C. (Bad inputs are the corpus in tests/integration/cli/analyzeCommand.badInputs.test.ts.)
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeSampleRecording } from '../../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { hasStackTrace, runCli, startCli } from '../../helpers/runCli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-resume-'));
const SAMPLING = ['--fps', '1', '--max-frames', '3', '--frame-size', '160', '--json-progress'];
let omni: { model: string; mmproj: string };
let video: string;

before(async () => {
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
  video = await makeSampleRecording(path.join(dir, 'rec.mp4'), { durationS: 40, width: 320, height: 240, fps: 15 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** pids of llama-server processes serving this test's model file. */
function serverPids(): number[] {
  try {
    return execFileSync('pgrep', ['-f', `llama-server.*${omni.model}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch { return []; }
}

function rows(db: string): { n: number; d: number } {
  const d = new Database(db, { readonly: true });
  const r = d.prepare('SELECT count(*) n, count(DISTINCT feature_id || segment_start_ms) d FROM answers').get() as { n: number; d: number };
  d.close();
  return r;
}

/** Resolves once the command has reported `n` answers done. */
function afterAnswers(child: ReturnType<typeof startCli>['child'], n: number): Promise<void> {
  return new Promise((resolve) => {
    let buf = '';
    child.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split('\n')) {
        if (line.startsWith('{') && (JSON.parse(line) as { done: number }).done >= n) return resolve();
      }
    });
  });
}

describe('interruptions', () => {
  test('llama-server killed mid-run: restarted, nothing lost or duplicated', async () => {
    const db = path.join(dir, 'kill-server.sqlite');
    const out = path.join(dir, 'out-kill-server');
    const run = startCli(['analyze', video, '--out', out, '--model', omni.model, '--mmproj', omni.mmproj, '--db', db, ...SAMPLING]);
    await afterAnswers(run.child, 10);
    const pids = serverPids();
    assert.equal(pids.length, 1, 'one server running');
    process.kill(pids[0]!, 'SIGKILL');
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(readFileSync(path.join(out, 'analysis.json'), 'utf8')) as AnalysisResult;
    assert.equal(a.stats.serverRestarts, 1);
    assert.equal(a.answers.length, 40);
    assert.equal(a.answers.filter((x) => x.status === 'ok').length, 40, 'the answer in flight was retried, not failed');
    assert.deepEqual(rows(db), { n: 40, d: 40 });
    assert.deepEqual(serverPids(), [], 'no server left behind');
  });

  test('the command killed mid-run: a rerun resumes from the cache', async () => {
    const db = path.join(dir, 'kill-cli.sqlite');
    const run = startCli(['analyze', video, '--out', path.join(dir, 'out-a'), '--model', omni.model, '--mmproj', omni.mmproj, '--db', db, ...SAMPLING]);
    await afterAnswers(run.child, 15);
    run.child.kill('SIGKILL');
    await run.done;
    const orphan = serverPids();
    const saved = rows(db).n;
    assert.ok(saved >= 15 && saved < 40, `answers saved before the kill: ${saved}`);
    const r = await runCli(['analyze', video, '--out', path.join(dir, 'out-b'), '--model', omni.model, '--mmproj', omni.mmproj, '--db', db, ...SAMPLING]);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(readFileSync(path.join(dir, 'out-b', 'analysis.json'), 'utf8')) as AnalysisResult;
    assert.equal(a.stats.cacheHits, saved);
    assert.equal(a.stats.modelCalls, 40 - saved);
    assert.deepEqual(rows(db), { n: 40, d: 40 });
    for (const pid of orphan) assert.throws(() => process.kill(pid, 0), 'the orphaned server was stopped');
  });
});

describe('cancellation', () => {
  test('Ctrl-C stops cleanly: exit 130, the server stopped, answers so far kept', async () => {
    const db = path.join(dir, 'cancel.sqlite');
    const run = startCli(['analyze', video, '--out', path.join(dir, 'out-cancel'), '--model', omni.model, '--mmproj', omni.mmproj, '--db', db, ...SAMPLING]);
    await afterAnswers(run.child, 5);
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /cancelled/i);
    assert.ok(!hasStackTrace(r.stderr));
    assert.deepEqual(serverPids(), [], 'the model server was stopped');
    assert.ok(rows(db).n >= 5, 'answers given before the cancel are cached');
  });
});
