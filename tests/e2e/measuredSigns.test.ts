/**
 * Measured signs on the review screen, in Chromium: an analysis with analysis.measuredSigns (the focal fixture
 * and tests/helpers/measuredSignsFixture.ts, over a 150 s recording ffmpeg makes) is recorded in a cache,
 * with the pipeline's measurementAgreement (compareMeasuredSigns), served by the loopback review bridge and opened from the list. The measured intervals sit in a second row
 * of their lanes at their times with the patient's side, the rhythm plot is under the timeline with the
 * playhead at the time shown, a disagreement between model and measurement is flagged in its finding (the
 * model's finding unchanged) and a feature the pose cannot show says why. Screenshots go to
 * test-results/measured-signs/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import { compareMeasuredSigns } from '../../native-models/pipeline/compareMeasuredSigns.ts';
import { buildAnalysisFixture } from '../helpers/analysisFixture.ts';
import { focalMeasuredSigns } from '../helpers/measuredSignsFixture.ts';
import { REPO } from '../helpers/runCli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'test-results', 'measured-signs');
const DURATION_S = 150;
let dir: string;
let bridge: ReviewBridge;
let browser: Browser;
let page: Page;
let figure4Note: string;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Debian's Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-measured-signs-'));
  // The fast-seek stills this test makes stay in its own folder, not in the user's cache.
  process.env.SEMIOSCOPE_STILLS_DIR = path.join(dir, 'stills');
  mkdirSync(SHOTS, { recursive: true });
  const video = path.join(dir, 'EMU3_bed2.mp4');
  execFileSync(resolveMediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=5:duration=${DURATION_S}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
  const probe = await probeRecording(video);
  const analysis = await buildAnalysisFixture(path.join(dir, 'analysis'), { durationS: DURATION_S, decisions: false, measuredSigns: focalMeasuredSigns() });
  analysis.recording = { ...analysis.recording, fileName: 'EMU3_bed2.mp4', sha256: await hashFile(video), durationS: probe.durationS,
    width: probe.width, height: probe.height, fps: probe.fps, rotation: probe.rotation, hasAudio: false, audioCodec: null };
  // As the pipeline records it.
  analysis.measurementAgreement = compareMeasuredSigns(analysis.findings, analysis.measuredSigns!, analysis.segments);
  figure4Note = analysis.measurementAgreement.find((e) => e.featureId === 'figure4')!.note;
  const db = path.join(dir, 'cache.sqlite');
  const cache = new AnswerCache(db);
  recordAnalysis(cache, { analysis, videoPath: video, jsonPath: path.join(dir, 'analysis', 'analysis.json'), pdfPath: path.join(dir, 'analysis', 'report.pdf') });
  cache.close();
  const dist = path.join(dir, 'renderer');
  await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  bridge = await startReviewBridge({ rendererDir: dist, dbPath: db, analysesDir: path.join(dir, 'analyses') });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await page.goto(bridge.url);
  await (await page.waitForSelector('[data-testid=recording-item]', { timeout: 10_000 })).click();
  await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement | null)?.readyState! >= 2, undefined, { timeout: 15_000 });
});
after(async () => {
  await browser?.close();
  await bridge?.[Symbol.asyncDispose]();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Left edge and width of an element as a share of its lane track (the timeline's time axis). */
async function share(selector: string): Promise<{ left: number; width: number }> {
  return page.$eval(selector, (el) => {
    const track = el.closest('.lane-track')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return { left: (r.left - track.left) / track.width, width: r.width / track.width };
  });
}

