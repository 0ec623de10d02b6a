/**
 * Real media for the enhance tests, taken at test time from installed packages (nothing third-party is
 * committed): photos of people from @vladmandic/face-api's demo folder (npm devDependency) and Debian
 * opencv-doc's messi5.jpg; speech from espeak-ng. Helpers decode them to rgb24 and build test videos.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { humanModelsDir } from '../../../native-models/enhance/tfjsRuntime.ts';
import type { RgbImage } from '../../../native-models/media/frameTypes.ts';

const require = createRequire(import.meta.url);

export const MESSI = '/usr/share/doc/opencv-doc/examples/data/messi5.jpg';

export function faceApiSample(n: number): string {
  const root = path.dirname(path.dirname(require.resolve('@vladmandic/face-api')));
  return path.join(root, 'demo', `sample${n}.jpg`);
}

/** The Debian package scripts/setup.sh installs each system file from. */
const PACKAGE_OF: Record<string, string> = { [MESSI]: 'opencv-doc', '/usr/bin/espeak-ng': 'espeak-ng' };

/** Fails (never skips) when a file or tool a test needs is missing, saying which package provides it. */
export function requireFiles(...files: string[]): void {
  for (const f of files) {
    assert.ok(existsSync(f), `${f} is missing: run scripts/setup.sh, which installs it (Debian package ${PACKAGE_OF[f] ?? 'unknown'})`);
  }
}

export function loadJpeg(file: string): RgbImage {
  const d = jpeg.decode(readFileSync(file), { useTArray: true });
  const data = Buffer.alloc(d.width * d.height * 3);
  for (let i = 0, j = 0; i < d.data.length; i += 4) {
    data[j++] = d.data[i]!; data[j++] = d.data[i + 1]!; data[j++] = d.data[i + 2]!;
  }
  return { width: d.width, height: d.height, data };
}

/** Temporary folders made here, removed when the test process ends (pass or fail). */
const made: string[] = [];
process.on('exit', () => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

export function tempDir(prefix = 'semioscope-enhance-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A models folder with a good MoveNet and a CenterNet whose weights file is cut in half. */
export function corruptModelsDir(): string {
  const src = humanModelsDir();
  const dir = tempDir('semioscope-bad-models-');
  for (const f of ['movenet-lightning.json', 'movenet-lightning.bin', 'centernet.json']) copyFileSync(path.join(src, f), path.join(dir, f));
  const bin = readFileSync(path.join(src, 'centernet.bin'));
  writeFileSync(path.join(dir, 'centernet.bin'), bin.subarray(0, bin.length >> 1));
  return dir;
}
