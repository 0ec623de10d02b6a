/**
 * `npm run demo`: makes a sample recording (synthetic, ~1 min, with sound), analyses it with the product's own
 * command (`semioscope analyze`, run as a user would) and writes demo-output/analysis.json and
 * demo-output/report.pdf. With SEMIOSCOPE_MODEL and SEMIOSCOPE_MMPROJ set it uses that real model; otherwise
 * the generated random-weight demo model (the report says its findings are meaningless). Sampling is
 * CPU-friendly (1 fps, 8 frames per segment, 336 px) unless overridden by extra arguments, e.g.
 * `npm run demo -- --fps 2 --max-frames 60 --frame-size 448`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoModelPair } from './demoModel.ts';
import { makeSampleRecording } from './makeSampleRecording.ts';

const outDir = path.resolve(process.env.SEMIOSCOPE_DEMO_OUT ?? 'demo-output');
const video = path.join(outDir, 'sample-recording.mp4');
if (!existsSync(video)) {
  process.stderr.write(`Making a 60 s sample recording: ${video}\n`);
  await makeSampleRecording(video, { durationS: 60, width: 1280, height: 720, audio: true });
}
const model = process.env.SEMIOSCOPE_MODEL ? { model: process.env.SEMIOSCOPE_MODEL, mmproj: process.env.SEMIOSCOPE_MMPROJ } : await demoModelPair();
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'semioscope.mjs');
const args = ['analyze', video, '--out', outDir, '--model', model.model, ...(model.mmproj ? ['--mmproj', model.mmproj] : []),
  '--db', path.join(outDir, 'cache.sqlite'), '--fps', '1', '--max-frames', '8', '--frame-size', '336', ...process.argv.slice(2)];
const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit' });
// Ctrl-C reaches the analysis too (same process group); wait for it to finish cancelling.
process.on('SIGINT', () => {});
const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
if (code === 0) process.stderr.write(`\nOpen the report: ${path.join(outDir, 'report.pdf')}\n`);
process.exitCode = code;
