/**
 * `npm run bench:ui -- [--seeks N] [--duration S] [--opens N] [--json] [--keep]`: the review app's UI
 * benchmark (issue 11), in Debian's Chromium over the in-process loopback bridge, on a generated 1080p30
 * stand-in recording (3 min by default) analysed once with the tiny random-weight Omni pair (pose on, so the
 * overlay has a skeleton and a face box to draw). It measures
 *   - open: from clicking the recording in the start screen's list (a reopen from the cache, no model asked)
 *     to an interactive review: the player has a frame (readyState >= 2), the overlay drew once, 20 lanes.
 *     Several reloads and reopens; the median and the first are reported.
 *   - seek stills: built once in this process before the browser opens (media/seekStills.ts, as the app's
 *     `media:stills` would): build time, size; the app finds them ready.
 *   - seeks: N seeded random seeks (mid-frame targets), timed in the page from the currentTime assignment to
 *     the overlay canvas saying it drew for the new frame's time (data-drawn-at = frame/fps) while the new
 *     frame is on screen: its seek still (the still layer shows that frame) or the video's own frame,
 *     whichever came first (what the user sees), both overlays on. A canvas call is not yet a paint, so
 *     also: seek -> the first animation frame after that draw (the rendering that can take it to the screen)
 *     and -> the first task after that rendering; seek -> still shown (and which decoder made it), the
 *     currentTime assignment's own duration, seek -> the full-resolution frame presented, and the overlay
 *     drawn on it (the figure without stills).
 *     Baseline in the same run, on the same targets (alternating blocks): a bare <video> of the same file at
 *     the same size in the same page, to its own frame presented (requestVideoFrameCallback), no overlay,
 *     no app. The app seeks are split: seeked event, frame presented, frame callback, the overlay's draw, the
 *     still's Range fetch.
 *   - a decode check: the same bare-video seeks on the first 30 s re-encoded all-intra, at 1080p and 540p,
 *     to tell decoding (GOP length, resolution) from the app's own cost.
 * Targets: p95 <= 16 ms, open <= 1000 ms. With --json the last stdout line is one JSON object; progress
 * (stage, percent) goes to stderr. Ctrl-C closes the browser, the bridge and the model server and removes
 * the temp dir (--keep leaves it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startReviewBridge, type ReviewBridge } from '../bridge/startReviewBridge.ts';
import { writeTinyModelPair } from '../demo/writeTinyModels.ts';
import { asCancellation, CancelledError, exitCodeOf, throwIfCancelled, UsageError } from '../errors.ts';
import { resolveMediaTools } from '../media/ffmpegPaths.ts';
import { buildSeekStills, DEFAULT_STILL_HEIGHT } from '../media/seekStills.ts';
import { stillsFilePath, stillsIndexPath } from '../platform/stillsFiles.ts';
import { AnalysisSession } from '../session/analysisSession.ts';
import { makeBenchRecording } from './makeBenchRecording.ts';
import { median, percentile } from './percentile.ts';
import { seededRandom, seekTargets, type SeekTarget } from './seekTargets.ts';

const CHROMIUM = '/usr/bin/chromium';
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const TARGETS = { p95Ms: 16, openMs: 1000 } as const;
const SEED = 11;
const WARMUP_SEEKS = 10;
/** Seconds of the recording re-encoded all-intra for the decode check. */
const INTRA_S = 30;
/** Lines of the smaller all-intra excerpt (about the player's size on a laptop screen). */
const PROXY_LINES = 540;
/** Seeks per alternating block of baseline and app seeks. */
const BLOCK = 10;
/** A cheap analysis that still runs pose at 1 fps over the whole recording (the overlay interpolates across gaps up to 1.5 s). */
const SETTINGS = { features: ['tonic', 'clonic'], fps: 1, maxFrames: 2, frameSize: 112, threads: 1, pose: true, parallel: 1 };

export interface BenchUiOptions { seeks: number; durationS: number; opens: number; json: boolean; keep: boolean }

