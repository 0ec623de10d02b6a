/**
 * The renderer's bridge client (renderer/src/bridgeClient.ts) in a real browser (Debian's Chromium through
 * playwright-core) against the real bridge and engine: the page opened with the printed link carries the
 * token in its cookie for fetch, EventSource and <video>; progress events arrive during a real analysis
 * (scripted loopback chat server as the remote model), the reply carries the analysis, a bad input rejects
 * with the engine's message and setting, and the video seeks (Range) under the bridge's strict CSP.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { startReviewBridge, type ReviewBridge } from '../../../native-models/bridge/startReviewBridge.ts';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { featureAnswer, startScriptedChatServer, type ScriptedChatServer } from '../../helpers/scriptedChatServer.ts';
import { REPO } from '../../helpers/runCli.ts';

const CHROMIUM = '/usr/bin/chromium';
let dir: string;
let video: string;
let chat: ScriptedChatServer;
let bridge: ReviewBridge;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Debian's Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-bridge-client-'));
  video = path.join(dir, 'rec.mp4');
  execFileSync(resolveMediaTools().ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10:duration=6',
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
  const dist = path.join(dir, 'dist');
  mkdirSync(dist);
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, `import { createBridgeClient } from ${JSON.stringify(path.join(REPO, 'renderer', 'src', 'bridgeClient.ts'))};\n(window as any).client = createBridgeClient();\n`);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', outfile: path.join(dist, 'app.js'), logLevel: 'error' });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="en"><title>bridge client</title><video data-testid="player" muted></video><script type="module" src="/app.js"></script></html>');
  chat = await startScriptedChatServer({ fallback: () => featureAnswer(false) });
  bridge = await startReviewBridge({ rendererDir: dist, dbPath: path.join(dir, 'cache.sqlite'), analysesDir: path.join(dir, 'analyses') });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  await bridge?.close();
  await chat?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bridgeClient in Chromium', () => {
  it('calls the API, receives progress events, plays and seeks the opened recording', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    const response = await page.goto(bridge.url);
    assert.equal(response?.status(), 200);
    await page.waitForFunction(() => Boolean((window as any).client));

    const bad = await page.evaluate(async () => {
      try { await (window as any).client['analysis:start']({ videoPath: '', models: { main: { kind: 'remote', endpoint: 'http://127.0.0.1:1', model: 'm' } } }); return null; }
      catch (e: any) { return { name: e.name, message: e.message, setting: e.setting, status: e.status }; }
    });
    assert.deepEqual(bad, { name: 'UsageError', message: 'Drop or choose a recording first.', setting: 'videoPath', status: 400 });

    const seeked = await page.evaluate(async (videoPath) => {
      const { url } = await (window as any).client['media:open']({ path: videoPath });
      const v = document.querySelector('video')!;
      v.src = url;
      await new Promise((resolve, reject) => { v.onloadedmetadata = resolve; v.onerror = () => reject(new Error(`video error ${v.error?.code}`)); });
      v.currentTime = 4.25;
      await new Promise((resolve) => { v.onseeked = resolve; });
      return { duration: v.duration, currentTime: v.currentTime, url };
    }, video);
    assert.ok(Math.abs(seeked.duration - 6) < 0.2, `duration ${seeked.duration}`);
    assert.ok(Math.abs(seeked.currentTime - 4.25) < 0.01, `currentTime ${seeked.currentTime}`);
    assert.match(seeked.url, /^\/media\/[0-9a-f]{32}$/);

    const run = await page.evaluate(async ({ videoPath, endpoint }) => {
      const client = (window as any).client;
      const events: Array<{ stage: string; percent: number }> = [];
      const off = client['on:analysis:progress']((p: { stage: string; percent: number }) => events.push(p));
      const out = await client['analysis:start']({ videoPath, models: { main: { kind: 'remote', endpoint, model: 'scripted' } },
        settings: { fps: 1, maxFrames: 2, frameSize: 112, features: ['blank_stare', 'tonic'], pose: false, variants: 'base' } });
      // The last events may still be in flight on the stream when the reply lands.
      for (let i = 0; i < 100 && !events.some((e) => e.percent === 100); i++) await new Promise((r) => setTimeout(r, 50));
      off();
      return { events, findings: out.analysis.findings.map((f: { featureId: string; status: string }) => [f.featureId, f.status]) };
    }, { videoPath: video, endpoint: chat.baseUrl });
    assert.ok(run.events.length > 0, 'progress events arrived through EventSource');
    assert.ok(run.events.some((e) => e.percent === 100), 'up to 100 %');
    assert.deepEqual(run.findings.map(([id]: string[]) => id).sort(), ['blank_stare', 'tonic']);
    assert.ok(run.findings.every(([, status]: string[]) => status === 'absent'), 'each feature answered by the (scripted) model');
    assert.ok(chat.requests.length > 0, 'the model was asked');
    assert.deepEqual(violations, [], 'nothing the page does breaks the CSP');
    await page.close();
  });

  it('a page from another origin cannot call the bridge', async () => {
    const page = await browser.newPage();
    await page.goto('about:blank');
    const status = await page.evaluate(async (origin) => {
      try { const r = await fetch(`${origin}/api/analysis:cancel`, { method: 'POST' }); return r.status; } catch { return 'blocked'; }
    }, bridge.origin);
    assert.ok(status === 'blocked' || status === 401 || status === 403, String(status));
    await page.close();
  });
});
