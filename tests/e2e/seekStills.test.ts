/**
 * Seek stills in Chromium (the review app over the loopback bridge, the real engine building the stills with
 * ffmpeg), on a recording with one long GOP (the video must decode ~190 frames to show the end of it):
 * - once the stills are in memory, a seek draws the target frame's still, decoded by the WebAssembly JPEG
 *   decoder, and the overlay for that frame's time inside the currentTime assignment itself (read back in the
 *   same synchronous page script), and the same after a go-to typed by the user; the video's own seek starts
 *   after the page has rendered the still (currentTime answers the new time meanwhile), and play() starts it at once;
 * - before the stills are in memory (their preload refused here), the still comes asynchronously from the
 *   browser's own decoder;
 * either way the still comes before the video presents the frame, is the same picture as the video's frame
 * (mean brightness, which changes 8 levels a frame here), and hides once the video presents the frame (in the
 * same frame callback). The stills folder is this test's own (SEMIOSCOPE_CACHE_DIR).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
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
let dir: string;
let browser: Browser;
let bridge: ReviewBridge;
const previousCache = process.env.SEMIOSCOPE_CACHE_DIR;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-seek-stills-'));
  process.env.SEMIOSCOPE_CACHE_DIR = path.join(dir, 'cache');
  mkdirSync(SHOTS, { recursive: true });
  const dist = path.join(dir, 'renderer');
  await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });

  const video = path.join(dir, 'long-gop.mp4');
  // 20 s at 10 fps, one keyframe: frame 190 needs 190 decoded frames. Brightness steps 1/30 a frame, repeating each 3 s.
  execFileSync(resolveMediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=${FPS}:d=20`,
    '-vf', "hue=s=0,eq=brightness='-0.45+mod(n,30)/33':eval=frame", '-c:v', 'libx264', '-preset', 'veryfast', '-g', '200', '-keyint_min', '200', '-sc_threshold', '0',
    '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
  const probe = await probeRecording(video);
  const analysis = analysisSkeleton('long-gop.mp4', []);
  analysis.segments = [{ index: 0, startS: 0, endS: probe.durationS }];
  analysis.recording = { ...analysis.recording, sha256: await hashFile(video), durationS: probe.durationS, width: probe.width, height: probe.height, fps: probe.fps, rotation: probe.rotation };
  analysis.enhancement = { pose: { id: 'test', poseModel: 'marker', personDetector: 'none', backend: 'none' }, poseFps: 1,
    frames: [17, 18, 19, 20].map((tS) => ({ tS, keypoints: [{ name: 'left_wrist' as const, x: 200 + tS * 20, y: 300, score: 0.95 }], face: { x: 500, y: 120, w: 160, h: 200 } })) };
  const db = path.join(dir, 'cache.sqlite');
  const cache = new AnswerCache(db);
  recordAnalysis(cache, { analysis, videoPath: video, jsonPath: path.join(dir, 'a.json'), pdfPath: path.join(dir, 'a.pdf') });
  cache.close();

  bridge = await startReviewBridge({ rendererDir: dist, dbPath: db, analysesDir: path.join(dir, 'analyses') });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  await bridge?.close();
  if (previousCache === undefined) delete process.env.SEMIOSCOPE_CACHE_DIR; else process.env.SEMIOSCOPE_CACHE_DIR = previousCache;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  still: { t: number; frame: number; decoder: string; overlayAt: string; mean: number; shot: string; withOverlay: string } | null;
  presented: { t: number; mean: number } | null;
  hiddenAt: number | null;
}

/** Opens the recording in a new page (`prepare` runs first), with the page's errors collected; waits for a frame and ready stills. */
async function openReview(problems: string[], prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await prepare?.(page);
  page.on('pageerror', (e) => problems.push(String(e)));
  // Failed loads are counted by their answers (the browser asks for a favicon the app does not have).
  page.on('console', (m) => { if ((m.type() === 'error' && !/Failed to load resource/.test(m.text())) || /Content Security Policy/i.test(m.text())) problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') problems.push(`${r.status()} ${new URL(r.url()).pathname}`); });
  await page.goto(bridge.url);
  await (await page.waitForSelector('[data-testid=recording-item]', { timeout: 10_000 })).click();
  await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement | null)?.readyState! >= 2, undefined, { timeout: 15_000 });
  await page.waitForSelector('[data-testid=stage][data-stills=ready]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid=still][data-ready=true]', { state: 'attached', timeout: 5_000 });
  return page;
}

// In-page code as text: the test runner's transform would add helpers the page does not have.
const MEAN_OF = `(c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let s = 0; let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) { s += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]; n++; }
  return s / n;
}`;

/**
 * Watches the next seek to `frame`: the still layer's first still (its frame, decoder, the overlay's time, mean
 * brightness, a picture of the still and of the still with the overlay over it), the video's frame when it
 * presents it (mean brightness, letterboxed like the still) and when the still hides. In window.__seen.
 */