export function parseBenchUiArgs(argv: readonly string[]): BenchUiOptions {
  const o: BenchUiOptions = { seeks: 200, durationS: 180, opens: 5, json: false, keep: false };
  const num = (flag: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got ${v ?? 'nothing'}).`, { setting: flag.slice(2) });
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') o.json = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--seeks') o.seeks = num(a, argv[++i], 1, 100_000);
    else if (a === '--duration') o.durationS = num(a, argv[++i], 10, 3600);
    else if (a === '--opens') o.opens = num(a, argv[++i], 1, 100);
    else throw new UsageError(`Unknown option "${a.slice(0, 40)}".`, { hint: 'Use --seeks N, --duration S, --opens N, --json, --keep.' });
  }
  return o;
}

const progress = (stage: string, percent: number, note = '') =>
  process.stderr.write(`[bench:ui] ${stage} ${Math.round(percent)} %${note ? ` · ${note}` : ''}\n`);

/** One seek of the bare-video baseline, or null when no frame came within the wait. */
/**
 * setterMs: the bare element's own currentTime assignment (what the app's assignment costs besides the still);
 * animationFrameMs: seek -> the next animation frame (as the app's figure after its draw); idleFrameMs: after
 * the seek is over and a seeded wait, the wait for an animation frame without any seek (the machine's own).
 */
interface BaselineSeek { ms: number; mediaTime: number; setterMs: number; animationFrameMs: number | null; idleFrameMs: number | null }
/**
 * One seek of the app, every time from the currentTime assignment (ms); null fields did not happen within the wait.
 * overlayMs: the overlay drawn for the new frame with the new frame on screen (its still or the video's frame);
 * overlayFrameMs: the first animation frame after that (requestAnimationFrame: the frame whose rendering can
 * take those pixels to the screen); overlayPaintMs: the first task after that frame's rendering (style, layout,
 * paint and commit done); setterMs: the currentTime assignment itself (with stills in memory, the still's
 * decode and both draws happen inside it); decoder: what decoded the still shown (wasm: on the page's thread
 * inside the seek; cache: decoded earlier; browser: asynchronously); videoOverlayMs: the overlay drawn once
 * the video presented the frame (what the app did without stills).
 */
interface AppSeek { overlayMs: number | null; via: 'still' | 'video' | null; overlayFrameMs: number | null; overlayFrameBeginMs: number | null; overlayDrawStartMs: number | null; overlayPaintMs: number | null; setterMs: number | null; decoder: string | null; stillMs: number | null; stillFetchMs: number | null; stillDecodeStartMs: number | null; stillDecodeMs: number | null; videoOverlayMs: number | null;
  seekedMs: number | null; presentedMs: number | null; frameCallbackMs: number | null; drawMs: number | null; mediaTime: number | null; joints: number; face: boolean }

// The functions below run in the page (page.evaluate serialises them): tsx names functions with a __name
// helper that the page lacks, so the page gets a no-op one first (an init script, before any page script).
const PAGE_PRELUDE = 'globalThis.__name = globalThis.__name || ((f) => f);';

type FrameVideo = HTMLVideoElement & { requestVideoFrameCallback(cb: (now: number, meta: { mediaTime: number; presentationTime: number }) => void): number };

/** Installs the open watcher: resolves with the time from the click on a recording to an interactive review. */
function watchOpen(): void {
  const w = window as unknown as { benchOpen: Promise<{ ms: number; lanes: number }> };
  w.benchOpen = new Promise((resolve) => {
    let t0: number | null = null;
    let done = false;
    const check = () => {
      if (done || t0 === null) return;
      const v = document.querySelector('[data-testid=player]') as HTMLVideoElement | null;
      const c = document.querySelector('[data-testid=overlay]') as HTMLCanvasElement | null;
      const lanes = document.querySelectorAll('[data-testid^=lane-]').length;
      if (v && v.readyState >= 2 && c && c.dataset.drawnAt !== undefined && lanes >= 20) {
        done = true;
        resolve({ ms: performance.now() - t0, lanes });
      }
    };
    document.addEventListener('click', (e) => {
      if (t0 === null && (e.target as Element | null)?.closest?.('[data-testid=recording-item]')) t0 = performance.now();
    }, { capture: true });
    // Checked on every DOM change, media event and frame, so the moment is not rounded to a frame.
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
    for (const type of ['loadeddata', 'canplay', 'seeked']) document.addEventListener(type, check, { capture: true });
    const tick = () => { check(); if (!done) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
}

interface SeekPlan {
  targets: SeekTarget[];
  /** Wait before each seek (ms, seeded): spreads the seeks over the display's frame phase. */
  gapsMs: number[];
  /** Seeks per block; the baseline and the app alternate block by block, so drifting load hits both alike. */
  block: number;
  timeoutMs: number;
  /** false: the baseline only (the decode checks). */
  app: boolean;
  /** The baseline's file (default: the app player's). */
  src?: string;
  fps: number;
}

/**
 * Runs the seeks in the page. Baseline: a bare <video> of the same file, the same size, in the same page,
 * seeked to each target; ms to its own frame callback. App: the review screen's player seeked to the same
 * target; the overlay counts as drawn for the new frame when its data-drawn-at is the frame's time
 * (frame/fps) while the still layer shows that frame or after the video presented it; done when the video
 * has presented the frame and the overlay drew on it too. The bare video is visible only during its own
 * blocks (it covers the player).
 */
async function runSeeks(a: SeekPlan): Promise<{ base: Array<BaselineSeek | null>; app: AppSeek[] }> {
  const player = document.querySelector('[data-testid=player]') as FrameVideo;
  const canvas = document.querySelector('[data-testid=overlay]') as HTMLCanvasElement;
  const still = document.querySelector('[data-testid=still]') as HTMLCanvasElement | null;
  performance.setResourceTimingBufferSize(100_000);
  const r = player.getBoundingClientRect();
  const bare = document.createElement('video') as FrameVideo;
  bare.muted = true;
  bare.preload = 'auto';
  Object.assign(bare.style, { position: 'fixed', left: '0px', top: '0px', width: `${r.width}px`, height: `${r.height}px`, zIndex: '2147483647', objectFit: 'contain', background: '#000', visibility: 'hidden' });
  document.body.appendChild(bare);
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  // The overlay's draw starts with clearRect on its context (the same object for every getContext call).
  const records: Array<{ value: string | undefined; t: number; drawStart: number; stillFrame: number | null; decoder: string | null }> = [];
  const ctx = canvas.getContext('2d')!;
  let lastClear = 0;
  const clearRect = ctx.clearRect.bind(ctx);
  ctx.clearRect = (x: number, y: number, w: number, h: number) => { lastClear = performance.now(); clearRect(x, y, w, h); };
  let onRecord: (() => void) | null = null;
  let stillShown: { t: number; frame: number } | null = null;
  // The still layer decodes each still with ImageDecoder (else createImageBitmap): timed here, from the call to the picture.
  const decodes: Array<{ start: number; end: number }> = [];
  const w = window as unknown as { createImageBitmap: (...args: unknown[]) => Promise<ImageBitmap> };
  const createBitmap = w.createImageBitmap;
  w.createImageBitmap = (...args: unknown[]) => { const start = performance.now(); return createBitmap.apply(window, args).then((b) => { decodes.push({ start, end: performance.now() }); return b; }); };
  const decoderProto = (window as unknown as { ImageDecoder?: { prototype: { decode: (...args: unknown[]) => Promise<unknown> } } }).ImageDecoder?.prototype;
  const decode = decoderProto?.decode;
  if (decoderProto && decode) decoderProto.decode = function (this: unknown, ...args: unknown[]) { const start = performance.now(); return decode.apply(this, args).then((r) => { decodes.push({ start, end: performance.now() }); return r; }); };
  const observer = new MutationObserver(() => {
    const stillFrame = still?.dataset.shown === 'true' ? Number(still.dataset.frame) : null;
    records.push({ value: canvas.dataset.drawnAt, t: performance.now(), drawStart: lastClear, stillFrame, decoder: stillFrame === null ? null : still?.dataset.decoder ?? null });
    onRecord?.();
  });
  observer.observe(canvas, { attributes: true, attributeFilter: ['data-drawn-at'] });
  const stillObserver = new MutationObserver(() => { if (still?.dataset.shown === 'true' && !stillShown) stillShown = { t: performance.now(), frame: Number(still.dataset.frame) }; });
  if (still) stillObserver.observe(still, { attributes: true, attributeFilter: ['data-shown', 'data-frame'] });

  const baseSeek = (target: SeekTarget) => new Promise<BaselineSeek | null>((resolve) => {
    let t0 = 0;
    let setterMs = 0;
    const timer = setTimeout(() => resolve(null), a.timeoutMs);
    let animationFrameMs: number | null = null;
    bare.requestVideoFrameCallback((_now, meta) => { clearTimeout(timer); resolve({ ms: performance.now() - t0, mediaTime: meta.mediaTime, setterMs, animationFrameMs, idleFrameMs: null }); });
    t0 = performance.now();
    bare.currentTime = target.timeS;
    setterMs = performance.now() - t0;
    requestAnimationFrame(() => { animationFrameMs = performance.now() - t0; });
  });
  const idleFrame = () => new Promise<number>((resolve) => { const t0 = performance.now(); requestAnimationFrame(() => resolve(performance.now() - t0)); });
  const appSeek = (target: SeekTarget) => new Promise<AppSeek>((resolve) => {
    records.length = 0;
    decodes.length = 0;
    stillShown = null;
    performance.clearResourceTimings();
    let t0 = 0;
    const s: AppSeek = { overlayMs: null, via: null, overlayFrameMs: null, overlayFrameBeginMs: null, overlayDrawStartMs: null, overlayPaintMs: null, setterMs: null, decoder: null, stillMs: null, stillFetchMs: null, stillDecodeStartMs: null, stillDecodeMs: null, videoOverlayMs: null, seekedMs: null, presentedMs: null, frameCallbackMs: null, drawMs: null, mediaTime: null, joints: 0, face: false };
    const frameTime = (target.frame / a.fps).toFixed(3);
    let presentedAt: number | null = null;
    const onSeeked = () => { s.seekedMs = performance.now() - t0; };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      player.removeEventListener('seeked', onSeeked);
      onRecord = null;
      if (stillShown && stillShown.frame === target.frame) s.stillMs = stillShown.t - t0;
      // The first fetch of a media id after the seek is the target's still (its neighbours are fetched after it).
      const fetched = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.initiatorType === 'fetch' && e.name.includes('/media/') && e.startTime >= t0);
      if (fetched) s.stillFetchMs = fetched.responseEnd - fetched.startTime;
      const decoded = decodes.find((d) => d.start >= t0);
      if (decoded) { s.stillDecodeStartMs = decoded.start - t0; s.stillDecodeMs = decoded.end - decoded.start; }
      resolve(s);
    };
    const timer = setTimeout(finish, a.timeoutMs);
    const match = () => {
      for (const x of records) {
        if (x.value !== frameTime) continue;
        const onScreen = x.stillFrame === target.frame ? 'still' : presentedAt !== null && x.t >= presentedAt ? 'video' : null;
        if (onScreen && s.overlayMs === null) {
          s.overlayMs = x.t - t0;
          s.via = onScreen;
          if (onScreen === 'still') s.decoder = x.decoder;
          // The pixels reach the screen with the next rendering of the page: timed at its animation frame callbacks and after it.
          s.overlayDrawStartMs = x.drawStart >= t0 ? x.drawStart - t0 : null;
          requestAnimationFrame((frameTime) => {
            s.overlayFrameMs = performance.now() - t0;
            // The frame's own time (its begin-frame signal): a late callback after an early frame time is a busy main thread.
            s.overlayFrameBeginMs = frameTime - t0;
            const after = new MessageChannel();
            after.port1.onmessage = () => { s.overlayPaintMs = performance.now() - t0; after.port1.close(); match(); };
            after.port2.postMessage(null);
          });
          s.drawMs = x.drawStart >= t0 ? x.t - x.drawStart : null;
          s.joints = Number(canvas.dataset.joints);
          s.face = canvas.dataset.face === 'true';
        }
        if (presentedAt !== null && x.t >= presentedAt && s.videoOverlayMs === null) s.videoOverlayMs = x.t - t0;
      }
      if (s.overlayMs !== null && s.videoOverlayMs !== null && s.overlayPaintMs !== null) finish();
    };
    onRecord = match;
    player.addEventListener('seeked', onSeeked);
    player.requestVideoFrameCallback((now, meta) => {
      // `now` is when this frame's callbacks began: the overlay's own callback (registered earlier) may have drawn already.
      presentedAt = now;
      s.frameCallbackMs = performance.now() - t0;
      s.presentedMs = meta.presentationTime - t0;
      s.mediaTime = meta.mediaTime;
      match();
    });
    t0 = performance.now();
    player.currentTime = target.timeS;
    s.setterMs = performance.now() - t0;
  });

  try {
    await new Promise<void>((resolve, reject) => {
      bare.addEventListener('loadeddata', () => resolve(), { once: true });
      bare.addEventListener('error', () => reject(new Error('The baseline video could not be loaded.')), { once: true });
      bare.src = a.src ?? player.currentSrc;
    });
    const base: Array<BaselineSeek | null> = [];
    const app: AppSeek[] = [];
    for (let from = 0; from < a.targets.length; from += a.block) {
      const block = a.targets.slice(from, from + a.block);
      bare.style.visibility = 'visible';
      await nextFrame();
      for (const [i, t] of block.entries()) {
        await sleep(a.gapsMs[from + i] ?? 0);
        const b = await baseSeek(t);
        await sleep(20 + (a.gapsMs[from + i] ?? 0));
        if (b) b.idleFrameMs = await idleFrame();
        base.push(b);
      }
      bare.style.visibility = 'hidden';
      if (!a.app) continue;
      await nextFrame();
      for (const [i, t] of block.entries()) { await sleep(a.gapsMs[from + i] ?? 0); app.push(await appSeek(t)); }
    }
    return { base, app };
  } finally {
    observer.disconnect();
    stillObserver.disconnect();
    w.createImageBitmap = createBitmap;
    if (decoderProto && decode) decoderProto.decode = decode;
    delete (ctx as { clearRect?: unknown }).clearRect;
    bare.removeAttribute('src');
    bare.load();
    bare.remove();
  }
}

/** Makes `file` playable through the bridge's own media:open (same origin, the page's token cookie): its URL. */
async function mediaUrlOf(page: Page, file: string): Promise<string> {
  return page.evaluate(async (p) => {
    const res = await fetch('/api/media:open', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: p }) });
    if (!res.ok) throw new Error(`media:open answered ${res.status}`);
    return ((await res.json()) as { url: string }).url;
  }, file);
}

/** The decode check: the first `seconds` of the recording re-encoded all-intra (every frame a keyframe), no audio, optionally at `height` lines. */
async function allIntraExcerpt(video: string, out: string, seconds: number, signal: AbortSignal, height?: number): Promise<string> {
  const { ffmpeg } = resolveMediaTools();
  await promisify(execFile)(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-t', String(seconds), '-i', video, '-an', ...(height ? ['-vf', `scale=-2:${height}`] : []),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-g', '1', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', out], { signal });
  return out;
}

/** Reloads the app and reopens the recording from the start screen's list: ms to an interactive review. */
async function measureOpen(page: Page, url: string, sha256: string): Promise<number> {
  await page.goto(url);
  const item = `[data-testid=recording-item][data-sha256="${sha256}"]`;
  await page.waitForSelector(item, { timeout: 30_000 });
  await page.evaluate(watchOpen);
  await page.click(item);
  const r = await page.evaluate(() => (window as unknown as { benchOpen: Promise<{ ms: number; lanes: number }> }).benchOpen);
  return r.ms;
}

async function ensurePressed(page: Page, testId: string): Promise<void> {
  const sel = `[data-testid=${testId}]`;
  if ((await page.getAttribute(sel, 'aria-pressed')) !== 'true') await page.click(sel);
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-pressed') === 'true', sel, { timeout: 5_000 });
}

const finite = (xs: Array<number | null | undefined>) => xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : Number.NaN, n: xs.length });
const ms1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

export async function runBenchUi(o: BenchUiOptions, signal: AbortSignal, onBrowser: (b: Browser) => void): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-bench-ui-'));
  let bridge: ReviewBridge | null = null;
  let browser: Browser | null = null;
  let stillsFile: string | null = null;
  try {
    progress('recording', 0, `making a ${o.durationS} s 1080p30 stand-in recording (ffmpeg)`);
    const video = makeBenchRecording({ durationS: o.durationS, dir });
    throwIfCancelled(signal);
    progress('recording', 100);
    const models = await writeTinyModelPair('omni', path.join(dir, 'models'));
    const dbPath = path.join(dir, 'cache.sqlite');
    const analysesDir = path.join(dir, 'analyses');

    progress('analysis', 0, 'tiny Omni pair on llama-server, 2 features, 1 fps, pose on');
    let lastShown = -1;
    const session = await AnalysisSession.open({ models: { main: { kind: 'local', ...models } }, settings: SETTINGS, dbPath, signal });
    const analysed = await (async () => {
      try {
        return await session.analyze({ videoPath: video, outDir: path.join(analysesDir, 'bench'), signal,
          onProgress: (e) => { const p = Math.floor(e.percent / 10) * 10; if (p !== lastShown) { lastShown = p; progress('analysis', e.percent, e.message); } } });
      } finally {
        await session.dispose();
      }
    })();
    const { recording, enhancement } = analysed.analysis;
    if (!enhancement?.frames.length) throw new Error('The analysis has no pose frames: the overlays would have nothing to draw.');
    progress('analysis', 100, `${enhancement.frames.length} pose frames; ${analysed.analysis.stats.modelCalls} model calls`);

    // Built here, before the browser opens (as media:stills would in the engine), so the build is timed alone; the app then finds them ready.
    stillsFile = stillsFilePath(recording.sha256, DEFAULT_STILL_HEIGHT);
    for (const f of [stillsFile, stillsIndexPath(stillsFile)]) rmSync(f, { force: true });
    progress('seek stills', 0, `every frame at ${DEFAULT_STILL_HEIGHT} lines (ffmpeg, MJPEG)`);
    const stillsT0 = performance.now();
    let stillsShown = -1;
    const built = await buildSeekStills(video, { sha256: recording.sha256, fps: recording.fps, durationS: recording.durationS, sourceHeight: recording.height, signal,
      onProgress: (p) => { const q = Math.floor(p / 20) * 20; if (q !== stillsShown) { stillsShown = q; progress('seek stills', p); } } });
    const stillsBuild = { buildMs: performance.now() - stillsT0, bytes: statSync(built.file).size, frames: built.frames, width: built.width, height: built.height };
    progress('seek stills', 100, `${(stillsBuild.buildMs / 1000).toFixed(1)} s, ${(stillsBuild.bytes / 1e6).toFixed(1)} MB, ${built.frames} stills`);

    progress('renderer', 0, 'vite build');
    const rendererDir = path.join(dir, 'renderer');
    await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: rendererDir, emptyOutDir: true } });
    throwIfCancelled(signal);
    progress('renderer', 100);
    bridge = await startReviewBridge({ rendererDir, dbPath, analysesDir });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    onBrowser(browser);
    throwIfCancelled(signal);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript(PAGE_PRELUDE);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    const opens: number[] = [];
    for (let i = 0; i < o.opens; i++) {
      opens.push(await measureOpen(page, bridge.url, recording.sha256));
      progress('open', ((i + 1) / o.opens) * 100, `${opens.at(-1)!.toFixed(0)} ms`);
    }
    await page.waitForSelector('[data-testid=stage][data-stills=ready]', { timeout: 30_000 });
    // The still layer reads the whole stills file in the background (stillCache.ts): seeks are timed once it has.
    await page.waitForSelector('[data-testid=still][data-ready=true][data-preloaded=true]', { state: 'attached', timeout: 60_000 });
    await ensurePressed(page, 'toggle-skeleton');
    await ensurePressed(page, 'toggle-face');
    const player = await page.$eval('[data-testid=player]', (v) => ({ w: (v as HTMLVideoElement).clientWidth, h: (v as HTMLVideoElement).clientHeight, vw: (v as HTMLVideoElement).videoWidth, vh: (v as HTMLVideoElement).videoHeight }));

    const fps = recording.fps;
    const targets = seekTargets(o.seeks, recording.durationS, fps, SEED);
    const warmup = seekTargets(WARMUP_SEEKS, recording.durationS, fps, SEED + 1);
    const timeoutMs = 5_000;
    progress('seeks', 0, `${WARMUP_SEEKS} warm-up seeks, then ${o.seeks} baseline and ${o.seeks} app seeks in alternating blocks of ${BLOCK}`);
    const random = seededRandom(SEED + 2);
    const gapsMs = targets.map(() => Math.round(random() * 17));
    await page.evaluate(runSeeks, { targets: warmup, gapsMs, block: BLOCK, timeoutMs, app: true, fps });
    const { base, app } = await page.evaluate(runSeeks, { targets, gapsMs, block: BLOCK, timeoutMs, app: true, fps });
    progress('seeks', 100);
    progress('decode check', 0, `the first ${INTRA_S} s re-encoded all-intra, the same number of bare-video seeks`);
    const intraFile = await allIntraExcerpt(video, path.join(dir, 'all-intra.mp4'), Math.min(INTRA_S, Math.floor(recording.durationS)), signal);
    const intraTargets = seekTargets(o.seeks, Math.min(INTRA_S, Math.floor(recording.durationS)), fps, SEED);
    const intra = (await page.evaluate(runSeeks, { targets: intraTargets, gapsMs, block: BLOCK, timeoutMs, app: false, fps, src: await mediaUrlOf(page, intraFile) })).base;
    progress('decode check', 50, `again at ${PROXY_LINES} lines`);
    const proxyFile = await allIntraExcerpt(video, path.join(dir, 'all-intra-small.mp4'), Math.min(INTRA_S, Math.floor(recording.durationS)), signal, PROXY_LINES);
    const proxy = (await page.evaluate(runSeeks, { targets: intraTargets, gapsMs, block: BLOCK, timeoutMs, app: false, fps, src: await mediaUrlOf(page, proxyFile) })).base;
    progress('decode check', 100);

    const overlay = stats(finite(app.map((s) => s.overlayMs)));
    const overlayFrame = stats(finite(app.map((s) => s.overlayFrameMs)));
    const overlayPaint = stats(finite(app.map((s) => s.overlayPaintMs)));
    const setter = stats(finite(app.map((s) => s.setterMs)));
    const baseSetter = stats(finite(base.map((s) => s?.setterMs)));
    const baseFrame = stats(finite(base.map((s) => s?.animationFrameMs)));
    const idleFrame = stats(finite(base.map((s) => s?.idleFrameMs)));
    const frameBegin = stats(finite(app.map((s) => s.overlayFrameBeginMs)));
    const drawStart = stats(finite(app.map((s) => s.overlayDrawStartMs)));
    const decoders = Object.fromEntries(['wasm', 'cache', 'browser'].map((d) => [d, app.filter((s) => s.via === 'still' && s.decoder === d).length]));
    const videoOverlay = stats(finite(app.map((s) => s.videoOverlayMs)));
    const stillShown = stats(finite(app.map((s) => s.stillMs)));
    const stillFetch = stats(finite(app.map((s) => s.stillFetchMs)));
    const stillDecodeStart = stats(finite(app.map((s) => s.stillDecodeStartMs)));
    const stillDecode = stats(finite(app.map((s) => s.stillDecodeMs)));
    const viaStill = app.filter((s) => s.via === 'still').length;
    const allIntra = stats(finite(intra.map((s) => s?.ms)));
    const allIntraSmall = stats(finite(proxy.map((s) => s?.ms)));
    const baseline = stats(finite(base.map((s) => s?.ms)));
    const presented = stats(finite(app.map((s) => s.presentedMs)));
    const seeked = stats(finite(app.map((s) => s.seekedMs)));
    const frameCb = stats(finite(app.map((s) => s.frameCallbackMs)));
    const draw = stats(finite(app.map((s) => s.drawMs)));
    const afterFrame = stats(finite(app.map((s) => (s.overlayMs !== null && s.presentedMs !== null ? s.overlayMs - s.presentedMs : null))));
    const wrongFrame = app.filter((s, i) => s.mediaTime !== null && Math.round(s.mediaTime * fps) !== targets[i]!.frame).length;
    const posed = app.filter((s) => s.joints > 0).length;
    const withFace = app.filter((s) => s.face).length;
    const openMs = median(opens);

    const result = {
      p50Ms: ms1(overlay.p50), p95Ms: ms1(overlay.p95), openMs: ms1(openMs), openFirstMs: ms1(opens[0]!),
      toAnimationFrameP50Ms: ms1(overlayFrame.p50), toAnimationFrameP95Ms: ms1(overlayFrame.p95), toRenderedP50Ms: ms1(overlayPaint.p50), toRenderedP95Ms: ms1(overlayPaint.p95),
      fullFrameP50Ms: ms1(presented.p50), fullFrameP95Ms: ms1(presented.p95),
      withoutStillsP50Ms: ms1(videoOverlay.p50), withoutStillsP95Ms: ms1(videoOverlay.p95),
      stills: { buildS: ms1(stillsBuild.buildMs / 1000), megabytes: ms1(stillsBuild.bytes / 1e6), frames: stillsBuild.frames, width: stillsBuild.width, height: stillsBuild.height,
        seeksShownByStill: viaStill, decodedBy: decoders, setterP50Ms: ms1(setter.p50), setterP95Ms: ms1(setter.p95), stillShownP50Ms: ms1(stillShown.p50), stillShownP95Ms: ms1(stillShown.p95), stillFetchP50Ms: ms1(stillFetch.p50), stillFetchP95Ms: ms1(stillFetch.p95), stillFetches: stillFetch.n,
        decodeStartP50Ms: ms1(stillDecodeStart.p50), decodeStartP95Ms: ms1(stillDecodeStart.p95), decodeP50Ms: ms1(stillDecode.p50), decodeP95Ms: ms1(stillDecode.p95) },
      baselineP50Ms: ms1(baseline.p50), baselineP95Ms: ms1(baseline.p95),
      addedP50Ms: ms1(overlay.p50 - baseline.p50), addedP95Ms: ms1(overlay.p95 - baseline.p95),
      decodeCheck: { allIntraP50Ms: ms1(allIntra.p50), allIntraP95Ms: ms1(allIntra.p95), allIntraSmallP50Ms: ms1(allIntraSmall.p50), allIntraSmallP95Ms: ms1(allIntraSmall.p95),
        smallLines: PROXY_LINES, excerptS: Math.min(INTRA_S, Math.floor(recording.durationS)), timeouts: intra.filter((x) => !x).length + proxy.filter((x) => !x).length },
      breakdown: {
        seekedP50Ms: ms1(seeked.p50), seekedP95Ms: ms1(seeked.p95), presentedP50Ms: ms1(presented.p50), presentedP95Ms: ms1(presented.p95),
        frameCallbackP50Ms: ms1(frameCb.p50), frameCallbackP95Ms: ms1(frameCb.p95),
        overlayDrawStartP50Ms: ms1(drawStart.p50), overlayDrawStartP95Ms: ms1(drawStart.p95), baselineSetterP50Ms: ms1(baseSetter.p50), baselineSetterP95Ms: ms1(baseSetter.p95),
        animationFrameTimeP50Ms: ms1(frameBegin.p50), animationFrameTimeP95Ms: ms1(frameBegin.p95),
        baselineAnimationFrameP50Ms: ms1(baseFrame.p50), baselineAnimationFrameP95Ms: ms1(baseFrame.p95), idleAnimationFrameP50Ms: ms1(idleFrame.p50), idleAnimationFrameP95Ms: ms1(idleFrame.p95),
        overlayAfterFrameP50Ms: ms1(afterFrame.p50), overlayAfterFrameP95Ms: ms1(afterFrame.p95), drawP50Ms: ms1(draw.p50), drawP95Ms: ms1(draw.p95),
      },
      seeks: o.seeks, overlayTimeouts: o.seeks - overlay.n, baselineTimeouts: o.seeks - baseline.n, wrongFrame, seeksWithSkeleton: posed, seeksWithFace: withFace,
      opens: opens.map((x) => ms1(x)),
      recording: { durationS: recording.durationS, width: recording.width, height: recording.height, fps },
      player: { cssWidth: player.w, cssHeight: player.h },
      browser: `Chromium ${browser.version()} headless, --disable-gpu (software decode and raster)`,
      pageErrors: pageErrors.length,
      targets: TARGETS,
      pass: overlay.n === o.seeks && overlay.p95 <= TARGETS.p95Ms && openMs <= TARGETS.openMs,
    };
    return result;
  } catch (e) {
    throw asCancellation(e, signal);
  } finally {
    await browser?.close().catch(() => {});
    await bridge?.close().catch(() => {});
    // The bench recording's stills go with it (they sit in the user's cache otherwise).
    if (stillsFile && !o.keep) for (const f of [stillsFile, stillsIndexPath(stillsFile)]) rmSync(f, { force: true });
    if (o.keep) process.stderr.write(`[bench:ui] kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(r: Record<string, any>): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const f = (x: number | null) => (x === null ? '   n/a' : x.toFixed(1).padStart(6));
  const b = r.breakdown;
  out(`recording: ${r.recording.width}x${r.recording.height} ${r.recording.fps} fps, ${r.recording.durationS} s (stand-in, H.264 GOP 2 s); player ${r.player.cssWidth}x${r.player.cssHeight} CSS px; ${r.browser}`);
  out(`open (click in the list -> player has a frame, overlay drawn, 20 lanes): median ${f(r.openMs)} ms, first ${f(r.openFirstMs)} ms  [${r.opens.join(', ')}]  target <= ${r.targets.openMs} ms`);
  out(`seeks: ${r.seeks} seeded random targets, both overlays on (${r.seeksWithSkeleton} drew a skeleton, ${r.seeksWithFace} a face box)`);
  out('                                                   p50 ms  p95 ms');
  out(`  baseline: bare <video>, to its frame callback    ${f(r.baselineP50Ms)}  ${f(r.baselineP95Ms)}`);
  out(`  app: seek -> overlay drawn for the new frame     ${f(r.p50Ms)}  ${f(r.p95Ms)}   target p95 <= ${r.targets.p95Ms} ms (${r.stills.seeksShownByStill} of ${r.seeks} first shown by their still)`);
  out(`    -> the next animation frame after that draw     ${f(r.toAnimationFrameP50Ms)}  ${f(r.toAnimationFrameP95Ms)}   (when the pixels can go to the screen)`);
  out(`    -> that frame rendered (paint, commit done)     ${f(r.toRenderedP50Ms)}  ${f(r.toRenderedP95Ms)}`);
  out(`  app: seek -> full-resolution frame presented     ${f(r.fullFrameP50Ms)}  ${f(r.fullFrameP95Ms)}`);
  out(`  app: overlay drawn on the video's frame          ${f(r.withoutStillsP50Ms)}  ${f(r.withoutStillsP95Ms)}   (what the app showed without stills)`);
  out(`  app minus baseline                               ${f(r.addedP50Ms)}  ${f(r.addedP95Ms)}`);
  const st = r.stills;
  out(`  seek stills: built in ${st.buildS} s, ${st.megabytes} MB, ${st.frames} stills of ${st.width}x${st.height}; seek -> still shown ${f(st.stillShownP50Ms)} / ${f(st.stillShownP95Ms)} ms (p50 / p95)`);
  out(`    stills decoded by: libjpeg-turbo (wasm) in the seek ${st.decodedBy.wasm}, decoded earlier ${st.decodedBy.cache}, the browser (async) ${st.decodedBy.browser}; the currentTime assignment itself ${f(st.setterP50Ms)} / ${f(st.setterP95Ms)} ms`);
  out(`    async decodes: seek -> its decode starts ${f(st.decodeStartP50Ms)} / ${f(st.decodeStartP95Ms)}, JPEG decode (ImageDecoder) ${f(st.decodeP50Ms)} / ${f(st.decodeP95Ms)}; Range fetches on the seek path: ${st.stillFetches}${st.stillFetches ? ` (${f(st.stillFetchP50Ms)} / ${f(st.stillFetchP95Ms)})` : ''}`);
  const d = r.decodeCheck;
  out(`  decode check, bare <video> on the first ${d.excerptS} s re-encoded all-intra (every frame a keyframe):`);
  out(`    1080p                                          ${f(d.allIntraP50Ms)}  ${f(d.allIntraP95Ms)}`);
  out(`    ${d.smallLines} lines                                      ${f(d.allIntraSmallP50Ms)}  ${f(d.allIntraSmallP95Ms)}`);
  out('  app, per seek:');
  out(`    seeked event                                   ${f(b.seekedP50Ms)}  ${f(b.seekedP95Ms)}`);
  out(`    frame presented (presentationTime)             ${f(b.presentedP50Ms)}  ${f(b.presentedP95Ms)}`);
  out(`    frame callback                                 ${f(b.frameCallbackP50Ms)}  ${f(b.frameCallbackP95Ms)}`);
  out(`    overlay drawn minus frame presented            ${f(b.overlayAfterFrameP50Ms)}  ${f(b.overlayAfterFrameP95Ms)}`);
  out(`    the overlay's draw start -> seen drawn         ${f(b.drawP50Ms)}  ${f(b.drawP95Ms)}   (with a still in the seek: also the rest of the assignment)`);
  out(`    seek -> the overlay's draw starts              ${f(b.overlayDrawStartP50Ms)}  ${f(b.overlayDrawStartP95Ms)}   (with a still in the seek: its decode and draw)`);
  out(`    the bare <video>'s own currentTime assignment  ${f(b.baselineSetterP50Ms)}  ${f(b.baselineSetterP95Ms)}`);
  out(`    seek -> that animation frame's own time        ${f(b.animationFrameTimeP50Ms)}  ${f(b.animationFrameTimeP95Ms)}   (its begin-frame time; the callback ran later when the thread was busy)`);
  out(`    bare <video>: seek -> next animation frame     ${f(b.baselineAnimationFrameP50Ms)}  ${f(b.baselineAnimationFrameP95Ms)}`);
  out(`    no seek: wait for an animation frame           ${f(b.idleAnimationFrameP50Ms)}  ${f(b.idleAnimationFrameP95Ms)}   (the machine's own frame delay)`);
  out(`  timeouts: app ${r.overlayTimeouts}, baseline ${r.baselineTimeouts}; frames other than the target: ${r.wrongFrame}`);
  out(`pass: ${r.pass ? 'yes' : 'no'}`);
}

async function main(argv: string[]): Promise<void> {
  let options: BenchUiOptions;
  try {
    options = parseBenchUiArgs(argv);
  } catch (e) {
    process.stderr.write(`bench:ui: ${(e as Error).message}\n`);
    process.exit(exitCodeOf(e));
  }
  const controller = new AbortController();
  let browser: Browser | null = null;
  const cancel = () => {
    if (controller.signal.aborted) { process.stderr.write('[bench:ui] forced exit\n'); process.exit(130); }
    process.stderr.write('[bench:ui] cancelling: closing the browser, the bridge and the model server\n');
    controller.abort();
    // An in-page measurement only ends when its page goes away.
    void browser?.close().catch(() => {});
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  try {
    const r = await runBenchUi(options, controller.signal, (b) => { browser = b; });
    printTable(r);
    if (options.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  } catch (e) {
    process.stderr.write(`bench:ui ${e instanceof CancelledError ? 'cancelled' : `failed: ${(e as Error).message}`}\n`);
    process.exitCode = exitCodeOf(e);
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv.slice(2));
