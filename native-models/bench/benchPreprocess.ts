/**
 * Preprocessing benchmark: `npm run bench:preprocess -- [video] [--pose-fps N] [--json] [--duration S] [--baseline-tfjs]`.
 *
 * Prints the bare ffmpeg decode time of the video, the full preprocessing time (decode + pose + face crop +
 * skeleton overlay + audio denoise + VAD + measured signs) with pose on the model's frames only (2 fps, long
 * side 448: the rate before the signals layer), their ratio and peak RSS; then the analysis default: pose at
 * `--pose-fps` (default 15, the signals rate, contract/analysisSettings.ts `signalsFps`; crops and overlays
 * still at 2 fps) plus the measured signs on those keypoints (`--pose-fps 0` skips that run). Each configuration runs in its own process so peak RSS is its own. Without a
 * video it generates a 3-min 1080p30 stand-in recording (a moving photo of a person, a visitor, speech in
 * noise) into the temp directory, once. Pose runs on onnxruntime-node; `--baseline-tfjs` adds the default
 * configuration on the TF.js WASM runtime (the earlier one) in the same run, for a speed-up on this machine.
 * Pose frames where nothing moved in the patient's region carry the last keypoints (enhance/motionGate.ts);
 * `--ungated` adds the same pose rate with MoveNet on every frame and says whether the measured signs differ.
 * With `--json` the last line is one JSON object.
 */
import type { PoseRuntime } from '../enhance/poseModelRunner.ts';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { decodeFrames } from '../media/decodeFrames.ts';
import { extractAudioPcm } from '../media/extractAudio.ts';
import { resolveMediaTools } from '../media/ffmpegPaths.ts';
import { probeRecording } from '../media/probeRecording.ts';
import { enhanceAudio } from '../enhance/enhanceAudio.ts';
import { enhanceFrames, sampleEvery } from '../enhance/enhanceFrames.ts';
import { makeBenchRecording } from './makeBenchRecording.ts';
import { createPoseEstimator } from '../enhance/poseEstimator.ts';
import type { EnhancedFrameRecord } from '../contract/analysisSchema.ts';
import { measureSigns } from '../signals/measureSigns.ts';
import { DEFAULT_SETTINGS } from '../contract/analysisSettings.ts';

const MODEL_FPS = 2;
const LONG_SIDE = 448;

interface RunResult {
  poseFps: number;
  runtime: PoseRuntime;
  preprocessS: number;
  videoS: number;
  audioS: number;
  frames: number;
  framesWithPatient: number;
  images: number;
  voiceSegments: number;
  peakRssMb: number;
  /** CPU seconds of the Node process (main thread + pose worker; ffmpeg not included). */
  nodeCpuS: number;
  /** Seconds of measureSigns over the run's keypoints (inside preprocessS), and the signs it found. */
  measureS: number;
  measuredSigns: number;
  /** CPU seconds of the run's ffmpeg processes (Linux /proc; null elsewhere). */
  ffmpegCpuS: number | null;
  /** Pose frames whose keypoints the motion gate carried over (no MoveNet run). */
  heldFrames: number;
  motionGate: boolean;
  /** The measured signs, one `featureId side startS-endS` line each (to compare gated and ungated runs). */
  signs: string[];
}

/**
 * CPU seconds of this process's finished children (ffmpeg), from /proc/self/stat (Linux, 100 ticks/s).
 * With other work on the machine wall times stretch; CPU seconds do not, so the bench prints both.
 */
