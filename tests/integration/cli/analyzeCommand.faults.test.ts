/**
 * Faults on the real stack: the `semioscope` command as a process, llama-server (one thread) on the tiny
 * random-weight Omni pair, ffmpeg, a real SQLite cache file. The model server killed ten times, the command
 * killed in the middle of its SQLite writes five times, an analysis in a network namespace with only loopback
 * under strace, and two runs at once on one cache: each ends with the answers of an uninterrupted run, no row
 * stored twice, and (offline) no connection but loopback.
 * Needs llama-server built by `npm run build:llama` and strace, unshare and ip (scripts/setup.sh installs them).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeSampleRecording } from '../../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { cacheRoot } from '../../../native-models/platform/paths.ts';
import { onJsonLines, startCli, type CliResult } from '../../helpers/runCli.ts';

// 40 s -> two segments (0-30, 25-40); six features whose best input is the plain frame: 12 answers a run.
// Twelve, not the fewest: test (a) needs a fresh answer before each of its ten kills (see there).
const FEATURES = ['occur_during_sleep', 'close_eyes', 'head_turning', 'arm_flexion', 'figure4', 'clonic'];
const TOTAL = FEATURES.length * 2;
const SMALL = ['--fps', '1', '--max-frames', '4', '--frame-size', '224', '--features', FEATURES.join(','), '--threads', '1', '--json-progress'];

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-faults-'));
let omni: { model: string; mmproj: string };
let video: string;
/** The answers of one uninterrupted run on a fresh cache: what every faulted run must end with. */
let reference: ComparableAnswer[];

interface ComparableAnswer { featureId: string; segmentIndex: number; variant: string; present: boolean | null; justification: string; onsetS: number | null; status: string }

const args = (name: string, db = path.join(dir, `${name}.sqlite`)) =>
  ['analyze', video, '--out', path.join(dir, `out-${name}`), '--model', omni.model, '--mmproj', omni.mmproj, '--db', db, ...SMALL];

function answersOf(name: string): ComparableAnswer[] {
  const a = JSON.parse(readFileSync(path.join(dir, `out-${name}`, 'analysis.json'), 'utf8')) as { answers: ComparableAnswer[] };
  return a.answers
    .map(({ featureId, segmentIndex, variant, present, justification, onsetS, status }) => ({ featureId, segmentIndex, variant, present, justification, onsetS, status }))
    .sort((x, y) => x.segmentIndex - y.segmentIndex || x.featureId.localeCompare(y.featureId));
}

/** Rows in the cache, distinct (segment, feature, variant) among them, and keys stored more than once. */
function cacheRows(db: string): { rows: number; distinct: number; repeatedKeys: number } {
  const d = new Database(db, { readonly: true });
  try {
    const r = d.prepare(`SELECT count(*) rows, count(DISTINCT segment_start_ms || '/' || feature_id || '/' || variant) distinct_ FROM answers`).get() as { rows: number; distinct_: number };
    const repeated = d.prepare(`SELECT count(*) n FROM (SELECT 1 FROM answers GROUP BY recording_sha, segment_start_ms, segment_end_ms, feature_id, variant,
      model_id, catalogue_version, sampling_key HAVING count(*) > 1)`).get() as { n: number };
    return { rows: r.rows, distinct: r.distinct_, repeatedKeys: repeated.n };
  } finally {
    d.close();
  }
}

function integrity(db: string): string {
  const d = new Database(db);
  try { return (d.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; '); } finally { d.close(); }
}

/** llama-server processes that are children of `parentPid` (from /proc: pgrep -P without the name match). */
function llamaServerChildren(parentPid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (comm === 'llama-server' && Number(ppid) === parentPid && state !== 'Z') out.push(Number(name));
    } catch { /* the process ended meanwhile */ }
  }
  return out;
}

