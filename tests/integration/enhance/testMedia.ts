/**
 * Real media for the enhance tests, taken at test time from installed packages (nothing third-party is
 * committed): photos of people from @vladmandic/face-api's demo folder (npm devDependency) and Debian
 * opencv-doc's messi5.jpg; speech from espeak-ng. Helpers decode them to rgb24 and build test videos.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Why a test must be skipped, or false: a Debian package or tool the test needs is missing. */
export function missing(...files: string[]): string | false {
  for (const f of files) if (!existsSync(f)) return `${f} is missing (Debian: apt-get install opencv-doc espeak-ng)`;
  return false;
}

export function loadJpeg(file: string): RgbImage {
  const d = jpeg.decode(readFileSync(file), { useTArray: true });
  const data = Buffer.alloc(d.width * d.height * 3);
  for (let i = 0, j = 0; i < d.data.length; i += 4) {
    data[j++] = d.data[i]!; data[j++] = d.data[i + 1]!; data[j++] = d.data[i + 2]!;
  }
  return { width: d.width, height: d.height, data };
}

export function tempDir(prefix = 'semioscope-enhance-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
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