function childCpuS(): number | null {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch { return null; }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function runOnce(video: string, poseFps: number, runtime: PoseRuntime, motionGate: boolean): Promise<RunResult> {
  const t0 = performance.now();
  const probe = await probeRecording(video);
  const estimator = await createPoseEstimator({ worker: true, runtime });
  let heldFrames = 0, signs: string[] = [];
  let frames = 0, framesWithPatient = 0, images = 0, videoS = 0, audioS = 0, voiceSegments = 0, measureS = 0, measuredSigns = 0;
  const records: EnhancedFrameRecord[] = [];
  const videoPart = (async () => {
    const src = decodeFrames(video, { fps: poseFps, longSide: LONG_SIDE, sourceWidth: probe.width, sourceHeight: probe.height, sourceFps: probe.fps });
    const imagesFor = poseFps === MODEL_FPS ? undefined : sampleEvery(1 / MODEL_FPS);
    for await (const f of enhanceFrames(src, { estimator, cropLongSide: LONG_SIDE, overlay: true, imagesFor, ...(motionGate ? {} : { motionGate: false }) })) {
      frames++;
      if (f.held) heldFrames++;
      records.push(f.record);
      if (f.patient) framesWithPatient++;
      if (f.overlay) images++;
    }
    const tm = performance.now();
    const measured = measureSigns(records, { fps: poseFps }).signs;
    measuredSigns = measured.length;
    signs = measured.map((x) => `${x.featureId} ${x.side} ${x.startS}-${x.endS}`);
    measureS = (performance.now() - tm) / 1000;
    videoS = (performance.now() - t0) / 1000;
  })();
  const audioPart = (async () => {
    if (!probe.hasAudio) return;
    const pcm = await extractAudioPcm(video, { sampleRate: 48000 });
    const res = await enhanceAudio(pcm, 48000);
    voiceSegments = res.output.voiceActivity.length;
    audioS = (performance.now() - t0) / 1000;
  })();
  await Promise.all([videoPart, audioPart]);
  await estimator.dispose();
  const preprocessS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  return { poseFps, runtime, preprocessS, videoS, audioS, frames, framesWithPatient, images, voiceSegments, peakRssMb: process.resourceUsage().maxRSS / 1024, nodeCpuS: (cpu.user + cpu.system) / 1e6, measureS, measuredSigns, ffmpegCpuS: childCpuS(), heldFrames, motionGate, signs };
}

function runChild(video: string, poseFps: number, runtime: PoseRuntime = 'onnx', motionGate = true): Promise<RunResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, self, '--child', String(poseFps), '--runtime', runtime, ...(motionGate ? [] : ['--no-motion-gate']), video], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`bench child exited ${code}`));
      else resolve(JSON.parse(last) as RunResult);
    });
  });
}

