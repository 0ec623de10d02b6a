/**
 * The seek stills' synchronous JPEG decoder (renderer/src/review/jpegTurbo.ts) on the real jpeg-turbo.wasm
 * the renderer ships, decoding JPEGs that ffmpeg made the way the engine makes seek stills (MJPEG, full-range
 * 4:2:0): the same pixels as jpeg-js within a tolerance (the two upsample chroma differently at colour edges),
 * channels in RGBA order, a larger picture after a smaller one, and a picture it cannot read throws without
 * breaking the decoder for the next one.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import jpeg from 'jpeg-js';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { JpegTurbo } from '../../../renderer/src/review/jpegTurbo.ts';

const WASM = createRequire(import.meta.url).resolve('@cwasm/jpeg-turbo/jpeg-turbo.wasm');
let dir: string;

/** One frame of a lavfi source as ffmpeg's MJPEG encoder writes seek stills (-q:v 7). */
function ffmpegJpeg(name: string, source: string, vf?: string): Buffer {
  const out = path.join(dir, `${name}.jpg`);
  execFileSync(resolveMediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', source, ...(vf ? ['-vf', vf] : []),
    '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '7', out]);
  return readFileSync(out);
}

/** Mean and 90th percentile of the absolute differences of the R, G and B values. */
function difference(a: Uint8ClampedArray | Uint8Array, b: Uint8ClampedArray | Uint8Array): { mean: number; p90: number } {
  assert.equal(a.length, b.length);
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) d.push(Math.abs(a[i]! - b[i]!));
  d.sort((x, y) => x - y);
  return { mean: d.reduce((s, x) => s + x, 0) / d.length, p90: d[Math.floor(d.length * 0.9)]! };
}

before(() => { dir = mkdtempSync(path.join(tmpdir(), 'semioscope-jpeg-turbo-')); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('JpegTurbo', () => {
  it('decodes a seek still as jpeg-js does (within the chroma upsampling differences)', async () => {
    const still = ffmpegJpeg('still', 'testsrc2=s=1920x1080:r=30:d=1', 'scale=-2:270:flags=area');
    const turbo = await JpegTurbo.load(readFileSync(WASM));
    const got = turbo.decode(still);
    const ref = jpeg.decode(still, { useTArray: true, formatAsRGBA: true });
    assert.deepEqual([got.width, got.height], [480, 270]);
    assert.equal(got.rgba.length, 480 * 270 * 4);
    const d = difference(got.rgba, ref.data);
    assert.ok(d.mean < 2.5 && d.p90 <= 4, `mean ${d.mean.toFixed(2)}, p90 ${d.p90}`);
    for (let i = 3; i < got.rgba.length; i += 4) if (got.rgba[i] !== 255) assert.fail(`alpha ${got.rgba[i]} at pixel ${(i - 3) / 4}`);
  });

  it('answers R, G, B, A in that order', async () => {
    const turbo = await JpegTurbo.load(readFileSync(WASM));
    const { rgba } = turbo.decode(ffmpegJpeg('orange', 'color=c=0xff8000:s=64x48:d=1'));
    const [r, g, b, a] = [rgba[4 * 1000], rgba[4 * 1000 + 1], rgba[4 * 1000 + 2], rgba[4 * 1000 + 3]];
    assert.ok(Math.abs(r! - 255) <= 6 && Math.abs(g! - 128) <= 6 && b! <= 6 && a === 255, `rgba ${r} ${g} ${b} ${a}`);
  });

  it('decodes a larger picture after a smaller one, loaded from a fetch response', async () => {
    const turbo = await JpegTurbo.load(new Response(readFileSync(WASM)));
    const small = turbo.decode(ffmpegJpeg('small', 'testsrc2=s=320x180:d=1'));
    assert.deepEqual([small.width, small.height], [320, 180]);
    const bigJpeg = ffmpegJpeg('big', 'testsrc2=s=1920x1080:d=1');
    const big = turbo.decode(bigJpeg);
    assert.deepEqual([big.width, big.height], [1920, 1080]);
    const d = difference(big.rgba, jpeg.decode(bigJpeg, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 64 }).data);
    assert.ok(d.mean < 2.5 && d.p90 <= 4, `mean ${d.mean.toFixed(2)}, p90 ${d.p90}`);
  });

  it('throws on a picture it cannot read and decodes the next one as before', async () => {
    const turbo = await JpegTurbo.load(readFileSync(WASM));
    const still = ffmpegJpeg('again', 'testsrc2=s=480x270:d=1');
    const first = Uint8ClampedArray.from(turbo.decode(still).rgba);
    assert.throws(() => turbo.decode(Buffer.from('not a picture')), /JPEG/);
    assert.throws(() => turbo.decode(still.subarray(0, still.length >> 1)), /JPEG/);
    const garbled = Buffer.from(still);
    garbled.fill(0xff, 2, 40);
    assert.throws(() => turbo.decode(garbled), /JPEG/);
    assert.deepEqual(turbo.decode(still).rgba, first);
  });

  it('refuses a decoder file that did not load', async () => {
    await assert.rejects(JpegTurbo.load(new Response('missing', { status: 404 })), /HTTP 404/);
  });
});
