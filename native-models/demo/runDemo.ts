/**
 * `npm run demo`: makes a sample recording (synthetic, ~1 min, with sound), analyses it and writes
 * demo-output/analysis.json and demo-output/report.pdf. With SEMIOSCOPE_MODEL and SEMIOSCOPE_MMPROJ set it
 * uses that real model; otherwise the generated random-weight demo model (the report says its findings are
 * meaningless). Sampling is CPU-friendly (1 fps, 8 frames per segment, 336 px) unless overridden by extra
 * arguments, e.g. `npm run demo -- --fps 2 --max-frames 60 --frame-size 448`.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { main } from '../cli/main.ts';
import { makeSampleRecording } from './makeSampleRecording.ts';

const outDir = path.resolve(process.env.SEMIOSCOPE_DEMO_OUT ?? 'demo-output');
const video = path.join(outDir, 'sample-recording.mp4');
if (!existsSync(video)) {
  process.stderr.write(`Making a 60 s sample recording: ${video}\n`);
  await makeSampleRecording(video, { durationS: 60, width: 1280, height: 720, audio: true });
}
const model = process.env.SEMIOSCOPE_MODEL;
const mmproj = process.env.SEMIOSCOPE_MMPROJ;
const modelArgs = model ? ['--model', model, ...(mmproj ? ['--mmproj', mmproj] : [])] : ['--demo-model'];
const code = await main(['analyze', video, '--out', outDir, ...modelArgs,
  '--db', path.join(outDir, 'cache.sqlite'), '--fps', '1', '--max-frames', '8', '--frame-size', '336', ...process.argv.slice(2)]);
if (code === 0) process.stderr.write(`\nOpen the report: ${path.join(outDir, 'report.pdf')}\n`);
process.exitCode = code;
