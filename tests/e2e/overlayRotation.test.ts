/**
 * The overlay sits on the body in a recording stored rotated (a phone or a camera mounted on its side): the
 * container says "turn 90°", ffmpeg (the engine) and Chromium both show it upright, and the joints the engine
 * measured on its upright frames are drawn where the picture shows them. A generated recording carries one
 * bright marker; the engine's own decoder finds where the marker is in its upright frame (as pose would), that
 * point goes into an analysis as a joint, and in Chromium the joint's drawn centre must land on the marker in
 * the video as the browser paints it, for 0, 90 and 270 degrees.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { startReviewBridge, type ReviewBridge } from '../../native-models/bridge/startReviewBridge.ts';
import { recordAnalysis } from '../../native-models/cache/analysisIndex.ts';
import { AnswerCache } from '../../native-models/cache/answerCache.ts';
import { decodeFrames } from '../../native-models/media/decodeFrames.ts';
import { resolveMediaTools } from '../../native-models/media/ffmpegPaths.ts';
import { hashFile } from '../../native-models/media/hashFile.ts';
import { probeRecording } from '../../native-models/media/probeRecording.ts';
import { analysisSkeleton } from '../helpers/analysisFixture.ts';
import { REPO } from '../helpers/runCli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'test-results', 'overlay-rotation');
let dir: string;
let dist: string;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-overlay-rotation-'));
  // The fast-seek stills this test makes stay in its own folder, not in the user's cache.
  process.env.SEMIOSCOPE_STILLS_DIR = path.join(dir, 'stills');
  mkdirSync(SHOTS, { recursive: true });
  dist = path.join(dir, 'renderer');
  await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A 320x240 stored picture, dark grey, with a white 16-px square centred at (60, 70): far from the centre and both axes. */
function makeRecording(file: string, rotate: number): void {
  const { ffmpeg } = resolveMediaTools();
  const plain = `${file}.plain.mp4`;
  execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x202020:size=320x240:rate=10:duration=2',
    '-vf', 'drawbox=x=52:y=62:w=16:h=16:color=white:t=fill', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', plain]);
  // The rotation lives in the container (a display matrix): the stored picture is unchanged.
  execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', plain, '-c', 'copy', '-metadata:s:v:0', `rotate=${rotate}`, '-movflags', '+faststart', file]);
}

/** Centre of the pixels brighter than `min` in an RGB(A) buffer. */
function brightCentre(data: Uint8Array | Uint8ClampedArray, width: number, channels: number, min = 200): { x: number; y: number; n: number } {
  let sx = 0; let sy = 0; let n = 0;
  for (let i = 0; i < data.length; i += channels) {
    if (data[i]! >= min && data[i + 1]! >= min && data[i + 2]! >= min) { const p = i / channels; sx += p % width; sy += Math.floor(p / width); n++; }
  }
  return { x: sx / n, y: sy / n, n };
}

