/**
 * `semioscope analyze` stopped by a signal at each stage: Ctrl-C while the recording is fingerprinted, while
 * the inputs are prepared (denoising, voice activity, transcript), and SIGTERM (a desktop shell closing, a
 * shutdown) mid-analysis. Each ends with exit 130 and "cancelled", no stack trace, the model server stopped and
 * every answer given so far kept. Real CLI process, real llama-server on the tiny Omni pair (one thread).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeSampleRecording } from '../../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { hasStackTrace, startCli } from '../../helpers/runCli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-signals-'));
let omni: { model: string; mmproj: string };
let video: string;

before(async () => {
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
  video = await makeSampleRecording(path.join(dir, 'rec.mp4'), { durationS: 40, width: 320, height: 240, fps: 15, audio: true, faststart: true });
});
after(() => rmSync(dir, { recursive: true, force: true }));

function serverPids(): number[] {
  try {
    return execFileSync('pgrep', ['-f', `llama-server.*${omni.model}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch { return []; }
}

function answerRows(db: string): number {
  const d = new Database(db, { readonly: true });
  try { return (d.prepare('SELECT count(*) n FROM answers').get() as { n: number }).n; } finally { d.close(); }
}

/** Starts an analysis and resolves with its first progress event that `when` accepts. */
function startUntil(args: string[], when: (e: { stage: string; message: string; done: number }) => boolean) {
  const run = startCli(['analyze', ...args, '--json-progress', '--threads', '1']);
  const reached = new Promise<void>((resolve) => {
    let buf = '';
    run.child.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) if (line.startsWith('{') && when(JSON.parse(line))) resolve();
    });
  });
  return { ...run, reached };
}

const SAMPLING = ['--fps', '1', '--max-frames', '3', '--frame-size', '160'];

/** Exit 130 with "cancelled", no stack trace, not reported as a bug, no model server left running. */
function assertCancelledCleanly(r: { code: number | null; stderr: string }): void {
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /cancelled/i);
  assert.ok(!hasStackTrace(r.stderr) && !/unexpected error/.test(r.stderr), r.stderr);
  assert.deepEqual(serverPids(), [], 'no model server left running');
}

describe('signals cancel cleanly', () => {
  test('Ctrl-C while the recording is fingerprinted: exit 130', async () => {
    // The same recording with 3 GB of (sparse) padding after its data: fingerprinting takes seconds.
    const big = path.join(dir, 'big.mp4');
    execFileSync('cp', [video, big]);
    const fd = openSync(big, 'r+');
    ftruncateSync(fd, statSync(big).size + 3 * 1024 ** 3);
    closeSync(fd);
    appendFileSync(big, Buffer.alloc(0));
    const run = startUntil([big, '--out', path.join(dir, 'out-hash'), '--db', path.join(dir, 'hash.sqlite'), '--model', omni.model, '--mmproj', omni.mmproj],
      (e) => e.stage === 'hash');
    await run.reached;
    run.child.kill('SIGINT');
    const r = await run.done;
    assertCancelledCleanly(r);
  });

  test('Ctrl-C while the inputs are prepared: exit 130, the server stopped', async () => {
    const run = startUntil([video, '--out', path.join(dir, 'out-prep'), '--db', path.join(dir, 'prep.sqlite'), '--model', omni.model, '--mmproj', omni.mmproj, ...SAMPLING,
      '--features', 'ictal_vocalization,verbal_responsiveness,tonic'], (e) => /Preparing the inputs/.test(e.message));
    await run.reached;
    run.child.kill('SIGINT');
    const r = await run.done;
    assertCancelledCleanly(r);
  });

  test('SIGTERM mid-analysis: exit 130, the server stopped, the answers kept', async () => {
    const db = path.join(dir, 'term.sqlite');
    const run = startUntil([video, '--out', path.join(dir, 'out-term'), '--db', db, '--model', omni.model, '--mmproj', omni.mmproj, ...SAMPLING,
      '--features', 'tonic,clonic,close_eyes,occur_during_sleep'], (e) => e.stage === 'analyse' && e.done >= 3);
    await run.reached;
    run.child.kill('SIGTERM');
    const r = await run.done;
    assertCancelledCleanly(r);
    assert.ok(answerRows(db) >= 3, 'the answers given before the signal are cached');
  });
});
