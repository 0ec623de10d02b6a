/**
 * A review screen with measured signs, open in Chromium, for the e2e tests of what the review app shows of
 * them: a 150 s recording ffmpeg makes (testsrc, no audio), the focal analysis fixture with
 * tests/helpers/measuredSignsFixture.ts's measured signs and the pipeline's measurementAgreement
 * (compareMeasuredSigns), recorded in a real SQLite cache, the renderer built by Vite, served by the loopback
 * review bridge, and the recording opened from the start screen's list. `close()` ends all of it and removes
 * the folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startReviewBridge, type ReviewBridge } from '../../native-models/bridge/startReviewBridge.ts';
import { recordAnalysis } from '../../native-models/cache/analysisIndex.ts';
import { AnswerCache } from '../../native-models/cache/answerCache.ts';
import type { AnalysisResult } from '../../native-models/contract/analysisSchema.ts';
import { resolveMediaTools } from '../../native-models/media/ffmpegPaths.ts';
import { hashFile } from '../../native-models/media/hashFile.ts';
import { probeRecording } from '../../native-models/media/probeRecording.ts';
import { compareMeasuredSigns } from '../../native-models/pipeline/compareMeasuredSigns.ts';
import { buildAnalysisFixture } from './analysisFixture.ts';
import { focalMeasuredSigns } from './measuredSignsFixture.ts';
import { REPO } from './runCli.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const MEASURED_REVIEW_DURATION_S = 150;

export interface MeasuredReview {
  /** The test's own folder (removed by close). */
  dir: string;
  /** The cache file the analysis is recorded in. */
  db: string;
  /** Where analysis.json and report.pdf of the analysis are said to be. */
  analysisDir: string;
  /** The analysis as recorded (with measurementAgreement). */
  analysis: AnalysisResult;
  bridge: ReviewBridge;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openMeasuredReview(prefix: string): Promise<MeasuredReview> {
  assert.ok(existsSync(CHROMIUM), `Debian's Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  // The fast-seek stills the review makes stay in the test's own folder, not in the user's cache.
  process.env.SEMIOSCOPE_STILLS_DIR = path.join(dir, 'stills');
  const video = path.join(dir, 'EMU3_bed2.mp4');
  execFileSync(resolveMediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=5:duration=${MEASURED_REVIEW_DURATION_S}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
  const probe = await probeRecording(video);
  const analysisDir = path.join(dir, 'analysis');
  const analysis = await buildAnalysisFixture(analysisDir, { durationS: MEASURED_REVIEW_DURATION_S, decisions: false, measuredSigns: focalMeasuredSigns() });
  analysis.recording = { ...analysis.recording, fileName: 'EMU3_bed2.mp4', sha256: await hashFile(video), durationS: probe.durationS,
    width: probe.width, height: probe.height, fps: probe.fps, rotation: probe.rotation, hasAudio: false, audioCodec: null };
  // As the pipeline records it.
  analysis.measurementAgreement = compareMeasuredSigns(analysis.findings, analysis.measuredSigns!, analysis.segments);
  const db = path.join(dir, 'cache.sqlite');
  const cache = new AnswerCache(db);
  recordAnalysis(cache, { analysis, videoPath: video, jsonPath: path.join(analysisDir, 'analysis.json'), pdfPath: path.join(analysisDir, 'report.pdf') });
  cache.close();
  const dist = path.join(dir, 'renderer');
  await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  const bridge = await startReviewBridge({ rendererDir: dist, dbPath: db, analysesDir: path.join(dir, 'analyses') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await page.goto(bridge.url);
  await (await page.waitForSelector('[data-testid=recording-item]', { timeout: 10_000 })).click();
  await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement | null)?.readyState! >= 2, undefined, { timeout: 15_000 });
  return {
    dir, db, analysisDir, analysis, bridge, browser, page,
    async close() {
      await browser.close();
      await bridge[Symbol.asyncDispose]();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
