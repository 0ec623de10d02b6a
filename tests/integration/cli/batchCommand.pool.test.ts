/**
 * A GPU server pool for real, on loopback: two real llama-servers (the tiny random-weight Omni pair, one thread
 * each) given as two `--endpoint`s to `semioscope batch` over a folder of three generated recordings; one
 * server is killed mid-run. All three recordings complete, no answer failed, and nothing was asked twice: the
 * answers the servers completed add up to the answers the analyses hold. Servers serving different models are
 * refused as a pool before any work. A counting pass-through on loopback in
 * front of each server (not a fake: every request reaches the real server) says how many each completed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { makeSampleRecording } from '../../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { resolveLlamaServerBinary } from '../../../native-models/vlm/llamaServerBinary.ts';
import { startCli } from '../../helpers/runCli.ts';
import { startLlamaServer, type RunningLlamaServer } from '../../helpers/tinyModelServer.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-pool-'));
const KEY = 'pool-test-key-0123456789abcdef';
let servers: RunningLlamaServer[] = [];
let counters: Array<{ baseUrl: string; completed: number; close: () => Promise<void> }> = [];

/** Forwards to `target`; counts the chat completions the server answered 200; answers 502 when it is gone. */
async function countingPassThrough(target: string) {
  const counter = { baseUrl: '', completed: 0, close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    try {
      const body = Buffer.concat(chunks);
      const up = await fetch(new URL(req.url ?? '/', target), { method: req.method, headers, body: body.length ? body : undefined });
      const answer = Buffer.from(await up.arrayBuffer());
      if (up.status === 200 && req.url?.startsWith('/v1/chat/completions')) counter.completed++;
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(answer);
    } catch {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"error":"upstream gone"}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  counter.baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  counter.close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return counter;
}

before(async () => {
  const binary = resolveLlamaServerBinary();
  assert.ok(binary, 'llama-server binary not found: run "npm run build:llama" first');
  const models = await writeTinyModelPair('omni', path.join(dir, 'models'));
  servers = [await startLlamaServer(binary, models, { apiKey: KEY }), await startLlamaServer(binary, models, { apiKey: KEY })];
  counters = [await countingPassThrough(servers[0]!.baseUrl), await countingPassThrough(servers[1]!.baseUrl)];
  mkdirSync(path.join(dir, 'night'));
  // Three different recordings (different lengths, so different content and no shared cache entries).
  for (const [name, durationS] of [['bed1.mp4', 6], ['bed2.mp4', 7], ['bed3.mp4', 8]] as const) {
    await makeSampleRecording(path.join(dir, 'night', name), { durationS, width: 160, height: 120, fps: 10, audio: false });
  }
});
after(async () => {
  await Promise.all(counters.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('batch over a pool of two model servers', () => {
  it('completes every recording with no failed answer and nothing asked twice when one server is killed mid-run', async () => {
    const out = path.join(dir, 'out');
    const run = startCli(['batch', path.join(dir, 'night'), '--out', out, '--db', path.join(dir, 'cache.sqlite'),
      '--endpoint', counters[0]!.baseUrl, '--endpoint', counters[1]!.baseUrl, '--remote-model', 'tiny', '--api-key', KEY, '--constraint', 'grammar',
      '--features', 'occur_during_sleep,close_eyes', '--fps', '1', '--max-frames', '2', '--frame-size', '112', '--segment', '5', '--overlap', '1', '--no-pose']);
    // Kill the second server once it has answered twice: the rest must go to the first.
    for (let i = 0; counters[1]!.completed < 2; i++) {
      assert.ok(i < 3000, `the second server never answered twice (${counters.map((c) => c.completed)})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await servers[1]!.stop();
    const killedAfter = counters[1]!.completed;
    const result = await run.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /taken out of rotation/, 'the failing server was left out, and said so');
    assert.match(result.stderr, /Batch: 3 done, 0 failed/);

    let answers = 0;
    let modelCalls = 0;
    for (const name of ['bed1.mp4', 'bed2.mp4', 'bed3.mp4']) {
      const a = parseAnalysisJson(readFileSync(path.join(out, name, 'analysis.json'), 'utf8'), 'analysis.json');
      assert.equal(a.stats.failedAnswers, 0, `${name}: no failed answer`);
      assert.ok(a.answers.every((x) => x.status === 'ok'), name);
      assert.match(a.model.identity, /^remote-pool:tiny#[0-9a-f]{16}$/, 'one model identity for the pool, checked on both servers');
      answers += a.answers.length;
      modelCalls += a.stats.modelCalls;
    }
    assert.equal(answers, 3 * 2 * 2, 'three recordings, two segments, two features');
    assert.equal(modelCalls, answers, 'every answer was asked (none from the cache)');
    assert.equal(counters[0]!.completed + killedAfter, answers, `nothing asked twice: ${counters[0]!.completed} + ${killedAfter} completions for ${answers} answers`);
    assert.ok(counters[0]!.completed > 0 && killedAfter >= 2);
  });

  it('refuses a pool whose servers serve different models, before any work, naming them', async () => {
    const binary = resolveLlamaServerBinary()!;
    const other = await startLlamaServer(binary, await writeTinyModelPair('internvl', path.join(dir, 'models')), { apiKey: KEY });
    try {
      const r = await startCli(['batch', path.join(dir, 'night'), '--out', path.join(dir, 'out-mixed'), '--db', path.join(dir, 'mixed.sqlite'),
        '--endpoint', servers[0]!.baseUrl, '--endpoint', other.baseUrl, '--remote-model', 'tiny', '--api-key', KEY, '--features', 'close_eyes']).done;
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /The servers of the pool do not serve the same model/);
      assert.match(r.stderr, /same model file/);
    } finally {
      await other.stop();
    }
  });
});
