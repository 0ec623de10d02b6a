/**
 * Seek stills in Chromium (the review app over the loopback bridge, the real engine building the stills with
 * ffmpeg): after a go-to into the end of a long GOP (the video must decode ~190 frames to show it), the still
 * layer shows the target frame, with the overlay drawn for that frame's time, before the video presents it;
 * the still is the same picture as the video's frame (mean brightness, which changes 8 levels a frame here);
 * and it hides once the video presents the frame (in the same frame callback). The stills folder is this test's own (SEMIOSCOPE_CACHE_DIR).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { startReviewBridge, type ReviewBridge } from '../../native-models/bridge/startReviewBridge.ts';
import { recordAnalysis } from '../../native-models/cache/analysisIndex.ts';
import { AnswerCache } from '../../native-models/cache/answerCache.ts';
import { resolveMediaTools } from '../../native-models/media/ffmpegPaths.ts';
import { hashFile } from '../../native-models/media/hashFile.ts';
import { probeRecording } from '../../native-models/media/probeRecording.ts';
import { analysisSkeleton } from '../helpers/analysisFixture.ts';
import { REPO } from '../helpers/runCli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'test-results', 'seek-stills');
const FPS = 10;
const TARGET_FRAME = 190;
let dir: string;
let dist: string;
let browser: Browser;
const previousCache = process.env.SEMIOSCOPE_CACHE_DIR;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-seek-stills-'));
  process.env.SEMIOSCOPE_CACHE_DIR = path.join(dir, 'cache');
  mkdirSync(SHOTS, { recursive: true });
  dist = path.join(dir, 'renderer');
  await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  if (previousCache === undefined) delete process.env.SEMIOSCOPE_CACHE_DIR; else process.env.SEMIOSCOPE_CACHE_DIR = previousCache;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('seek stills in the review app', () => {
  it('shows the target frame\'s still, with its overlay, before the video presents the frame', async () => {
    const video = path.join(dir, 'long-gop.mp4');
    const { ffmpeg } = resolveMediaTools();
    // 20 s at 10 fps, one keyframe: frame 190 needs 190 decoded frames. Brightness steps 1/30 a frame, repeating each 3 s.
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=${FPS}:d=20`,
      '-vf', "hue=s=0,eq=brightness='-0.45+mod(n,30)/33':eval=frame", '-c:v', 'libx264', '-preset', 'veryfast', '-g', '200', '-keyint_min', '200', '-sc_threshold', '0',
      '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
    const probe = await probeRecording(video);
    const analysis = analysisSkeleton('long-gop.mp4', []);
    analysis.segments = [{ index: 0, startS: 0, endS: probe.durationS }];
    analysis.recording = { ...analysis.recording, sha256: await hashFile(video), durationS: probe.durationS, width: probe.width, height: probe.height, fps: probe.fps, rotation: probe.rotation };
    analysis.enhancement = { pose: { id: 'test', poseModel: 'marker', personDetector: 'none', backend: 'none' }, poseFps: 1,
      frames: [18, 19, 20].map((tS) => ({ tS, keypoints: [{ name: 'left_wrist' as const, x: 200 + tS * 20, y: 300, score: 0.95 }], face: null })) };
    const db = path.join(dir, 'cache.sqlite');
    const cache = new AnswerCache(db);
    recordAnalysis(cache, { analysis, videoPath: video, jsonPath: path.join(dir, 'a.json'), pdfPath: path.join(dir, 'a.pdf') });
    cache.close();

    await using bridge: ReviewBridge = await startReviewBridge({ rendererDir: dist, dbPath: db, analysesDir: path.join(dir, 'analyses') });
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await page.goto(bridge.url);
    await (await page.waitForSelector('[data-testid=recording-item]', { timeout: 10_000 })).click();
    await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement | null)?.readyState! >= 2, undefined, { timeout: 15_000 });
    await page.waitForSelector('[data-testid=stage][data-stills=ready]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid=still][data-ready=true]', { state: 'attached', timeout: 5_000 });

    // In-page code as text: the test runner's transform would add helpers the page does not have.
    await page.evaluate(`(() => {
      const v = document.querySelector('[data-testid=player]');
      const still = document.querySelector('[data-testid=still]');
      const overlay = document.querySelector('[data-testid=overlay]');
      const w = window.__seen = { still: null, presented: null, hiddenAt: null };
      const meanOf = (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let s = 0; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) { s += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]; n++; }
        return s / n;
      };
      new MutationObserver(() => {
        if (still.dataset.shown === 'true' && !w.still) w.still = { t: performance.now(), frame: Number(still.dataset.frame), overlayAt: overlay.dataset.drawnAt, mean: meanOf(still), shot: still.toDataURL('image/png') };
        if (still.dataset.shown === 'false' && w.still && w.hiddenAt === null) w.hiddenAt = performance.now();
      }).observe(still, { attributes: true });
      const onFrame = (_now, meta) => {
        if (Math.round(meta.mediaTime * ${FPS}) === ${TARGET_FRAME}) {
          const c = document.createElement('canvas'); c.width = still.width; c.height = still.height;
          const s = Math.min(c.width / v.videoWidth, c.height / v.videoHeight);
          c.getContext('2d').drawImage(v, (c.width - v.videoWidth * s) / 2, (c.height - v.videoHeight * s) / 2, v.videoWidth * s, v.videoHeight * s);
          w.presented = { t: performance.now(), mean: meanOf(c) };
        } else v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    })()`);
    await page.fill('[data-testid=go-to]', String((TARGET_FRAME + 0.5) / FPS));
    await page.press('[data-testid=go-to]', 'Enter');
    await page.waitForFunction(() => { const s = (window as unknown as { __seen: { presented: unknown; hiddenAt: number | null } }).__seen; return Boolean(s.presented && s.hiddenAt !== null); }, undefined, { timeout: 20_000 }).catch(async (e) => { console.log('seek-stills state at the timeout:', JSON.stringify(await page.evaluate(`(() => { const s = window.__seen; const st = document.querySelector('[data-testid=still]'); const v = document.querySelector('[data-testid=player]'); return { still: s.still && { ...s.still, shot: 0 }, presented: s.presented, hiddenAt: s.hiddenAt, ds: { ...st.dataset }, t: v.currentTime, vis: st.style.visibility }; })()`))); throw e; });
    const seen = await page.evaluate('window.__seen') as { still: { t: number; frame: number; overlayAt: string; mean: number; shot: string } | null; presented: { t: number; mean: number }; hiddenAt: number };
    await page.screenshot({ path: path.join(SHOTS, 'after-seek.png') });
    await page.close();
    assert.ok(seen.still, 'the still layer showed a still');
    writeFileSync(path.join(SHOTS, 'still-shown.png'), Buffer.from(seen.still.shot.replace(/^data:image\/png;base64,/, ''), 'base64'));
    assert.equal(seen.still.frame, TARGET_FRAME, 'the still is the target frame\'s');
    assert.equal(seen.still.overlayAt, (TARGET_FRAME / FPS).toFixed(3), 'the overlay was drawn for the target frame\'s time with the still');
    assert.ok(seen.still.t < seen.presented.t, `the still came before the video presented the frame (${(seen.presented.t - seen.still.t).toFixed(0)} ms earlier)`);
    assert.ok(seen.hiddenAt >= seen.still.t && seen.hiddenAt <= seen.presented.t + 1, 'the still hid when the video presented the frame');
    assert.ok(Math.abs(seen.still.mean - seen.presented.mean) < 4, `the still shows the video's frame: mean ${seen.still.mean.toFixed(1)} vs ${seen.presented.mean.toFixed(1)} (a frame apart is ~8)`);
  });
});