/** Any llama-server still serving this file's model (left behind by a killed command). */
function serversOfThisTest(): number[] {
  const r = spawnSync('pgrep', ['-f', `llama-server.*${omni.model}`], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').filter(Boolean).map(Number);
}

/** `done` of the analyse-stage progress lines (cached answers first, then each fresh answer as it is stored). */
function onAnswerProgress(child: ReturnType<typeof startCli>['child'], listener: (done: number) => void): void {
  onJsonLines(child, (line) => { if (line.stage === 'analyse' && typeof line.done === 'number') listener(line.done); });
}

/** Fails (never skips) when a system tool the test needs is missing. */
function requireTools(...tools: string[]): void {
  for (const tool of tools) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
    assert.ok(found, `${tool} is missing: run scripts/setup.sh (it installs strace, util-linux and iproute2)`);
  }
}

const show = (r: CliResult) => `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n${r.stderr.split('\n').filter((l) => !l.startsWith('{')).join('\n').slice(-2000)}`;

before(async () => {
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
  video = await makeSampleRecording(path.join(dir, 'rec.mp4'), { durationS: 40, width: 320, height: 240, fps: 15 });
  const r = await startCli(args('reference')).done;
  assert.equal(r.code, 0, `the uninterrupted reference run failed (is llama-server built? run "npm run build:llama"): ${show(r)}`);
  reference = answersOf('reference');
  assert.equal(reference.length, TOTAL);
  assert.equal(reference.filter((a) => a.status === 'ok').length, TOTAL, 'the reference run answered everything');
});

after(() => {
  // Safety net for a failed assertion mid-test: servers this file's commands started (by pid, this model only).
  for (const pid of serversOfThisTest()) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  rmSync(dir, { recursive: true, force: true });
});

