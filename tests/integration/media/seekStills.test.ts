/**
 * Seek stills built by the real ffmpeg from a small ffmpeg-made video whose brightness encodes the frame
 * index (frame n has luma 20 + 6n): one still per frame of the frame clock (duration x fps), still i shows
 * frame i (its mean brightness is nearest source frame i's), every still a whole JPEG at its offsets; a second
 * ask reuses the file; the background builds (`media:stills`'s engine side) answer progress, then the stills;
 * a cancelled build leaves no file behind.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ApiOutputs } from '../../../native-models/contract/reviewApi.ts';
import { CancelledError } from '../../../native-models/errors.ts';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { hashFile } from '../../../native-models/media/hashFile.ts';
import { buildSeekStills, readSeekStills } from '../../../native-models/media/seekStills.ts';
import { SeekStillsBuilds } from '../../../native-models/media/seekStillsBuilds.ts';
import { OpenedMedia } from '../../../native-models/platform/openedMedia.ts';
import { stillsIndexPath } from '../../../native-models/platform/stillsFiles.ts';

const FPS = 10;
const DURATION_S = 3;
const W = 64;
const H = 48;

/** Mean luma of each picture of `input` (decoded by ffmpeg to gray at W x H). */
function means(input: string, inputArgs: string[] = []): number[] {
  const { ffmpeg } = resolveMediaTools();
  const raw = execFileSync(ffmpeg, ['-nostdin', '-v', 'error', ...inputArgs, '-i', input, '-vf', `scale=${W}:${H}`, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { maxBuffer: 64 << 20 });
  const out: number[] = [];
  for (let o = 0; o + W * H <= raw.length; o += W * H) {
    let s = 0;
    for (let i = o; i < o + W * H; i++) s += raw[i]!;
    out.push(s / (W * H));
  }
  return out;
}

describe('seek stills from a real recording', () => {
  let dir: string;
  let video: string;
  let sha: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'semioscope-stills-'));
    video = path.join(dir, 'frames.mp4');
    const { ffmpeg } = resolveMediaTools();
    // GOP 10 with B-frames, like a camera's H.264: the stills must still follow the frame clock.
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', `color=c=black:s=${W * 2}x${H * 2}:r=${FPS}:d=${DURATION_S}`,
      '-vf', "geq=lum='20+6*N':cb=128:cr=128,format=yuv420p", '-c:v', 'libx264', '-g', '10', '-bf', '2', '-crf', '10', path.join(dir, 'frames.mp4')]);
    sha = await hashFile(video);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('makes one still per frame of the frame clock, still i showing frame i', async () => {
    const stillsDir = path.join(dir, 'stills');
    const seen: number[] = [];
    const s = await buildSeekStills(video, { sha256: sha, fps: FPS, durationS: DURATION_S, height: H, quality: 2, dir: stillsDir, onProgress: (p) => seen.push(p) });
    assert.equal(s.frames, DURATION_S * FPS);
    assert.equal(s.offsets.length, s.frames + 1);
    assert.deepEqual([s.width, s.height], [W, H]);
    assert.equal(seen.at(-1), 100);
    assert.ok(seen.every((p, i) => i === 0 || p >= seen[i - 1]!), 'progress only grows');
    const bytes = readFileSync(s.file);
    assert.equal(bytes.length, s.offsets.at(-1));
    for (let i = 0; i < s.frames; i++) {
      const jpeg = bytes.subarray(s.offsets[i]!, s.offsets[i + 1]!);
      assert.deepEqual([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)], [0xff, 0xd8, 0xff, 0xd9], `still ${i} is one whole JPEG`);
    }
    const source = means(video);
    const stills = means(s.file, ['-f', 'image2pipe', '-c:v', 'mjpeg']);
    assert.equal(source.length, s.frames);
    assert.equal(stills.length, s.frames);
    for (let i = 0; i < s.frames; i++) {
      const nearest = source.reduce((best, m, j) => (Math.abs(m - stills[i]!) < Math.abs(source[best]! - stills[i]!) ? j : best), 0);
      assert.equal(nearest, i, `still ${i} (mean ${stills[i]!.toFixed(1)}) shows source frame ${nearest}`);
    }
    // Reused as it is; a damaged index is not.
    const again = readSeekStills(sha, H, stillsDir);
    assert.deepEqual(again?.offsets, s.offsets);
    assert.equal(readdirSync(stillsDir).filter((n) => n.endsWith('.tmp')).length, 0, 'no temp file left');
    readFileSync(stillsIndexPath(s.file));
    assert.equal(readSeekStills(sha, H + 2, stillsDir), null);
  });

  it('answers progress while building, then the stills under an id of the media registry; reuses them', async () => {
    const stillsDir = path.join(dir, 'builds');
    const builds = new SeekStillsBuilds({ height: H, dir: () => stillsDir });
    const media = new OpenedMedia();
    const first = await builds.answer(video, media, (id) => `/media/${id}`);
    assert.equal(first.state, 'building');
    let ready: ApiOutputs['media:stills'] = first;
    for (let i = 0; i < 600 && ready.state === 'building'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ready = await builds.answer(video, media, (id) => `/media/${id}`);
    }
    assert.equal(ready.state, 'ready');
    if (ready.state !== 'ready') return;
    assert.equal(ready.frames, DURATION_S * FPS);
    assert.equal(ready.sha256, sha);
    const id = /^\/media\/([0-9a-f]{32})$/.exec(ready.url)?.[1];
    assert.ok(id, ready.url);
    const served = await media.resolve(id);
    assert.ok(typeof served === 'object' && served.realPath.endsWith(`${sha}-${H}.stills`));
    // A new registry (another run) finds the built file at once.
    const fresh = await new SeekStillsBuilds({ height: H, dir: () => stillsDir }).answer(video, new OpenedMedia(), (x) => x);
    assert.equal(fresh.state, 'ready');
    await assert.rejects(builds.answer(path.join(dir, 'missing.mp4'), media, (x) => x), /was not found/);
  });

  it('a cancelled build stops ffmpeg and leaves no file', async () => {
    const stillsDir = path.join(dir, 'cancelled');
    const controller = new AbortController();
    const p = buildSeekStills(video, { sha256: sha, fps: FPS, durationS: DURATION_S, height: H, dir: stillsDir, signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(p, CancelledError);
    assert.deepEqual(readdirSync(stillsDir), []);
    const builds = new SeekStillsBuilds({ height: H, dir: () => path.join(dir, 'cancelled2') });
    assert.equal((await builds.request(video)).state, 'building');
    await builds.cancel();
    assert.deepEqual(readdirSync(path.join(dir, 'cancelled2')).filter((n) => statSync(path.join(dir, 'cancelled2', n)).isFile()), []);
  });
});
