/**
 * The review app end to end: the React renderer built with Vite, served by the loopback review bridge
 * (in-process) over the real engine, analysing a generated 12 s recording with the tiny random-weight Omni
 * pair on the real llama-server, driven in Debian's Chromium (playwright-core) through the UI only: a bad
 * input shows the engine's message, the analysis reaches 100 %, 20 lanes appear, a segment click seeks the
 * video, '.' steps one frame, the skeleton toggle changes the overlay, '?' opens the help; after a reload the
 * recording is listed and reopens with no model call, and with its video moved away it reopens without it.
 * axe-core scans each screen for serious or critical violations. Screenshots of each screen go to
 * test-results/review-app/.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import react from '@vitejs/plugin-react';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startReviewBridge, type ReviewBridge } from '../../native-models/bridge/startReviewBridge.ts';
import { MESSI, ffmpeg } from '../integration/enhance/testMedia.ts';
import { writeTinyModelPair } from '../../native-models/demo/writeTinyModels.ts';
import { frameAt } from '../../renderer/src/review/frameClock.ts';
import { HOTKEYS } from '../../renderer/src/review/hotkeys.ts';
import { REPO } from '../helpers/runCli.ts';

const CHROMIUM = '/usr/bin/chromium';
const FPS = 10;
const SHOTS = path.join(REPO, 'test-results', 'review-app');
let dir: string;
let video: string;
let models: { model: string; mmproj: string };
let bridge: ReviewBridge;
let browser: Browser;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Debian's Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-review-app-'));
  // The fast-seek stills this test makes stay in its own folder, not in the user's cache.
  process.env.SEMIOSCOPE_STILLS_DIR = path.join(dir, 'stills');
  // The app's model folder is this test's own (the import below fills it).
  process.env.SEMIOSCOPE_MODELS_DIR = path.join(dir, 'installed-models');
  mkdirSync(SHOTS, { recursive: true });
  const dist = path.join(dir, 'renderer');
  await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  // A real photo of a person (Debian opencv-doc) drifting on a grey room, with a tone: pose finds the patient's
  // joints in every frame, so the skeleton toggle has something to hide.
  video = path.join(dir, 'rec.mp4');
  ffmpeg(['-f', 'lavfi', '-i', `color=c=gray:s=480x270:r=${FPS}:d=12`, '-loop', '1', '-i', MESSI, '-f', 'lavfi', '-i', 'sine=frequency=220:duration=12',
    '-filter_complex', "[1:v]scale=400:-2[p];[0:v][p]overlay=x='(W-w)/2+20*sin(t/2)':y='(H-h)/2':shortest=1,format=yuv420p[v]",
    '-map', '[v]', '-map', '2:a', '-t', '12', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(FPS), '-c:a', 'aac', '-movflags', '+faststart', video]);
  models = await writeTinyModelPair('omni', path.join(dir, 'models'));
  bridge = await startReviewBridge({ rendererDir: dist, dbPath: path.join(dir, 'cache.sqlite'), analysesDir: path.join(dir, 'analyses') });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  await bridge?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const canvasState = (page: Page) => page.$eval('[data-testid=overlay]', (c) => {
  const canvas = c as HTMLCanvasElement;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  return { sum, bones: Number(canvas.dataset.bones), joints: Number(canvas.dataset.joints), face: canvas.dataset.face === 'true' };
});
/** Serious or critical accessibility violations on the page as shown (axe-core), as readable lines. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}
/** Rows of the cache file's tables: a reopen must add none. */
const cacheRows = () => {
  const db = new Database(path.join(dir, 'cache.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return { answers: (db.prepare('SELECT count(*) n FROM answers').get() as { n: number }).n, analyses: (db.prepare('SELECT count(*) n FROM analyses').get() as { n: number }).n };
  } finally { db.close(); }
};
const videoTime = (page: Page) => page.$eval('[data-testid=player]', (v) => (v as HTMLVideoElement).currentTime);
const settled = (page: Page) => page.waitForFunction(() => { const v = document.querySelector('[data-testid=player]') as HTMLVideoElement; return !v.seeking && v.readyState >= 2; }, undefined, { timeout: 10_000 });

/** Paths and short-run settings typed into the start screen; `features` ticked (none: all 20). */
async function fillStartForm(page: Page, features: string[], overlapS = '1') {
  await page.fill('[data-testid=video-path]', video);
  await page.fill('[data-testid=model-path]', models.model);
  await page.fill('[data-testid=mmproj-path]', models.mmproj);
  await page.click('.settings summary');
  await page.fill('[data-testid=setting-fps]', '1');
  await page.fill('[data-testid=setting-max-frames]', '2');
  await page.fill('[data-testid=setting-frame-size]', '112');
  await page.fill('[data-testid=setting-threads]', '1');
  await page.fill('[data-testid=setting-segment]', '5');
  await page.fill('[data-testid=setting-overlap]', overlapS);
  for (const id of features) await page.check(`[data-testid=pick-${id}]`);
}

describe('review app in Chromium over the bridge', () => {
  it('analyses a recording through the UI and reviews it frame by frame', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const problems: string[] = [];
    // Failed requests are judged by URL below (the deliberate bad inputs answer 400; Chromium asks for a favicon).
    page.on('console', (m) => { if ((m.type() === 'error' && !/Failed to load resource/.test(m.text())) || /Content Security Policy/i.test(m.text())) problems.push(m.text()); });
    page.on('response', (r) => { const u = new URL(r.url()); if (r.status() >= 400 && u.pathname !== '/favicon.ico' && !(r.status() === 400 && (u.pathname === '/api/analysis:start' || u.pathname === '/api/models:check'))) problems.push(`${r.status()} ${u.pathname}`); });
    page.on('pageerror', (e) => problems.push(String(e)));
    assert.equal((await page.goto(bridge.url))?.status(), 200);
    await page.waitForSelector('[data-testid=drop-zone]');
    await page.waitForSelector('[data-testid=pick-tonic]', { state: 'attached' });
    await shot(page, '1-start');
    assert.deepEqual(await accessibilityProblems(page), [], 'start screen');

    // No recording: the engine's own message, as an alert.
    await page.click('[data-testid=analyse]');
    const alert = await page.waitForSelector('[role=alert]');
    assert.match(await alert.innerText(), /Drop or choose a recording first\./);
    await shot(page, '2-error');
    // A folder and a document as the recording: refused at once with what to do.
    // Swapped model files: the engine's GGUF check says so on the start screen, before any run.
    await page.fill('[data-testid=model-path]', models.mmproj);
    await page.fill('[data-testid=mmproj-path]', models.model);
    await page.waitForSelector('[data-testid=models-status][data-state=failed]', { timeout: 10_000 });
    assert.match(await page.innerText('[data-testid=models-status]'), /is a multimodal projector \(mmproj\), not a language model/);
    // Import the pair from a folder (as from a USB stick, verified by its SHA256SUMS), then use it from the list.
    writeFileSync(path.join(path.dirname(models.model), 'SHA256SUMS'),
      [models.model, models.mmproj].map((f) => `${createHash('sha256').update(readFileSync(f)).digest('hex')}  ${path.basename(f)}`).join('\n') + '\n');
    await page.click('[data-testid=model-library] summary');
    await page.fill('[data-testid=import-folder]', path.dirname(models.model));
    await page.click('[data-testid=import-models]');
    await page.waitForSelector('[data-testid=import-result]', { timeout: 30_000 });
    assert.match(await page.innerText('[data-testid=import-result]'), /verified against SHA256SUMS/);
    await page.click('[data-testid=use-pair]');
    await page.waitForSelector('[data-testid=models-status][data-state=ok]', { timeout: 10_000 });
    assert.match(await page.innerText('[data-testid=models-status]'), /sees video/);
    assert.ok((await page.inputValue('[data-testid=model-path]')).startsWith(path.join(dir, 'installed-models')), 'the installed copy is used');
    await shot(page, '2b-models');
    await page.fill('[data-testid=model-path]', models.model);
    await page.fill('[data-testid=mmproj-path]', models.mmproj);
    await page.waitForSelector('[data-testid=models-status][data-state=ok]', { timeout: 10_000 });
    for (const [bad, expected] of [[dir, /is a folder, not a recording/], [path.join(REPO, 'README.md'), /is not a video or audio file/]] as const) {
      await page.fill('[data-testid=video-path]', bad);
      await page.click('[data-testid=analyse]');
      await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[role=alert]')?.textContent ?? ''), expected.source, { timeout: 10_000 });
    }

    await fillStartForm(page, ['blank_stare', 'tonic', 'clonic', 'ictal_vocalization']);
    // The camera's view, as the reviewer knows it: the patient lies head up (no orientation search).
    await page.selectOption('[data-testid=setting-patient-orientation]', '0');
    await shot(page, '2c-settings');
    // Every progress text the page shows, from its first render.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).progressTexts = []);
      new MutationObserver(() => { const t = document.querySelector('[data-testid=progress]')?.textContent; if (t && seen.at(-1) !== t) seen.push(t); })
        .observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-testid=analyse]');
    await page.waitForSelector('[data-testid=progress]', { timeout: 30_000 });
    // The lanes fill as answers arrive, before the review screen.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=live-lanes]')?.getAttribute('data-answers')) >= 1, undefined, { timeout: 120_000, polling: 50 });
    const liveStatuses = await page.$$eval('[data-testid=live-lane-tonic] [data-status], [data-testid=live-lane-clonic] [data-status], [data-testid=live-lane-blank_stare] [data-status]',
      (els) => els.map((e) => e.getAttribute('data-status')));
    assert.ok(liveStatuses.some((st) => st !== 'not_assessed'), `an answer is on a live lane: ${liveStatuses}`);
    await shot(page, '3a-live-lanes');
    await page.waitForFunction(() => /[1-9]\d* %/.test(document.querySelector('[data-testid=progress]')?.textContent ?? ''), undefined, { timeout: 60_000 }).catch(() => {});
    if (await page.$('[data-testid=cancel]')) await shot(page, '3-progress');

    await page.waitForSelector('[data-testid=player]', { timeout: 180_000 });
    await page.waitForFunction(() => /100 %/.test(document.querySelector('[data-testid=progress]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    const texts = await page.evaluate(() => (window as any).progressTexts as string[]);
    assert.ok(texts.some((t) => /\d+ %.*(Reading|Fingerprinting|Starting|Asking|Writing)/.test(t)), `progress showed percent and stage: ${texts.slice(0, 5).join(' | ')}`);
    assert.ok(texts.some((t) => /100 %.*(write|Writing)/.test(t)), `progress reached 100 % at the write stage: ${texts.join(' | ')}`);

    const lanes = await page.$$('[data-testid^=lane-]');
    assert.equal(lanes.length, 20, 'one lane per catalogue feature');
    const statuses = await page.$$eval('[data-testid=lane-tonic] [data-status]', (els) => els.map((e) => e.getAttribute('data-status')));
    assert.ok(statuses.length >= 2, 'the 12 s recording has several segments');
    assert.ok(statuses.every((s) => s === 'present' || s === 'absent' || s === 'failed'), `tonic was asked: ${statuses}`);
    const notAsked = await page.$$eval('[data-testid=lane-oral_automatisms] [data-status]', (els) => els.map((e) => e.getAttribute('data-status')));
    assert.ok(notAsked.every((s) => s === 'not_assessed'), 'a feature not picked is not assessed');
    for (const id of ['blank_stare', 'tonic', 'clonic']) assert.ok(await page.$(`[data-testid=finding-${id}]`), `finding-${id}`);
    await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement).readyState >= 2, undefined, { timeout: 10_000 });
    // The audio lane: the waveform from the engine's peaks, drawn by wavesurfer.js.
    await page.waitForSelector('[data-testid=audio-waveform][data-state=ready]', { timeout: 10_000 });
    await shot(page, '4-review');
    assert.deepEqual(await accessibilityProblems(page), [], 'review screen');

    // A lane segment seeks the video to its start.
    const segment = (await page.$$('[data-testid=lane-tonic] [data-status]'))[1]!;
    const startS = Number(await segment.getAttribute('data-start-s'));
    assert.ok(startS > 0);
    await segment.click();
    await settled(page);
    assert.ok(Math.abs((await videoTime(page)) - startS) <= 0.05, `seeked to ${await videoTime(page)}, segment starts at ${startS}`);

    // '.' steps exactly one frame; the clock shows the time with 3 decimals.
    const before = frameAt(await videoTime(page), FPS);
    await page.keyboard.press('.');
    await settled(page);
    const t1 = await videoTime(page);
    assert.equal(frameAt(t1, FPS), before + 1, `frame ${before} -> ${frameAt(t1, FPS)}`);
    await page.waitForFunction((t) => document.querySelector('[data-testid=current-time]')?.textContent === t, t1.toFixed(3), { timeout: 5_000 });
    await page.keyboard.press(',');
    await settled(page);
    assert.equal(frameAt(await videoTime(page), FPS), before);

    // The skeleton toggle changes the overlay's pixels at a frame where the pose stage found joints (from
    // analysis.json; reached through the Go-to field): the pressed state flips and the skeleton is gone.
    const analysisDir = path.join(dir, 'analyses', readdirSync(path.join(dir, 'analyses'))[0]!);
    const analysis = JSON.parse(readFileSync(path.join(analysisDir, 'analysis.json'), 'utf8')) as {
      recording: { sha256: string }; enhancement: { frames: Array<{ tS: number; keypoints: Array<{ score: number }> }>; orientation: { setting: unknown } } | null };
    assert.ok(analysis.enhancement, 'pose ran (default settings)');
    assert.equal(analysis.enhancement.orientation.setting, 0, 'the camera setup chosen on the start screen reached the engine');
    const posed = analysis.enhancement.frames.find((f) => f.keypoints.filter((k) => k.score >= 0.3).length >= 2);
    assert.ok(posed, 'the pose stage found the person\'s joints in some frame');
    await page.keyboard.press('g');
    await page.keyboard.type(String(posed.tS));
    await page.keyboard.press('Enter');
    await settled(page);
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=overlay]') as HTMLCanvasElement).dataset.joints) >= 2, undefined, { timeout: 5_000 });
    const on = await canvasState(page);
    await shot(page, '4b-review-skeleton');
    assert.equal(await page.getAttribute('[data-testid=toggle-skeleton]', 'aria-pressed'), 'true');
    await page.click('[data-testid=toggle-skeleton]');
    assert.equal(await page.getAttribute('[data-testid=toggle-skeleton]', 'aria-pressed'), 'false');
    await page.waitForFunction(() => (document.querySelector('[data-testid=overlay]') as HTMLCanvasElement).dataset.joints === '0', undefined, { timeout: 5_000 });
    const off = await canvasState(page);
    assert.ok(on.joints >= 2 && off.joints === 0 && off.bones === 0);
    assert.notEqual(on.sum, off.sum, 'hiding the skeleton changes the canvas pixels');
    await page.keyboard.press('s');
    await page.waitForFunction(() => document.querySelector('[data-testid=toggle-skeleton]')?.getAttribute('aria-pressed') === 'true', undefined, { timeout: 5_000 });

    // '?' opens the help, listing every hotkey.
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=help]', { timeout: 5_000 });
    assert.equal((await page.$$('[data-testid=help] [data-hotkey]')).length, HOTKEYS.length);
    await shot(page, '5-help');
    assert.deepEqual(await accessibilityProblems(page), [], 'help overlay');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=help]', { state: 'detached', timeout: 5_000 });

    // Reload: the start screen lists the recording; it reopens from the cache with no model call and no new row.
    const rowsBefore = cacheRows();
    const tonicBefore = await page.$$eval('[data-testid=lane-tonic] [data-status]', (els) => els.map((e) => e.getAttribute('data-status')));
    await page.reload();
    const item = await page.waitForSelector(`[data-testid=recording-item][data-sha256="${analysis.recording.sha256}"]`, { timeout: 10_000 });
    assert.equal(await page.inputValue('[data-testid=model-path]'), models.model, 'the checked model pair is remembered');
    assert.match(await item.innerText(), /rec\.mp4/);
    await shot(page, '7-start-list');
    assert.deepEqual(await accessibilityProblems(page), [], 'start screen with its list');
    await item.click();
    await page.waitForSelector('[data-testid=player]', { timeout: 10_000 });
    assert.match(await page.innerText('[data-testid=progress]'), /Reopened from the cache: 0 model calls now/);
    assert.equal((await page.$$('[data-testid^=lane-]')).length, 20);
    assert.deepEqual(await page.$$eval('[data-testid=lane-tonic] [data-status]', (els) => els.map((e) => e.getAttribute('data-status'))), tonicBefore, 'the same answers');
    await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement).readyState >= 2, undefined, { timeout: 10_000 });
    assert.deepEqual(cacheRows(), rowsBefore, 'a reopen asks no model and adds no row');

    // The recording moved away since: the list says so, the findings reopen, the review says the video is missing.
    renameSync(video, `${video}.away`);
    try {
      await page.reload();
      const away = await page.waitForSelector('[data-testid=recording-item]', { timeout: 10_000 });
      assert.match(await away.innerText(), /video not found/);
      await away.click();
      const notice = await page.waitForSelector('[data-testid=media-notice]', { timeout: 10_000 });
      assert.match(await notice.innerText(), /no longer where it was analysed/);
      assert.equal((await page.$$('[data-testid^=lane-]')).length, 20, 'the findings are all there');
      await shot(page, '8-review-video-missing');
    } finally {
      renameSync(`${video}.away`, video);
    }

    assert.deepEqual(problems, [], 'no page errors or CSP violations');
    await page.close();
  });

  it('cancels mid-run with the engine\'s message, and a second run reuses what was answered', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(bridge.url);
    await page.waitForSelector('[data-testid=pick-tonic]', { state: 'attached' });
    // All 20 features (nothing ticked; the 2 audio ones are not assessed without sound).
    await fillStartForm(page, []);
    await page.evaluate(() => {
      const seen: string[] = ((window as any).progressTexts = []);
      new MutationObserver(() => { const t = document.querySelector('[data-testid=progress]')?.textContent; if (t && seen.at(-1) !== t) seen.push(t); })
        .observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-testid=analyse]');
    await page.waitForFunction(() => /Asking the model.* [1-9]\d* of \d+/.test(document.querySelector('[data-testid=progress]')?.textContent ?? ''), undefined, { timeout: 120_000, polling: 20 })
      .catch(async (e) => { await shot(page, '6-cancel-wait-failed'); throw new Error(`${(e as Error).message}; progress: ${(await page.evaluate(() => (window as any).progressTexts)).join(' | ')}`); });
    const total = Number(/of (\d+)/.exec(await page.innerText('[data-testid=progress]'))![1]);
    await page.click('[data-testid=cancel]');
    const alert = await page.waitForSelector('[role=alert]', { timeout: 30_000 });
    const message = await alert.innerText();
    assert.match(message, /cancel/i, message);
    assert.match(message, /answers so far are kept/, message);
    assert.equal(await page.$('[data-testid=player]'), null, 'no review screen for a cancelled run');
    await shot(page, '6-cancelled');

    await page.click('[data-testid=analyse]');
    await page.waitForSelector('[data-testid=player]', { timeout: 180_000 });
    const head = await page.innerText('[data-testid=progress]');
    const m = /(\d+) model calls, (\d+) from cache/.exec(head);
    assert.ok(m, head);
    assert.ok(Number(m[2]) > 0, `answers from the cancelled run came from the cache: ${head}`);
    assert.equal(Number(m[1]) + Number(m[2]), total, head);
    assert.ok(Number(m[1]) > 0, `the rest was asked: ${head}`);
    assert.equal((await page.$$('[data-testid^=lane-]')).length, 20);
    await page.close();
  });
});
