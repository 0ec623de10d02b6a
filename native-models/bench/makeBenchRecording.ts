/**
 * A stand-in EMU recording for benchmarks (never patient data): 1080p30 H.264 with AAC audio, made with
 * ffmpeg from real photos of people found in installed packages: a footballer (Debian opencv-doc's
 * messi5.jpg, else a @vladmandic/face-api demo photo) drifting slowly on a grey "room" with a 3 Hz shaking
 * episode, a visitor (face-api sample6) walking in for a while, and espeak-ng speech over pink noise.
 * Written once into a cache directory and reused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { resolveMediaTools } from '../media/ffmpegPaths.ts';

export interface BenchRecordingOptions {
  durationS?: number;
  dir?: string;
}

function findPhotos(): { patient: string; visitor: string | null } {
  const require = createRequire(import.meta.url);
  let demo: string | null = null;
  try { demo = path.join(path.dirname(path.dirname(require.resolve('@vladmandic/face-api'))), 'demo'); } catch { /* dev dependency absent */ }
  const messi = '/usr/share/doc/opencv-doc/examples/data/messi5.jpg';
  const s1 = demo ? path.join(demo, 'sample1.jpg') : null;
  const s6 = demo ? path.join(demo, 'sample6.jpg') : null;
  const patient = existsSync(messi) ? messi : s1 && existsSync(s1) ? s1 : null;
  if (!patient) throw new InputError('No photo of a person found for the bench recording: install Debian opencv-doc or npm i -D @vladmandic/face-api, or pass a video.');
  return { patient, visitor: s6 && existsSync(s6) ? s6 : null };
}

/** What happens in the stand-in recording, recording seconds: the 3 Hz shaking episode and the visitor's visit. */
export interface BenchRecordingScript {
  shaking: { startS: number; endS: number };
  visitor: { startS: number; endS: number };
}

export function benchRecordingScript(durationS: number): BenchRecordingScript {
  const shakeA = Math.round(durationS / 3);
  const visitA = Math.round(durationS * 0.55);
  return { shaking: { startS: shakeA, endS: shakeA + 20 }, visitor: { startS: visitA, endS: visitA + 40 } };
}

export function makeBenchRecording(options: BenchRecordingOptions = {}): string {
  const durationS = options.durationS ?? 180;
  const dir = options.dir ?? path.join(os.tmpdir(), 'semioscope-bench');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `bench-1080p30-${durationS}s-v1.mp4`);
  if (existsSync(out)) return out;
  const { ffmpeg } = resolveMediaTools();
  const { patient, visitor } = findPhotos();
  const speech = path.join(dir, 'speech.wav');
  execFileSync('espeak-ng', ['-w', speech, 'Hello, can you hear me? Squeeze my hand. What is your name? Stay with me, the nurse is coming.']);
  const script = benchRecordingScript(durationS);
  const [shakeA, shakeB] = [script.shaking.startS, script.shaking.endS];
  const [visitA, visitB] = [script.visitor.startS, script.visitor.endS];
  // The patient drifts slowly (breathing, bed adjustments) and shakes at 3 Hz between shakeA and shakeB.
  const x = `560+120*sin(2*PI*t/47)+if(between(t,${shakeA},${shakeB}),16*sin(2*PI*3*t),0)`;
  const y = `200+40*sin(2*PI*t/31)`;
  const inputs = ['-f', 'lavfi', '-i', `color=c=0x707a80:s=1920x1080:r=30:d=${durationS}`, '-loop', '1', '-framerate', '30', '-i', patient];
  let graph = `[1]scale=820:-2[p];[0][p]overlay=x='${x}':y='${y}'[a]`;
  if (visitor) {
    inputs.push('-loop', '1', '-framerate', '30', '-i', visitor);
    graph += `;[2]crop=560:1100:1380:150,scale=-2:900[v];[a][v]overlay=x='if(between(t,${visitA},${visitB}),1920-min(420,(t-${visitA})*120),1920)':y=120[vv]`;
  } else graph += ';[a]null[vv]';
  const ai = visitor ? 3 : 2;
  inputs.push('-i', speech, '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.04:r=44100:d=${durationS}`);
  const delays = [12, Math.round(durationS * 0.4), Math.round(durationS * 0.75)].map((s) => s * 1000);
  graph += `;[vv]format=yuv420p[vout];[${ai}]aresample=44100,asplit=3${delays.map((_, i) => `[s${i}]`).join('')}`;
  graph += delays.map((d, i) => `;[s${i}]adelay=${d}|${d}[d${i}]`).join('');
  graph += `;${delays.map((_, i) => `[d${i}]`).join('')}[${ai + 1}]amix=inputs=${delays.length + 1}:duration=longest:normalize=0,atrim=0:${durationS}[aout]`;
  const tmp = out + '.part.mp4';
  execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', ...inputs, '-filter_complex', graph, '-map', '[vout]', '-map', '[aout]',
    '-t', String(durationS), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-g', '60', '-c:a', 'aac', '-b:a', '96k', '-ac', '1', tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
  renameSync(tmp, out);
  return out;
}