async function watchSeek(page: Page, frame: number): Promise<void> {
  await page.evaluate(`(() => {
    const v = document.querySelector('[data-testid=player]');
    const still = document.querySelector('[data-testid=still]');
    const overlay = document.querySelector('[data-testid=overlay]');
    const w = window.__seen = { still: null, presented: null, hiddenAt: null };
    const meanOf = ${MEAN_OF};
    const withOverlay = () => {
      const c = document.createElement('canvas'); c.width = still.width; c.height = still.height;
      const x = c.getContext('2d'); x.fillStyle = '#000'; x.fillRect(0, 0, c.width, c.height);
      x.drawImage(still, 0, 0); x.drawImage(overlay, 0, 0, c.width, c.height);
      return c.toDataURL('image/png');
    };
    new MutationObserver(() => {
      if (still.dataset.shown === 'true' && !w.still) w.still = { t: performance.now(), frame: Number(still.dataset.frame), decoder: still.dataset.decoder, overlayAt: overlay.dataset.drawnAt,
        mean: meanOf(still), shot: still.toDataURL('image/png'), withOverlay: withOverlay() };
      if (still.dataset.shown === 'false' && w.still && w.hiddenAt === null) w.hiddenAt = performance.now();
    }).observe(still, { attributes: true });
    const onFrame = (_now, meta) => {
      if (Math.round(meta.mediaTime * ${FPS}) === ${frame}) {
        const c = document.createElement('canvas'); c.width = still.width; c.height = still.height;
        const s = Math.min(c.width / v.videoWidth, c.height / v.videoHeight);
        c.getContext('2d').drawImage(v, (c.width - v.videoWidth * s) / 2, (c.height - v.videoHeight * s) / 2, v.videoWidth * s, v.videoHeight * s);
        w.presented = { t: performance.now(), mean: meanOf(c) };
      } else v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  })()`);
}

/** Waits for the watched seek to end (the video presented the frame and the still hid); answers what was seen. */
async function seekSeen(page: Page): Promise<Seen & { still: NonNullable<Seen['still']>; presented: NonNullable<Seen['presented']>; hiddenAt: number }> {
  await page.waitForFunction(() => { const s = (window as unknown as { __seen: Seen }).__seen; return Boolean(s.presented && s.hiddenAt !== null); }, undefined, { timeout: 20_000 }).catch(async (e) => {
    console.log('seek-stills state at the timeout:', JSON.stringify(await page.evaluate(`(() => { const s = window.__seen; const st = document.querySelector('[data-testid=still]'); const v = document.querySelector('[data-testid=player]');
      return { still: s.still && { ...s.still, shot: 0, withOverlay: 0 }, presented: s.presented, hiddenAt: s.hiddenAt, ds: { ...st.dataset }, t: v.currentTime, vis: st.style.visibility }; })()`)));
    throw e;
  });
  const seen = await page.evaluate('window.__seen') as Seen;
  assert.ok(seen.still, 'the still layer showed a still');
  assert.ok(seen.presented && seen.hiddenAt !== null);
  return seen as Seen & { still: NonNullable<Seen['still']>; presented: NonNullable<Seen['presented']>; hiddenAt: number };
}

/** What every seek's still must be: the target frame, with its overlay, before the video's frame, the same picture, gone when the frame came. */
function assertStillStoodIn(seen: Seen & { still: NonNullable<Seen['still']>; presented: NonNullable<Seen['presented']>; hiddenAt: number }, frame: number): void {
  assert.equal(seen.still.frame, frame, 'the still is the target frame\'s');
  assert.equal(seen.still.overlayAt, (frame / FPS).toFixed(3), 'the overlay was drawn for the target frame\'s time with the still');
  assert.ok(seen.still.t < seen.presented.t, `the still came before the video presented the frame (${(seen.presented.t - seen.still.t).toFixed(0)} ms earlier)`);
  assert.ok(seen.hiddenAt >= seen.still.t && seen.hiddenAt <= seen.presented.t + 1, 'the still hid when the video presented the frame');
  assert.ok(Math.abs(seen.still.mean - seen.presented.mean) < 4, `the still shows the video's frame: mean ${seen.still.mean.toFixed(1)} vs ${seen.presented.mean.toFixed(1)} (a frame apart is ~8)`);
}

const png = (dataUrl: string) => Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');