describe('measured signs on the review screen', () => {
  it('draws the measured intervals as a second row of their lanes, at their times, with the patient\'s side and a tooltip', async () => {
    const clonic = await page.$$('[data-testid=measured-clonic]');
    assert.equal(clonic.length, 1);
    assert.deepEqual(await clonic[0]!.evaluate((e) => [e.dataset.startS, e.dataset.endS, e.dataset.side]), ['89.5', '128', 'left']);
    const at = await share('[data-testid=measured-clonic]');
    assert.ok(Math.abs(at.left - 89.5 / DURATION_S) < 0.005 && Math.abs(at.width - 38.5 / DURATION_S) < 0.005, JSON.stringify(at));
    const title = await clonic[0]!.getAttribute('title');
    assert.match(title ?? '', /patient's left · onset 89\.5 s · 38\.5 s long · 2\.9 Hz, slowing 0\.05 Hz\/s · evidence strength 0\.78/);
    // Below the model's blocks, not on them.
    const rows = await page.$eval('[data-testid=lane-clonic]', (lane) => {
      const m = lane.querySelector('[data-testid=measured-clonic]')!.getBoundingClientRect();
      const segs = Array.from(lane.querySelectorAll(".segment")).map((s) => s.getBoundingClientRect().bottom);
      return { measuredTop: m.top, segmentsBottom: Math.max(...segs) };
    });
    assert.ok(rows.measuredTop >= rows.segmentsBottom, JSON.stringify(rows));
    assert.deepEqual(await page.$$eval('[data-testid=measured-head_turning]', (els) => els.map((e) => e.dataset.side)), ['right']);
    assert.equal((await page.$$('[data-testid^=measured-blank_stare]')).length, 0, 'a feature the pose does not measure has no second row');
    const reason = await page.getAttribute('[data-testid=not-measurable-pelvic_thrusting]', 'title');
    assert.match(reason ?? '', /^not measurable from this view: the hips were not seen/);
    await page.locator('.timeline').first().screenshot({ path: path.join(SHOTS, 'timeline.png') });
  });

  it('plots rhythm frequency per limb under the timeline, on its time axis, with the playhead', async () => {
    const plot = page.locator('[data-testid=rhythm-plot]');
    assert.equal(await plot.count(), 1);
    assert.equal(await plot.getAttribute('data-lines'), '2');
    assert.equal(await plot.locator('polyline').count(), 2);
    await page.fill('[data-testid=go-to]', '100');
    await page.press('[data-testid=go-to]', 'Enter');
    await page.waitForFunction(() => Math.abs((document.querySelector('[data-testid=player]') as HTMLVideoElement).currentTime - 100) < 0.5, undefined, { timeout: 10_000 });
    const x = await page.$eval('[data-testid=rhythm-plot] [data-testid=plot-playhead]', (p) => {
      const area = p.parentElement!.getBoundingClientRect();
      const ruler = document.querySelector('[data-testid=ruler]')!.getBoundingClientRect();
      const head = document.querySelector('[data-testid=playhead]')!.getBoundingClientRect();
      return { plot: p.getBoundingClientRect().left, head: head.left, areaLeft: area.left, rulerLeft: ruler.left, areaW: area.width, rulerW: ruler.width };
    });
    assert.ok(Math.abs(x.areaLeft - x.rulerLeft) < 1.5 && Math.abs(x.areaW - x.rulerW) < 1.5, `the plot shares the lanes' time axis: ${JSON.stringify(x)}`);
    assert.ok(Math.abs(x.plot - x.head) < 1.5, `the plot's playhead is under the timeline's: ${JSON.stringify(x)}`);
    assert.equal(await page.locator('[data-testid=elbow-plot]').count(), 1);
    await page.locator('.signal-plots').screenshot({ path: path.join(SHOTS, 'rhythm-plot.png') });
  });

  it('flags a disagreement between model and measurement in the finding, leaving the model\'s finding as it was', async () => {
    const figure4 = page.locator('[data-testid=finding-figure4]');
    assert.equal(await figure4.locator('.finding-status').textContent(), 'Present', 'the model\'s finding is shown unchanged');
    assert.equal(await figure4.locator('[data-testid=disagree-figure4]').textContent(), `⚠ Model and measurement disagree: review. ${figure4Note}`);
    const flexion = page.locator('[data-testid=finding-arm_flexion]');
    assert.equal(await flexion.locator('.finding-status').textContent(), 'Absent');
    assert.equal(await flexion.locator('[data-testid=measured-evidence-arm_flexion]').getAttribute('data-agreement'), 'disagree');
    const clonic = page.locator('[data-testid=measured-evidence-clonic]');
    assert.equal(await clonic.getAttribute('data-agreement'), 'agree');
    assert.match(await clonic.textContent() ?? '', /Measured: patient's left · onset 89\.5 s · 38\.5 s long · 2\.9 Hz/);
    assert.match(await page.locator('[data-testid=measured-evidence-limb_automatisms]').textContent() ?? '', /not measurable from this view: the 17-point body pose has no hand/);
    // The measured onset seeks.
    await clonic.locator('button.onset').click();
    await page.waitForFunction(() => Math.abs((document.querySelector('[data-testid=player]') as HTMLVideoElement).currentTime - 89.5) < 0.5, undefined, { timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'review-screen.png'), fullPage: true });
    await page.locator('[data-testid=finding-figure4]').screenshot({ path: path.join(SHOTS, 'finding-disagree.png') });
    await page.locator('[data-testid=finding-clonic]').screenshot({ path: path.join(SHOTS, 'finding-agree.png') });
  });
});
