/**
 * The loopback review bridge over real HTTP on 127.0.0.1 with the real engine: the token, Host and Origin
 * checks, the contract's messages for bad inputs, the body limit, media by id with Range (and every way out
 * of the opened files refused), the renderer with its CSP, Server-Sent Events during a real analysis (real
 * ffmpeg recording, real SQLite cache, the scripted loopback chat server as the remote model), cancellation,
 * and close() ending open event streams.
 */
import assert from 'node:assert/strict';
import { RENDERER_CSP_HEADER } from '../../../native-models/platform/contentSecurityPolicy.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startReviewBridge, type ReviewBridge } from '../../../native-models/bridge/startReviewBridge.ts';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { featureAnswer, startScriptedChatServer, type ScriptedChatServer } from '../../helpers/scriptedChatServer.ts';

interface Reply { status: number; headers: IncomingMessage['headers']; body: Buffer; json: () => any }

/** One raw HTTP request (node:http keeps the path as written: fetch would resolve `..` first). */
function send(bridge: ReviewBridge, o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; auth?: boolean }): Promise<Reply> {
  const headers: Record<string, string> = { host: `127.0.0.1:${bridge.port}`, ...(o.auth === false ? {} : { authorization: `Bearer ${bridge.token}` }), ...o.headers };
  if (o.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ agent: false, host: '127.0.0.1', port: bridge.port, method: o.method ?? 'GET', path: o.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
      });
    });
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

const post = (bridge: ReviewBridge, channel: string, input: unknown, headers: Record<string, string> = {}) =>
  send(bridge, { method: 'POST', path: `/api/${channel}`, body: input === undefined ? undefined : JSON.stringify(input), headers });

/** An open SSE stream: the events seen so far, and a promise that settles when the server ends it. */
function openEvents(bridge: ReviewBridge): Promise<{ status: number; events: Array<{ event: string; data: any }>; ended: Promise<void>; waitFor: (pred: (e: { event: string; data: any }) => boolean) => Promise<void>; destroy: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent: false, host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: { host: `127.0.0.1:${bridge.port}`, cookie: `semioscope_${bridge.port}=${bridge.token}` } }, (res) => {
      const events: Array<{ event: string; data: any }> = [];
      const waiters: Array<{ pred: (e: { event: string; data: any }) => boolean; resolve: () => void }> = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!event || data === undefined) continue;
          const e = { event, data: JSON.parse(data) };
          events.push(e);
          for (const w of waiters.filter((x) => x.pred(e))) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
        }
      });
      const ended = new Promise<void>((r) => { res.on('end', r); res.on('close', r); });
      resolve({
        status: res.statusCode!, events, ended, destroy: () => req.destroy(),
        waitFor: (pred) => (events.some(pred) ? Promise.resolve() : new Promise<void>((r) => waiters.push({ pred, resolve: r }))),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves `p`, or fails after `ms` (a bounded wait, not a timing assertion). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, rej) => { t = setTimeout(() => rej(new Error(`${what} did not happen within ${ms} ms`)), ms); })]).finally(() => clearTimeout(t!));
}

let dir: string;
let video: string;
let rendererDir: string;
let chat: ScriptedChatServer;
let bridge: ReviewBridge;