describe('faults on the real stack', () => {
  test('the model server SIGKILLed 10 times across one analysis: resumed, the same answers, nothing stored twice', async (t) => {
    // How: on every fresh answer's progress line the test SIGKILLs the llama-server child of the command (found
    // in /proc by parent pid), at most once per server process. The supervisor restarts a dead server up to 3
    // times a run; the 4th death ends the run with exit 3 (answers so far kept). So the ten kills span several
    // runs of the same command on the same cache: 4 + 4 + 2 in practice, the last run then finishing with exit 0.
    const db = path.join(dir, 'server-kills.sqlite');
    const killed = new Set<number>();
    const runs: Array<{ code: number | null; kills: number; rowsAfter: number }> = [];
    for (let run = 0; run < 6; run++) {
      const started = startCli(args('server-kills', db));
      const cliPid = started.child.pid!;
      const killsBefore = killed.size;
      onAnswerProgress(started.child, () => {
        if (killed.size >= 10) return;
        for (const pid of llamaServerChildren(cliPid)) {
          if (killed.has(pid)) continue;
          killed.add(pid);
          process.kill(pid, 'SIGKILL');
        }
      });
      const r = await started.done;
      runs.push({ code: r.code, kills: killed.size - killsBefore, rowsAfter: cacheRows(db).rows });
      assert.ok(r.code === 0 || r.code === 3, `a run ends done (0) or with the model failure code (3): ${show(r)}`);
      if (r.code === 3) assert.match(r.stderr, /model server/i, 'a run that gives up says the model server failed');
      assert.deepEqual(llamaServerChildren(cliPid), [], 'no server of the run is left running');
      if (r.code === 0) break;
    }
    const summary = JSON.stringify(runs);
    t.diagnostic(`runs (exit code, servers killed, answers cached after): ${summary}`);
    assert.equal(killed.size, 10, `ten kills: ${summary}`);
    assert.equal(runs.at(-1)!.code, 0, `the analysis completed in the end: ${summary}`);
    for (let i = 1; i < runs.length; i++) assert.ok(runs[i]!.rowsAfter > runs[i - 1]!.rowsAfter, `every run stored new answers: ${summary}`);
    assert.deepEqual(answersOf('server-kills'), reference, 'the final answers are those of an uninterrupted run');
    assert.deepEqual(cacheRows(db), { rows: TOTAL, distinct: TOTAL, repeatedKeys: 0 }, 'every answer stored exactly once');
    assert.deepEqual(serversOfThisTest(), [], 'no server left behind');
  });

  test('the command SIGKILLed inside its SQLite writes 5 times, then run to completion: integrity ok, the same answers', async (t) => {
    // How: once a run has stored its first fresh answer (its progress line), strace attaches to the command's main
    // thread (where better-sqlite3 writes) and delivers SIGKILL on entering the k-th pwrite64() to the cache's WAL
    // file after it attached, k = 2..6 over the five runs. SQLite writes a WAL frame as two pwrite64 calls (a
    // 24-byte header, then the page) and a transaction as one or more frames, so the kills fall between a frame's
    // header and its page, or between the frames of one transaction (a keyframe spans several), or just before a
    // commit: always inside the writes of the answers (and keyframes, keypoints) being stored, never after a run.
    requireTools('strace');
    const db = path.join(dir, 'cli-kills.sqlite');
    const killedRuns: Array<{ k: number; rowsBefore: number; rowsAfter: number }> = [];
    for (let i = 0; i < 5; i++) {
      const rowsBefore = i === 0 ? 0 : cacheRows(db).rows;
      const k = i + 2;
      const started = startCli(args('cli-kills', db));
      const cliPid = started.child.pid!;
      let tracer = null as ChildProcess | null;
      let tracerLog = '';
      onAnswerProgress(started.child, (done) => {
        if (tracer || done <= rowsBefore) return; // cached answers come first; wait for a fresh one
        tracer = spawn('strace', ['-qq', '-o', '/dev/null', '-p', String(cliPid), '-P', `${db}-wal`,
          '-e', 'trace=pwrite64', '-e', `inject=pwrite64:signal=SIGKILL:when=${k}`], { stdio: ['ignore', 'ignore', 'pipe'] });
        tracer.on('error', (e) => { tracerLog += `strace could not start: ${e.message}`; });
        tracer.stderr!.on('data', (d: Buffer) => { tracerLog += d.toString(); });
      });
      const r = await started.done;
      assert.ok(tracer, `run ${i + 1} stored no fresh answer: ${show(r)}`);
      if (tracer.exitCode === null && tracer.signalCode === null && !tracerLog.startsWith('strace could not start')) await new Promise((resolve) => tracer!.once('close', resolve));
      assert.equal(r.signal, 'SIGKILL', `run ${i + 1} was killed in a write (k=${k}), not finished: ${show(r)}\nstrace: ${tracerLog}`);
      killedRuns.push({ k, rowsBefore, rowsAfter: cacheRows(db).rows });
      assert.equal(integrity(db), 'ok', `the cache is intact after kill ${i + 1}`);
    }
    const summary = JSON.stringify(killedRuns);
    t.diagnostic(`killed runs (k-th WAL write, answers cached before, after): ${summary}`);
    assert.ok(killedRuns.every((x) => x.rowsAfter < TOTAL), `every kill came before the analysis was complete: ${summary}`);
    assert.ok(killedRuns.every((x) => x.rowsAfter > x.rowsBefore), `every killed run kept the answers it had stored: ${summary}`);

    const r = await startCli(args('cli-kills', db)).done;
    assert.equal(r.code, 0, show(r));
    assert.equal(integrity(db), 'ok');
    assert.deepEqual(answersOf('cli-kills'), reference, 'the final answers are those of an uninterrupted run');
    assert.deepEqual(cacheRows(db), { rows: TOTAL, distinct: TOTAL, repeatedKeys: 0 });
    assert.deepEqual(serversOfThisTest(), [], 'the servers orphaned by the kills were stopped');
  });

  test('offline: a whole analysis in a network namespace with only loopback; every connect() is to loopback or a local socket', async (t) => {
    requireTools('strace', 'unshare', 'ip');
    const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' });
    assert.equal(probe.status, 0, `cannot make a network namespace (unshare -n needs root or CAP_SYS_ADMIN): ${probe.stderr}`);

    const trace = path.join(dir, 'connect.trace');
    const wrap = ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'offline',
      'strace', '-f', '-qq', '-o', trace, '-e', 'trace=connect'];
    // Without the CI markers a CI machine sets: libraries that stay quiet under CI (onnxruntime's telemetry
    // uploader does) must be kept offline by the product itself, as on a clinician's workstation.
    const notCi = Object.fromEntries(['CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'GITLAB_CI', 'CIRCLECI', 'TRAVIS', 'JENKINS_URL', 'CODEBUILD_BUILD_ID',
      'BUILDKITE', 'TEAMCITY_VERSION', 'APPVEYOR', 'BITBUCKET_BUILD_NUMBER', 'SYSTEM_TEAMFOUNDATIONCOLLECTIONURI', 'ORT_RUNNING_UNIT_TESTS',
      'ORT_DISABLE_TELEMETRY', 'ORT_TELEMETRY_DISABLED'].map((k) => [k, undefined]));
    // A fresh home, to see what the run leaves there (the model-server build is found where it was built).
    const home = path.join(dir, 'offline-home');
    mkdirSync(home);
    const r = await startCli(args('offline'), { ...notCi, HOME: home, XDG_CACHE_HOME: undefined, SEMIOSCOPE_CACHE_DIR: cacheRoot() }, { wrap }).done;
    assert.equal(r.code, 0, show(r));
    const analysis = JSON.parse(readFileSync(path.join(dir, 'out-offline', 'analysis.json'), 'utf8')) as { schemaVersion: number; answers: unknown[]; stats: { modelCalls: number } };
    assert.equal(analysis.schemaVersion, 2);
    assert.equal(analysis.stats.modelCalls, TOTAL, 'the model was asked (a fresh cache), so connections were made');
    assert.deepEqual(answersOf('offline'), reference);

    const connects = readFileSync(trace, 'utf8').split('\n').filter((l) => /\bconnect\(/.test(l));
    const loopback = (l: string) =>
      /sa_family=AF_UNIX/.test(l) ||
      (/sa_family=AF_INET\b/.test(l) && /sin_addr=inet_addr\("127\.0\.0\.1"\)/.test(l)) ||
      (/sa_family=AF_INET6/.test(l) && /inet_pton\(AF_INET6, "(::1|::ffff:127\.0\.0\.1)"/.test(l));
    assert.ok(connects.some((l) => /127\.0\.0\.1/.test(l)), `strace saw the command reach its model server on loopback (${connects.length} connect calls)`);
    const other = connects.filter((l) => !loopback(l));
    t.diagnostic(`${connects.length} connect() calls: ${connects.filter((l) => /AF_UNIX/.test(l)).length} AF_UNIX, ${connects.filter((l) => /127\.0\.0\.1/.test(l)).length} to 127.0.0.1`);
    assert.deepEqual(other, [], 'every connect() is to 127.0.0.1, ::1 or an AF_UNIX socket');
    assert.ok(!existsSync(path.join(home, '.cache', 'Microsoft')), 'no telemetry queued for later upload (onnxruntime\'s ~/.cache/Microsoft)');
  });

  test('two runs at once on one cache: both finish with the same answers, each stored once', async () => {
    const db = path.join(dir, 'concurrent.sqlite');
    const [a, b] = await Promise.all([startCli(args('concurrent-a', db)).done, startCli(args('concurrent-b', db)).done]);
    assert.equal(a.code, 0, show(a));
    assert.equal(b.code, 0, show(b));
    assert.deepEqual(answersOf('concurrent-a'), reference);
    assert.deepEqual(answersOf('concurrent-b'), reference);
    assert.deepEqual(cacheRows(db), { rows: TOTAL, distinct: TOTAL, repeatedKeys: 0 });
    assert.equal(integrity(db), 'ok');
  });
});