describe('the overlay on a rotated recording', () => {
  for (const rotate of [0, 90, 270]) {
    it(`draws the joint on the marker with the container rotated ${rotate} degrees`, async () => {
      const video = path.join(dir, `rot${rotate}.mp4`);
      makeRecording(video, rotate);
      const probe = await probeRecording(video);
      // Where the engine sees the marker: its upright frame at full display size (what pose measures on).
      let marker: { x: number; y: number; n: number } | null = null;
      for await (const f of decodeFrames(video, { fps: 1, longSide: Math.max(probe.width, probe.height), startS: 1, endS: 1.5 })) {
        marker = brightCentre(f.data, f.width, 3);
        assert.deepEqual([f.width, f.height], [probe.width, probe.height], 'the engine decodes at the display size');
        break;
      }
      assert.ok(marker && marker.n > 50, 'the marker is in the engine\'s frame');
      if (rotate !== 0) assert.notDeepEqual([Math.round(marker.x), Math.round(marker.y)], [60, 70], 'the engine turned the picture upright');

      const analysis = analysisSkeleton(`rot${rotate}.mp4`, []);
      analysis.segments = [{ index: 0, startS: 0, endS: probe.durationS }];
      analysis.recording = { ...analysis.recording, sha256: await hashFile(video), durationS: probe.durationS, width: probe.width, height: probe.height, fps: probe.fps, rotation: probe.rotation };
      analysis.enhancement = { pose: { id: 'test', poseModel: 'marker', personDetector: 'none', backend: 'none' }, poseFps: 1,
        frames: [0.5, 1, 1.5].map((tS) => ({ tS, keypoints: [{ name: 'left_wrist' as const, x: marker!.x, y: marker!.y, score: 0.95 }], face: null })) };
      const db = path.join(dir, `rot${rotate}.sqlite`);
      const cache = new AnswerCache(db);
      recordAnalysis(cache, { analysis, videoPath: video, jsonPath: path.join(dir, 'a.json'), pdfPath: path.join(dir, 'a.pdf') });
      cache.close();

      await using bridge: ReviewBridge = await startReviewBridge({ rendererDir: dist, dbPath: db, analysesDir: path.join(dir, 'analyses') });
      const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
      await page.goto(bridge.url);
      await (await page.waitForSelector('[data-testid=recording-item]', { timeout: 10_000 })).click();
      await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement | null)?.readyState! >= 2, undefined, { timeout: 15_000 });
      await page.fill('[data-testid=go-to]', '1');
      await page.press('[data-testid=go-to]', 'Enter');
      await page.waitForFunction(() => {
        const v = document.querySelector('[data-testid=player]') as HTMLVideoElement;
        const c = document.querySelector('[data-testid=overlay]') as HTMLCanvasElement;
        return !v.seeking && Math.abs(v.currentTime - 1) < 0.01 && c.dataset.joints === '1';
      }, undefined, { timeout: 10_000 });
      await page.screenshot({ path: path.join(SHOTS, `rotated-${rotate}.png`) });

      // The picture as Chromium paints it (object-fit: contain in the element), and the overlay's joint, in the same canvas pixels.
      // In-page code as text: the test runner's transform would add helpers the page does not have.
      const seen = await page.evaluate(`(() => {
        const v = document.querySelector('[data-testid=player]');
        const overlay = document.querySelector('[data-testid=overlay]');
        const w = overlay.width; const h = overlay.height;
        const s = Math.min(w / v.videoWidth, h / v.videoHeight);
        const box = { x: (w - v.videoWidth * s) / 2, y: (h - v.videoHeight * s) / 2, w: v.videoWidth * s, h: v.videoHeight * s };
        const c = document.createElement('canvas'); c.width = w; c.height = h;
        const ctx = c.getContext('2d');
        ctx.drawImage(v, box.x, box.y, box.w, box.h);
        function centre(data, test) {
          let sx = 0; let sy = 0; let n = 0;
          for (let i = 0; i < data.length; i += 4) if (test(data, i)) { const p = i / 4; sx += p % w; sy += Math.floor(p / w); n++; }
          return { x: sx / n, y: sy / n, n };
        }
        const picture = ctx.getImageData(0, 0, w, h).data;
        const drawn = overlay.getContext('2d').getImageData(0, 0, w, h).data;
        return {
          video: { w: v.videoWidth, h: v.videoHeight },
          marker: centre(picture, (d, i) => d[i] > 200 && d[i + 1] > 200 && d[i + 2] > 200),
          joint: centre(drawn, (d, i) => d[i + 3] > 128),
          scale: s,
        };
      })()`) as { video: { w: number; h: number }; marker: { x: number; y: number; n: number }; joint: { x: number; y: number; n: number }; scale: number };
      await page.close();
      assert.deepEqual([seen.video.w, seen.video.h], [probe.width, probe.height], 'Chromium shows the recording upright, at the size the engine reports');
      assert.ok(seen.marker.n > 20 && seen.joint.n > 10, JSON.stringify(seen));
      const off = Math.hypot(seen.marker.x - seen.joint.x, seen.marker.y - seen.joint.y);
      assert.ok(off <= 3 * Math.max(1, seen.scale), `the joint is drawn on the marker: ${off.toFixed(1)} px apart (${JSON.stringify(seen)})`);
    });
  }
});
