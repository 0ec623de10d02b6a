/**
 * Patient-data safety: onnxruntime-node 1.29+ sends usage telemetry from its native library (a 1DS uploader
 * that looks up mobile.events.data.microsoft.com about 10 s after start and queues events under
 * ~/.cache/Microsoft/DeveloperTools/.onnxruntime/). This runs real pose estimation (in the worker thread) and
 * voice activity (main thread, and in the audio worker thread the analysis uses) for ~15 s in a child process under strace, with a temp HOME and none of the
 * CI variables that make onnxruntime hold back by itself, and checks: no connect() or addressed send to
 * anything but loopback or a local socket, no DNS lookup (port 53, nscd), no Microsoft cache folder. The
 * child also connects to a loopback server of its own, so the trace is shown to see connects at all.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempDir } from './testMedia.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RUN_S = 15;

function haveStrace(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The workload, run by the child: imports the engine's real modules, nothing mocked. */
function childScript(): string {
  const mod = (p: string) => JSON.stringify(pathToFileURL(path.join(ROOT, p)).href);
  return `
import net from 'node:net';
import { createPoseEstimator } from ${mod('native-models/enhance/poseEstimator.ts')};
import { detectVoiceActivity } from ${mod('native-models/enhance/detectVoiceActivity.ts')};
import { enhanceAudio } from ${mod('native-models/enhance/enhanceAudio.ts')};
// A loopback connect the trace must show (the control).
const server = net.createServer((s) => s.end()).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const port = server.address().port;
await new Promise((r, j) => net.connect(port, '127.0.0.1').once('close', r).once('error', j));
server.close();
const w = 320, h = 240, data = Buffer.alloc(w * h * 3);
for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
const estimator = await createPoseEstimator({ worker: true, threads: 1 });
const until = Date.now() + ${RUN_S} * 1000;
let frames = 0;
do { await estimator.estimate({ width: w, height: h, data }); frames++; } while (Date.now() < until);
await estimator.dispose();
const pcm = new Float32Array(16000 * 3);
for (let i = 0; i < pcm.length; i++) pcm[i] = 0.3 * Math.sin(i / 10) * Math.sin(i / 3000);
const segments = await detectVoiceActivity(pcm);
const inWorker = await enhanceAudio(pcm, 16000, { worker: true });
console.log(JSON.stringify({ port, frames, segments: segments.length, workerSegments: inWorker.output.voiceActivity.length }));
`;
}

/** Why a traced socket call is not allowed, or null. */
function forbidden(line: string): string | null {
  const call = /\b(connect|sendto|sendmsg)\((\d+), (.*)$/.exec(line);
  if (!call) return null;
  const rest = call[3]!;
  if (/mobile\\\d+events|microsoft/i.test(rest)) return 'telemetry payload';
  if (/sa_family=AF_UNIX/.test(rest)) return /nscd|resolve|systemd-resolved/.test(rest) ? 'name-service lookup' : null;
  const port = /sin6?_port=htons\((\d+)\)/.exec(rest);
  if (port && port[1] === '53') return 'DNS lookup';
  if (/sa_family=AF_INET6?\b/.test(rest)) {
    const v4 = /inet_addr\("([\d.]+)"\)/.exec(rest)?.[1];
    const v6 = /inet_pton\(AF_INET6, "([^"]+)"/.exec(rest)?.[1];
    if (v4 !== undefined) return v4.startsWith('127.') ? null : `address ${v4}`;
    if (v6 !== undefined) return v6 === '::1' || v6.startsWith('::ffff:127.') ? null : `address ${v6}`;
    return 'unparsed inet address';
  }
  if (/sa_family=AF_(NETLINK|PACKET)/.test(rest)) return null;
  if (/sa_family=/.test(rest)) return 'other address family';
  return null; // send on a connected socket: its connect was checked
}

describe('onnxruntime telemetry is off for every ORT user (pose worker, voice activity)', () => {
  it('makes no connection but loopback, no DNS lookup, and no Microsoft cache files', { timeout: 240_000 }, async () => {
    assert.ok(haveStrace(), 'strace is missing: this test needs it (apt-get install -y strace; scripts/setup.sh should install it)');
    const dir = tempDir('semioscope-telemetry-');
    const home = path.join(dir, 'home');
    execFileSync('mkdir', ['-p', home]);
    const script = path.join(dir, 'workload.mts');
    writeFileSync(script, childScript());
    const trace = path.join(dir, 'trace.txt');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
    // Variables under which onnxruntime suppresses telemetry itself, and the switch under test.
    for (const k of ['CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'GITLAB_CI', 'JENKINS_URL', 'ORT_RUNNING_UNIT_TESTS', 'ORT_DISABLE_TELEMETRY', 'XDG_CACHE_HOME']) delete env[k];
    const child = spawn('strace', ['-f', '-qq', '-e', 'trace=connect,sendto,sendmsg', '-o', trace, process.execPath, '--import', 'tsx', script],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const killer = setTimeout(() => child.kill('SIGKILL'), 200_000);
    const code = await new Promise<number | null>((r) => child.on('close', r));
    clearTimeout(killer);
    assert.equal(code, 0, `workload failed: ${err.slice(-2000)}`);
    const result = JSON.parse(out.trim().split('\n').pop()!) as { port: number; frames: number; segments: number; workerSegments: number };
    assert.ok(result.frames > 0, 'pose estimation ran');
    assert.equal(typeof result.workerSegments, 'number', 'voice activity ran in the audio worker');

    const lines = readFileSync(trace, 'utf8').split('\n');
    assert.ok(lines.some((l) => l.includes(`sin_port=htons(${result.port})`) && l.includes('127.0.0.1')),
      'the trace shows the control loopback connect (strace saw the child\'s sockets)');
    const bad = lines.map((l) => [l, forbidden(l)] as const).filter(([, why]) => why !== null);
    assert.deepEqual(bad.map(([l, why]) => `${why}: ${l.slice(0, 200)}`), []);
    const cache = path.join(home, '.cache', 'Microsoft');
    assert.equal(existsSync(cache), false, `onnxruntime wrote ${cache}`);
  });
});