function bareDecode(video: string): { wallS: number; cpuS: number | null } {
  const { ffmpeg } = resolveMediaTools();
  const c0 = childCpuS();
  const t0 = performance.now();
  execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-i', video, '-map', '0:v:0', '-f', 'null', '-']);
  const c1 = childCpuS();
  return { wallS: (performance.now() - t0) / 1000, cpuS: c0 === null || c1 === null ? null : c1 - c0 };
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    const poseFps = Number(arg('--child'));
    const video = process.argv[process.argv.length - 1]!;
    process.stdout.write(JSON.stringify(await runOnce(video, poseFps, arg('--runtime') === 'tfjs' ? 'tfjs' : 'onnx', !process.argv.includes('--no-motion-gate'))) + '\n');
    return;
  }
  const json = process.argv.includes('--json');
  const poseFps = Number(arg('--pose-fps') ?? DEFAULT_SETTINGS.signalsFps);
  const durationS = Number(arg('--duration') ?? 180);
  const skip = new Set(['--pose-fps', '--duration']);
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !skip.has(all[i - 1] ?? ''));
  const log = (s: string) => process.stdout.write(s + '\n');
  let video = positional[0];
  if (!video) {
    log(`No video given: using a generated ${durationS}-s 1080p30 stand-in recording (made once, then reused).`);
    video = makeBenchRecording({ durationS });
  }
  const probe = await probeRecording(video);
  log(`video: ${path.basename(video)} ${probe.width}x${probe.height} ${probe.fps.toFixed(2)} fps ${probe.durationS.toFixed(1)} s, audio: ${probe.hasAudio ? 'yes' : 'no'}`);
  const bare = bareDecode(video);
  const decodeS = bare.wallS;
  log(`bare ffmpeg decode: ${decodeS.toFixed(2)} s${bare.cpuS === null ? '' : ` (CPU ${bare.cpuS.toFixed(1)} s)`}`);
  const def = await runChild(video, MODEL_FPS);
  const show = (label: string, r: RunResult) => log(`${label}: preprocess ${r.preprocessS.toFixed(2)} s (video ${r.videoS.toFixed(2)} s, audio ${r.audioS.toFixed(2)} s), ratio ${(r.preprocessS / decodeS).toFixed(2)}, peak RSS ${r.peakRssMb.toFixed(0)} MB, node CPU ${r.nodeCpuS.toFixed(1)} s; ${r.frames} pose frames (${r.framesWithPatient} with the patient), ${r.images} crop+overlay frames, ${r.heldFrames} held by the motion gate${r.motionGate ? '' : ' (gate off)'}, ${r.voiceSegments} speech segments; measured signs ${r.measureS.toFixed(2)} s (${r.measuredSigns} signs)` +
    (r.ffmpegCpuS === null || bare.cpuS === null ? '' : `; CPU ${(r.nodeCpuS + r.ffmpegCpuS).toFixed(1)} s with ffmpeg's ${r.ffmpegCpuS.toFixed(1)} s, CPU ratio ${((r.nodeCpuS + r.ffmpegCpuS) / bare.cpuS).toFixed(2)}`));
  show(`model frames only (model ${MODEL_FPS} fps @ ${LONG_SIDE} px, pose on those frames)`, def);
  const hi = poseFps > 0 ? await runChild(video, poseFps) : null; // --pose-fps 0 skips the second run
  if (hi) show(`${poseFps === DEFAULT_SETTINGS.signalsFps ? 'analysis default, ' : ''}pose at ${poseFps} fps (crops and overlays at ${MODEL_FPS} fps)`, hi);
  // --ungated: the same rate with MoveNet on every frame, for the gate's saving and the signs it must not change.
  const ungated = hi && process.argv.includes('--ungated') ? await runChild(video, poseFps, 'onnx', false) : null;
  if (hi && ungated) {
    show(`pose at ${poseFps} fps, motion gate off`, ungated);
    const same = JSON.stringify(hi.signs) === JSON.stringify(ungated.signs);
    log(`measured signs with and without the motion gate: ${same ? 'identical' : `differ\n  gated:   ${hi.signs.join('; ')}\n  ungated: ${ungated.signs.join('; ')}`}`);
  }
  const base = process.argv.includes('--baseline-tfjs') ? await runChild(video, MODEL_FPS, 'tfjs') : null;
  if (base) {
    show('baseline: default on the TF.js WASM runtime', base);
    log(`onnxruntime over TF.js WASM (default rates): ${(base.preprocessS / def.preprocessS).toFixed(2)}x faster`);
  }
  if (json) {
    const r2 = (v: number) => Math.round(v * 100) / 100;
    log(JSON.stringify({
      video: path.basename(video), durationS: r2(probe.durationS), width: probe.width, height: probe.height, cores: (await import('node:os')).cpus().length,
      decodeS: r2(decodeS), decodeCpuS: bare.cpuS === null ? null : r2(bare.cpuS), preprocessS: r2(def.preprocessS), ratio: r2(def.preprocessS / decodeS), peakRssMb: Math.round(def.peakRssMb),
      default: { ...def, preprocessS: r2(def.preprocessS), videoS: r2(def.videoS), audioS: r2(def.audioS), peakRssMb: Math.round(def.peakRssMb) },
      ...(base ? { baselineTfjs: { ...base, preprocessS: r2(base.preprocessS), ratio: r2(base.preprocessS / decodeS), peakRssMb: Math.round(base.peakRssMb) }, speedupOverTfjs: r2(base.preprocessS / def.preprocessS) } : {}),
      ...(ungated ? { ungated: { ...ungated, preprocessS: r2(ungated.preprocessS), ratio: r2(ungated.preprocessS / decodeS), peakRssMb: Math.round(ungated.peakRssMb) } } : {}),
      ...(hi ? { [`poseFps${poseFps}`]: { ...hi, preprocessS: r2(hi.preprocessS), videoS: r2(hi.videoS), audioS: r2(hi.audioS), ratio: r2(hi.preprocessS / decodeS), peakRssMb: Math.round(hi.peakRssMb) } } : {}),
    }));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:preprocess failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