describe('seek stills in the review app', () => {
  it('draws the still and its overlay inside the currentTime assignment once the stills are in memory', async () => {
    const problems: string[] = [];
    const page = await openReview(problems);
    await page.waitForSelector('[data-testid=still][data-preloaded=true][data-sync=true]', { state: 'attached', timeout: 30_000 });

    // A seek by script: everything the still layer did is read back before this script ends (no task ran in between).
    const target = 185;
    await watchSeek(page, target);
    const now = await page.evaluate(`(() => {
      const v = document.querySelector('[data-testid=player]');
      const still = document.querySelector('[data-testid=still]');
      const overlay = document.querySelector('[data-testid=overlay]');
      const before = { frame: still.dataset.frame, shown: still.dataset.shown };
      const order = window.__order = [];
      v.addEventListener('seeking', () => order.push('video seeking'), { once: true });
      v.currentTime = ${(target + 0.5) / FPS};
      requestAnimationFrame(() => order.push('frame with the still'));
      return { before, frame: still.dataset.frame, shown: still.dataset.shown, decoder: still.dataset.decoder, overlayAt: overlay.dataset.drawnAt,
        joints: overlay.dataset.joints, face: overlay.dataset.face, mean: (${MEAN_OF})(still), currentTime: v.currentTime, seeking: v.seeking };
    })()`) as { before: { frame?: string; shown: string }; frame: string; shown: string; decoder: string; overlayAt: string; joints: string; face: string; mean: number; currentTime: number; seeking: boolean };
    assert.notEqual(now.before.frame, String(target), 'the still layer had not shown the target before');
    assert.deepEqual({ frame: now.frame, shown: now.shown, decoder: now.decoder, overlayAt: now.overlayAt, joints: now.joints, face: now.face },
      { frame: String(target), shown: 'true', decoder: 'wasm', overlayAt: (target / FPS).toFixed(3), joints: '1', face: 'true' },
      'the still and the overlay for the target frame, drawn within the assignment');
    assert.equal(now.currentTime, (target + 0.5) / FPS, 'currentTime answers the time asked for at once');
    const byScript = await seekSeen(page);
    assertStillStoodIn(byScript, target);
    // The video's own decode starts after the page rendered the still (it would take the cores that rendering needs).
    assert.equal(now.seeking, false, 'the video is not seeking yet within the assignment');
    assert.deepEqual(await page.evaluate('window.__order'), ['frame with the still', 'video seeking']);
    assert.ok(Math.abs(now.mean - byScript.presented.mean) < 4, `the still drawn in the assignment is the video's frame: mean ${now.mean.toFixed(1)} vs ${byScript.presented.mean.toFixed(1)}`);
    writeFileSync(path.join(SHOTS, 'still-with-overlay.png'), png(byScript.still.withOverlay));

    // A go-to typed by the user takes the same path.
    const typed = 190;
    await watchSeek(page, typed);
    await page.fill('[data-testid=go-to]', String((typed + 0.5) / FPS));
    await page.press('[data-testid=go-to]', 'Enter');
    const byGoTo = await seekSeen(page);
    assert.equal(byGoTo.still.decoder, 'wasm', 'decoded on the page\'s thread from the bytes in memory');
    assertStillStoodIn(byGoTo, typed);
    writeFileSync(path.join(SHOTS, 'still-shown.png'), png(byGoTo.still.shot));
    await page.screenshot({ path: path.join(SHOTS, 'after-seek.png') });

    // Play right after a seek (its video seek still waiting for the frame): play() starts that seek first, so playback starts from the new time.
    const playFrom = 60;
    const played = await page.evaluate(`new Promise((resolve) => {
      const v = document.querySelector('[data-testid=player]');
      v.muted = true;
      v.currentTime = ${(playFrom + 0.5) / FPS};
      const waiting = !v.seeking;
      void v.play();
      const seekingOnPlay = v.seeking;
      v.requestVideoFrameCallback((_now, meta) => { v.pause(); resolve({ waiting, seekingOnPlay, first: Math.round(meta.mediaTime * ${FPS}) }); });
    })`) as { waiting: boolean; seekingOnPlay: boolean; first: number };
    assert.deepEqual({ waiting: played.waiting, seekingOnPlay: played.seekingOnPlay }, { waiting: true, seekingOnPlay: true }, 'the seek waited, and play() started it');
    assert.ok(played.first >= playFrom && played.first < playFrom + 10, `the first frame played is ${played.first}, from ${playFrom} on (it was at ${typed})`);
    assert.deepEqual(problems, [], 'no page errors or CSP violations');
    await page.close();
  });

  it('falls back to the browser\'s asynchronous decode while the stills are not in memory', async () => {
    const problems: string[] = [];
    // The stills' preload (one Range request for many stills; a single still is a few kB) is refused: each still is then fetched on its own.
    let refused = 0;
    const page = await openReview(problems, async (p) => {
      await p.route('**/media/**', async (route) => {
        const m = /^bytes=(\d+)-(\d+)$/.exec(route.request().headers().range ?? '');
        if (route.request().resourceType() === 'fetch' && m && Number(m[2]) - Number(m[1]) > 200_000) { refused++; await route.abort(); } else await route.continue();
      });
    });
    await page.waitForSelector('[data-testid=still][data-preloaded=false][data-sync=true]', { state: 'attached', timeout: 30_000 });
    assert.ok(refused >= 1, 'the preload was asked for and refused');

    const target = 175;
    await watchSeek(page, target);
    const now = await page.evaluate(`(() => {
      const still = document.querySelector('[data-testid=still]');
      document.querySelector('[data-testid=player]').currentTime = ${(target + 0.5) / FPS};
      return { frame: still.dataset.frame, shown: still.dataset.shown };
    })()`) as { frame?: string; shown: string };
    assert.notEqual(now.frame, String(target), 'nothing to draw within the assignment: the still\'s bytes are not in memory');
    const seen = await seekSeen(page);
    assert.equal(seen.still.decoder, 'browser', 'decoded by the browser, asynchronously');
    assertStillStoodIn(seen, target);
    assert.deepEqual(problems, [], 'no page errors or CSP violations');
    await page.close();
  });
});