const models = () => ({ main: { kind: 'remote' as const, endpoint: chat.baseUrl, model: 'scripted' } });
const settings = { fps: 1, maxFrames: 2, frameSize: 112, features: ['blank_stare', 'tonic'], pose: false, variants: 'base' };

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-bridge-'));
  video = path.join(dir, 'rec.mp4');
  execFileSync(resolveMediaTools().ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10:duration=6',
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', video]);
  rendererDir = path.join(dir, 'dist');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Semioscope</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'leak.js'));
  chat = await startScriptedChatServer({ fallback: () => featureAnswer(false) });
  bridge = await startReviewBridge({ rendererDir, dbPath: path.join(dir, 'cache.sqlite'), analysesDir: path.join(dir, 'analyses') });
});
after(async () => {
  await bridge?.close();
  await chat?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startReviewBridge', () => {
  it('listens on 127.0.0.1 and prints a link carrying its token', () => {
    assert.match(bridge.url, new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    assert.ok(bridge.port > 0);
  });

  it('requires the token: 401 without, the page with it (and a strict cookie for the page\'s own requests)', async () => {
    const without = await send(bridge, { path: '/', auth: false });
    assert.equal(without.status, 401);
    assert.match(without.json().error.message, /review link/);
    assert.equal((await send(bridge, { path: '/?token=wrong', auth: false })).status, 401);
    assert.equal((await send(bridge, { path: '/api/analysis:cancel', method: 'POST', auth: false })).status, 401);

    const page = await send(bridge, { path: `/?token=${bridge.token}`, auth: false });
    assert.equal(page.status, 200);
    assert.match(page.body.toString(), /<title>Semioscope<\/title>/);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    assert.equal(csp, RENDERER_CSP_HEADER, 'the same policy as the desktop app');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.match(csp, /connect-src 'self'/);
    const cookie = String(page.headers['set-cookie']);
    assert.match(cookie, new RegExp(`^semioscope_${bridge.port}=${bridge.token};`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);

    const withCookie = await send(bridge, { path: '/assets/app.js', auth: false, headers: { cookie: `other=1; semioscope_${bridge.port}=${bridge.token}` } });
    assert.equal(withCookie.status, 200);
    assert.match(String(withCookie.headers['content-type']), /^text\/javascript/);
    assert.equal((await post(bridge, 'analysis:cancel', undefined)).status, 204, 'the bearer header works for API calls');
  });

  it('refuses another Host (DNS rebinding) and another Origin with 403', async () => {
    const rebinding = await send(bridge, { path: '/', headers: { host: `evil.example:${bridge.port}` } });
    assert.equal(rebinding.status, 403);
    assert.equal((await send(bridge, { path: '/', headers: { host: '127.0.0.1:1' } })).status, 403);
    assert.equal((await send(bridge, { path: '/', headers: { host: `localhost:${bridge.port}` } })).status, 200);

    const foreign = await post(bridge, 'analysis:cancel', undefined, { origin: 'http://evil.example' });
    assert.equal(foreign.status, 403);
    assert.match(foreign.json().error.message, /other sites/);
    assert.equal((await post(bridge, 'analysis:cancel', undefined, { origin: 'null' })).status, 403);
    assert.equal((await post(bridge, 'analysis:cancel', undefined, { origin: bridge.origin })).status, 204);
  });

  it('answers a malformed payload with 400 and the contract\'s message naming the field', async () => {
    const empty = await post(bridge, 'analysis:start', { videoPath: '', models: models() });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.json().error, { name: 'UsageError', message: 'Drop or choose a recording first.', setting: 'videoPath', exitCode: 2 });

    const badFps = await post(bridge, 'analysis:start', { videoPath: video, models: models(), settings: { fps: 1e9 } });
    assert.equal(badFps.status, 400);
    assert.equal(badFps.json().error.setting, 'fps');
    assert.match(badFps.json().error.message, /sampling rate/);

    const notJson = await send(bridge, { method: 'POST', path: '/api/analysis:start', body: '{"videoPath":' });
    assert.equal(notJson.status, 400);
    assert.match(notJson.json().error.message, /not valid JSON/);
    assert.equal((await send(bridge, { method: 'POST', path: '/api/analysis:start', body: '{}', headers: { 'content-type': 'text/plain' } })).status, 400);
    assert.equal((await post(bridge, 'no:such', {})).status, 404);
    assert.equal((await send(bridge, { path: '/api/analysis:start' })).status, 405);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ videoPath: 'x'.repeat(1024 * 1024 + 10), models: models() });
    const r = await send(bridge, { method: 'POST', path: '/api/analysis:start', body: big });
    assert.equal(r.status, 413);
    assert.match(r.json().error.message, /larger than 1024 KiB/);
  });

  it('serves an opened recording by id with Range: 206 with the right bytes, 416 past the end, 404 for an unknown id', async () => {
    const opened = await post(bridge, 'media:open', { path: video });
    assert.equal(opened.status, 200);
    const { url, name } = opened.json();
    assert.equal(name, 'rec.mp4');
    assert.match(url, /^\/media\/[0-9a-f]{32}$/);
    assert.ok(!url.includes('rec'), 'an id, never the path');
    assert.equal((await post(bridge, 'media:open', { path: video })).json().url, url, 'the same file keeps its id');

    const bytes = readFileSync(video);
    const part = await send(bridge, { path: url, headers: { range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes 100-199/${bytes.length}`);
    assert.equal(part.headers['content-type'], 'video/mp4');
    assert.deepEqual(part.body, bytes.subarray(100, 200));
    const whole = await send(bridge, { path: `${url}?token=${bridge.token}`, auth: false });
    assert.equal(whole.status, 200, 'a <video src> with the token as a query parameter');
    assert.deepEqual(whole.body, bytes);
    const past = await send(bridge, { path: url, headers: { range: `bytes=${bytes.length}-` } });
    assert.equal(past.status, 416);
    assert.equal(past.headers['content-range'], `bytes */${bytes.length}`);
    assert.equal((await send(bridge, { path: `/media/${'0'.repeat(32)}` })).status, 404);
    assert.equal((await send(bridge, { path: url, auth: false })).status, 401, 'media needs the token too');
  });

  it('refuses .., encoded escapes, symlinks out of the renderer, and files that are not recordings', async () => {
    for (const p of ['/media/../package.json', '/../package.json', '/media/%2e%2e/package.json', '/%2E%2E/%2e%2e/etc/passwd', '/assets%2fapp.js', '/assets/..%5c..%5cpackage.json', '/assets/%00']) {
      const r = await send(bridge, { path: p });
      assert.equal(r.status, 400, p);
    }
    assert.equal((await send(bridge, { path: '/assets/leak.js' })).status, 404, 'a symlink out of the renderer folder');
    assert.equal((await send(bridge, { path: '/assets/missing.js' })).status, 404);
    const folder = await post(bridge, 'media:open', { path: dir });
    assert.equal(folder.status, 400);
    assert.equal(folder.json().error.name, 'InputError');
    assert.match(folder.json().error.message, /folder/);
    const text = await post(bridge, 'media:open', { path: path.join(dir, 'secret.txt') });
    assert.equal(text.status, 400);
    assert.match(text.json().error.message, /not a video/);
    assert.ok(!text.json().error.message.includes(dir), 'no full paths in messages');
    assert.equal((await post(bridge, 'media:open', { path: path.join(dir, 'gone.mp4') })).status, 400);

    // A symlink the user opened that is later pointed elsewhere is no longer served.
    const link = path.join(dir, 'link.mp4');
    symlinkSync(video, link);
    const { url } = (await post(bridge, 'media:open', { path: link })).json();
    const other = path.join(dir, 'other.mp4');
    writeFileSync(other, 'not the opened recording');
    unlinkSync(link);
    symlinkSync(other, link);
    assert.equal((await send(bridge, { path: url })).status, 200, 'the id is of the real file opened, which still exists');
    assert.equal(statSync(video).size, Number((await send(bridge, { path: url, method: 'HEAD' })).headers['content-length']));
  });

  it('streams progress as Server-Sent Events during a real analysis, and the start reply carries the analysis', async () => {
    const stream = await openEvents(bridge);
    assert.equal(stream.status, 200);
    const start = post(bridge, 'analysis:start', { videoPath: video, models: models(), settings });
    await within(stream.waitFor((e) => e.event === 'analysis:progress'), 60_000, 'a progress event');
    const reply = await within(start, 120_000, 'the analysis reply');
    assert.equal(reply.status, 200, reply.body.toString());
    const out = reply.json();
    assert.deepEqual(out.analysis.findings.map((f: { featureId: string }) => f.featureId).sort(), ['blank_stare', 'tonic']);
    assert.match(out.jsonPath, /analysis\.json$/);
    assert.ok(out.analysis.findings.every((f: { status: string }) => f.status === 'absent'), 'each feature answered by the model');
    assert.ok(chat.requests.length > 0);
    const progress = stream.events.filter((e) => e.event === 'analysis:progress').map((e) => e.data);
    assert.ok(progress.every((p) => typeof p.percent === 'number' && typeof p.stage === 'string'));
    await within(stream.waitFor((e) => e.event === 'analysis:progress' && e.data.percent === 100), 5000, 'the 100 % event');
    stream.destroy();
  });

  it('a cancelled analysis answers 409 CancelledError', async () => {
    const stalling = await startScriptedChatServer({ fallback: () => ({ kind: 'stall' }) });
    try {
      const start = post(bridge, 'analysis:start', { videoPath: video, models: { main: { kind: 'remote', endpoint: stalling.baseUrl, model: 'stalling' } }, settings: { ...settings, features: ['close_eyes'] } });
      await stalling.waitForRequests(1, 60_000);
      assert.equal((await post(bridge, 'analysis:cancel', undefined)).status, 204);
      const r = await within(start, 30_000, 'the cancelled reply');
      assert.equal(r.status, 409);
      assert.equal(r.json().error.name, 'CancelledError');
      assert.equal(r.json().error.exitCode, 130);
    } finally {
      await stalling.close();
    }
  });

  it('limits open event streams (429) and close() ends the open ones', async () => {
    const own = await startReviewBridge({ rendererDir, dbPath: path.join(dir, 'cache2.sqlite'), analysesDir: path.join(dir, 'analyses2'), maxEventStreams: 2 });
    const a = await openEvents(own);
    const b = await openEvents(own);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    const c = await openEvents(own);
    assert.equal(c.status, 429);
    await within(own.close(), 10_000, 'close()');
    await within(Promise.all([a.ended, b.ended]), 5000, 'the streams ending');
    await assert.rejects(send(own, { path: '/' }), /ECONNREFUSED/);
    await own[Symbol.asyncDispose]();
  });

  it('refuses a port out of range, and a renderer folder that does not exist', async () => {
    await assert.rejects(startReviewBridge({ rendererDir, analysesDir: dir, port: 70000 }), (e: any) => e.name === 'UsageError' && e.setting === 'port');
    await assert.rejects(startReviewBridge({ rendererDir: path.join(dir, 'nope'), analysesDir: dir }), (e: any) => e.name === 'InputError' && e.setting === 'rendererDir');
    await assert.rejects(startReviewBridge({ rendererDir, analysesDir: dir, port: bridge.port }), (e: any) => e.name === 'UsageError' && /in use/.test(e.message));
  });
});
