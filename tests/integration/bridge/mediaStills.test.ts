/**
 * `media:stills` through the loopback review bridge with the real engine and ffmpeg: asked until ready (the
 * build's progress first), then one still fetched by HTTP Range (206, exactly its JPEG's bytes) under an
 * opaque id; other ids, a non-video path and a request without the token are refused. The stills folder is
 * this test's own (SEMIOSCOPE_CACHE_DIR).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startReviewBridge, type ReviewBridge } from '../../../native-models/bridge/startReviewBridge.ts';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { stillsFilePath } from '../../../native-models/platform/stillsFiles.ts';

describe('media:stills over the bridge', () => {
  let dir: string;
  let video: string;
  let bridge: ReviewBridge;
  const previousCache = process.env.SEMIOSCOPE_CACHE_DIR;
  const call = (channel: string, body: unknown) => fetch(`${bridge.origin}/api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'semioscope-bridge-stills-'));
    process.env.SEMIOSCOPE_CACHE_DIR = path.join(dir, 'cache');
    video = path.join(dir, 'clip.mp4');
    const { ffmpeg } = resolveMediaTools();
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=2', '-c:v', 'libx264', '-g', '50', '-pix_fmt', 'yuv420p', video]);
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    bridge = await startReviewBridge({ rendererDir, dbPath: path.join(dir, 'cache.sqlite'), analysesDir: path.join(dir, 'analyses') });
  });
  after(async () => {
    await bridge?.close();
    if (previousCache === undefined) delete process.env.SEMIOSCOPE_CACHE_DIR; else process.env.SEMIOSCOPE_CACHE_DIR = previousCache;
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the stills, then serves one still by Range (206) under an id', async () => {
    let out: any;
    for (let i = 0; i < 600; i++) {
      const res = await call('media:stills', { path: video });
      assert.equal(res.status, 200);
      out = await res.json();
      if (out.state === 'ready') break;
      assert.equal(out.state, 'building');
      assert.ok(out.percent >= 0 && out.percent <= 100);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(out.state, 'ready');
    assert.equal(out.frames, 50);
    assert.equal(out.height, 270);
    assert.match(out.url, /^\/media\/[0-9a-f]{32}$/);
    const file = readFileSync(stillsFilePath(out.sha256, 270));
    const [start, end] = [out.offsets[7], out.offsets[8]];
    const res = await fetch(`${bridge.origin}${out.url}`, { headers: { authorization: `Bearer ${bridge.token}`, range: `bytes=${start}-${end - 1}` } });
    assert.equal(res.status, 206);
    assert.equal(res.headers.get('content-range'), `bytes ${start}-${end - 1}/${file.length}`);
    const body = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(body, file.subarray(start, end));
    assert.deepEqual([body[0], body[1], body.at(-2), body.at(-1)], [0xff, 0xd8, 0xff, 0xd9]);
    // The same stills again: answered at once, same id.
    const again = await (await call('media:stills', { path: video })).json() as { url: string };
    assert.equal(again.url, out.url);
    // Without the token: refused.
    const anonymous = await fetch(`${bridge.origin}${out.url}`, { headers: { range: `bytes=${start}-${end - 1}` } });
    assert.ok(anonymous.status === 401 || anonymous.status === 403, String(anonymous.status));
  });

  it('refuses other ids and paths that are not recordings', async () => {
    const unknown = await fetch(`${bridge.origin}/media/${'0'.repeat(32)}`, { headers: { authorization: `Bearer ${bridge.token}` } });
    assert.equal(unknown.status, 404);
    const notes = path.join(dir, 'notes.txt');
    writeFileSync(notes, 'not a video');
    const res = await call('media:stills', { path: notes });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /not a video or audio file/);
    const opened = await call('media:open', { path: path.join(process.env.SEMIOSCOPE_CACHE_DIR!, 'stills') });
    assert.equal(opened.status, 400, 'the stills folder (or a stills file) cannot be opened as media');
  });
});
