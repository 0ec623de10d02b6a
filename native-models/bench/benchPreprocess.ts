/**
 * Preprocessing benchmark: `npm run bench:preprocess -- [video] [--pose-fps N] [--json] [--duration S]
 * [--ungated] [--compare-gates] [--compare-watch] [--baseline-tfjs]`.
 *
 * Measures what an analysis does before and beside its model questions, through the analysis's own code
 * (pipeline/streamSegmentFrames.ts and pipeline/prepareAudio.ts, started as analyzeRecording starts them: the
 * audio alongside the video): one decode at the pose rate, pose with the motion gate and the other-people
 * watch, face crops and skeleton overlays for the model's frames, RNNoise and voice activity, then the
 * measured signs with the care-intervention mask. Against a bare ffmpeg decode of the same video in the same
 * run: wall seconds and CPU seconds (node threads + ffmpeg), and their ratios. First with pose on the model's
 * frames only (2 fps, long side 448), then at the analysis default: pose at `--pose-fps` (default 15, the
 * signals rate; `--pose-fps 0` skips it), and the cost it adds. Each configuration runs in its own process
 * (its own peak RSS and CPU seconds). Without a video it generates a 3-min 1080p30 stand-in recording (a
 * drifting photo of a person with a 3 Hz shaking episode, a visitor, speech in noise) into the temp
 * directory, once.
 *
 * Shortcuts are checked against the runs without them, on the measured signs: `--ungated` runs MoveNet on
 * every pose frame, `--compare-gates` adds the gate that holds only unchanged regions (no slide following)
 * and the ungated run, `--compare-watch` leaves other people to the patient's detections (every 10 s). On the
 * stand-in the signs are split into those inside its scripted shaking episode and the rest (false alarms of
 * MoveNet's jitter on a still photo). `--baseline-tfjs` adds the 2-fps run on the TF.js WASM pose runtime.
 * With `--json` the last line is one JSON object.
 */
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS } from '../contract/analysisSettings.ts';
import type { EnhancedFrameRecord } from '../contract/analysisSchema.ts';
import type { MotionGateOptions } from '../enhance/motionGate.ts';
import { createPoseEstimator } from '../enhance/poseEstimator.ts';
import type { PoseRuntime } from '../enhance/poseModelRunner.ts';
import { resolveMediaTools } from '../media/ffmpegPaths.ts';
import { planSegments } from '../media/planSegments.ts';
import { probeRecording } from '../media/probeRecording.ts';
import { prepareAudio } from '../pipeline/prepareAudio.ts';
import { streamSegmentFrames } from '../pipeline/streamSegmentFrames.ts';
import { measureSigns, type OtherPeopleFrame } from '../signals/measureSigns.ts';
import { benchRecordingScript, makeBenchRecording, type BenchRecordingScript } from './makeBenchRecording.ts';

/** How the motion gate runs: as the analysis does (`follow`), holding unchanged regions only (`strict`), or off. */
type GateMode = 'follow' | 'strict' | 'off';

interface RunResult {
  poseFps: number;
  runtime: PoseRuntime;
  gate: GateMode;
  watchOthers: boolean;
  preprocessS: number;
  /** Until the last pose frame, and until the audio was ready (both from the start). */
  videoS: number;
  audioS: number;
  /** Until the pose models were loaded in their worker. */
  startupS: number;
  frames: number;
  framesWithPatient: number;
  /** Pose frames whose keypoints the motion gate carried over (no MoveNet run). */
  heldFrames: number;
  /** Person detections: for the patient's tracking, and started by the other-people watch. */
  patientDetections: number;
  watchDetections: number;
  /** Frames with someone else in view. */
  framesWithOthers: number;
  /** The model's frames, with a face crop and with a skeleton overlay. */
  modelFrames: number;
  crops: number;
  overlays: number;
  voiceSegments: number;
  peakRssMb: number;
  /** CPU seconds of the Node process (main thread + workers) and of its ffmpeg processes (Linux /proc; null elsewhere). */
  nodeCpuS: number;
  ffmpegCpuS: number | null;
  /** Seconds of measureSigns (inside preprocessS). */
  measureS: number;
  /** The measured signs, one `featureId side startS-endS` line each, and the masked care-intervention spans. */
  signs: string[];
  careIntervention: string[];
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

function gateOption(gate: GateMode): MotionGateOptions | false | undefined {
  return gate === 'off' ? false : gate === 'strict' ? { followShift: false } : undefined;
}

/** One preprocessing as the analysis runs it (in a child process). */
async function runOnce(video: string, poseFps: number, runtime: PoseRuntime, gate: GateMode, watchOthers: boolean): Promise<RunResult> {
  const t0 = performance.now();
  const since = () => (performance.now() - t0) / 1000;
  const settings = DEFAULT_SETTINGS;
  const probe = await probeRecording(video);
  const segments = planSegments(probe.durationS, { segmentS: settings.segmentS, overlapS: settings.overlapS });
  let audioS = 0, voiceSegments = 0;
  // As analyzeRecording: the audio is started first and prepared alongside the decode and pose.
  const audioPart = probe.hasAudio
    ? prepareAudio({ videoPath: video }).then((a) => { voiceSegments = a.output.voiceActivity.length; audioS = since(); })
    : Promise.resolve();
  audioPart.catch(() => {});
  const estimator = await createPoseEstimator({ worker: true, runtime });
  const startupS = since();
  const records: EnhancedFrameRecord[] = [];
  const others: OtherPeopleFrame[] = [];
  let frames = 0, framesWithPatient = 0, heldFrames = 0, patientDetections = 0, watchDetections = 0;
  const modelFrames = new Map<number, { crop: boolean; overlay: boolean }>();
  try {
    const gateOpt = gateOption(gate);
    for await (const { frames: segmentFrames } of streamSegmentFrames({
      videoPath: video, probe, segments, fps: settings.fps, frameSize: settings.frameSize,
      pose: {
        estimator, fps: poseFps, crop: true, overlay: true,
        onRecord: (r, e) => {
          records.push(r);
          frames++;
          if (r.keypoints.length) framesWithPatient++;
          if (e.held) heldFrames++;
          if (e.detected === 'patient') patientDetections++;
          if (e.detected === 'others') watchDetections++;
          if (e.othersRecord.length) others.push({ tS: r.tS, boxes: e.othersRecord });
        },
        ...(gateOpt !== undefined ? { motionGate: gateOpt } : {}), watchOthers,
      },
    })) {
      for (const f of segmentFrames) modelFrames.set(f.tS, { crop: !!f.crop, overlay: !!f.overlay });
    }
  } finally {
    await estimator.dispose();
  }
  const videoS = since();
  const tm = performance.now();
  const measured = measureSigns(records, { fps: poseFps, otherPeople: others });
  const measureS = (performance.now() - tm) / 1000;
  await audioPart;
  const preprocessS = since();
  const cpu = process.cpuUsage();
  const images = [...modelFrames.values()];
  return {
    poseFps, runtime, gate, watchOthers, preprocessS, videoS, audioS, startupS, frames, framesWithPatient, heldFrames, patientDetections, watchDetections,
    framesWithOthers: others.length, modelFrames: images.length, crops: images.filter((i) => i.crop).length, overlays: images.filter((i) => i.overlay).length,
    voiceSegments, peakRssMb: process.resourceUsage().maxRSS / 1024, nodeCpuS: (cpu.user + cpu.system) / 1e6, ffmpegCpuS: childCpuS(), measureS,
    signs: measured.signs.map((x) => `${x.featureId} ${x.side} ${x.startS}-${x.endS}`),
    careIntervention: measured.careIntervention.map((c) => `${c.startS}-${c.endS}`),
  };
}

interface ChildConfig {
  poseFps: number;
  runtime?: PoseRuntime;
  gate?: GateMode;
  watchOthers?: boolean;
}

function runChild(video: string, c: ChildConfig): Promise<RunResult> {
  const self = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, self, '--child', String(c.poseFps), '--runtime', c.runtime ?? 'onnx', '--gate', c.gate ?? 'follow',
    ...(c.watchOthers === false ? ['--no-watch'] : []), video];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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

const startOf = (sign: string) => Number(/ (\d+(?:\.\d+)?)-/.exec(sign)?.[1]);
const endOf = (sign: string) => Number(/-(\d+(?:\.\d+)?)$/.exec(sign)?.[1]);

/** Two runs' signs side by side: identical, or what only one of them has (split by the stand-in's script when known). */
function compareSigns(a: RunResult, b: RunResult, script: BenchRecordingScript | null): string {
  const only = (x: string[], y: string[]) => x.filter((s) => !y.includes(s));
  const describe = (label: string, pick: (s: string) => boolean) => {
    const sa = a.signs.filter(pick), sb = b.signs.filter(pick);
    if (JSON.stringify(sa) === JSON.stringify(sb)) return `${label}: identical (${sa.length})`;
    return `${label}: differ (${sa.length} vs ${sb.length})\n    only in the first:  ${only(sa, sb).join('; ') || '-'}\n    only in the second: ${only(sb, sa).join('; ') || '-'}`;
  };
  const care = JSON.stringify(a.careIntervention) === JSON.stringify(b.careIntervention) ? 'identical' : `${a.careIntervention.join(', ') || '-'} vs ${b.careIntervention.join(', ') || '-'}`;
  if (!script) return `${describe('measured signs', () => true)}; care interventions ${care}`;
  const { startS, endS } = script.shaking;
  const inside = (s: string) => endOf(s) > startS && startOf(s) < endS;
  return `${describe(`signs in the scripted shaking (${startS}-${endS} s)`, inside)}\n  ${describe('signs elsewhere (false alarms on a still photo)', (s) => !inside(s))}\n  care interventions: ${care}`;
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    const video = process.argv[process.argv.length - 1]!;
    const gate = (arg('--gate') ?? 'follow') as GateMode;
    const result = await runOnce(video, Number(arg('--child')), arg('--runtime') === 'tfjs' ? 'tfjs' : 'onnx', gate, !process.argv.includes('--no-watch'));
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const json = process.argv.includes('--json');
  const poseFps = Number(arg('--pose-fps') ?? DEFAULT_SETTINGS.signalsFps);
  const durationS = Number(arg('--duration') ?? 180);
  const skip = new Set(['--pose-fps', '--duration']);
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !skip.has(all[i - 1] ?? ''));
  const log = (s: string) => process.stdout.write(s + '\n');
  let video = positional[0];
  let script: BenchRecordingScript | null = null;
  if (!video) {
    log(`No video given: using a generated ${durationS}-s 1080p30 stand-in recording (made once, then reused).`);
    video = makeBenchRecording({ durationS });
    script = benchRecordingScript(durationS);
  }
  const probe = await probeRecording(video);
  log(`video: ${path.basename(video)} ${probe.width}x${probe.height} ${probe.fps.toFixed(2)} fps ${probe.durationS.toFixed(1)} s, audio: ${probe.hasAudio ? 'yes' : 'no'}; ${os.cpus().length} cores`);
  const bare = bareDecode(video);
  log(`bare ffmpeg decode: ${bare.wallS.toFixed(2)} s${bare.cpuS === null ? '' : ` (CPU ${bare.cpuS.toFixed(1)} s)`}`);
  const cpuOf = (r: RunResult) => (r.ffmpegCpuS === null ? null : r.nodeCpuS + r.ffmpegCpuS);
  const ratios = (r: RunResult) => {
    const cpu = cpuOf(r);
    return { ratio: r.preprocessS / bare.wallS, cpuS: cpu, cpuRatio: cpu === null || bare.cpuS === null ? null : cpu / bare.cpuS };
  };
  const show = (label: string, r: RunResult) => {
    const q = ratios(r);
    log(`${label}: preprocess ${r.preprocessS.toFixed(2)} s (pose models loaded at ${r.startupS.toFixed(2)} s, audio ready at ${r.audioS.toFixed(2)} s, video done at ${r.videoS.toFixed(2)} s), ` +
      `ratio ${q.ratio.toFixed(2)}; CPU ${q.cpuS === null ? '?' : q.cpuS.toFixed(1)} s (node ${r.nodeCpuS.toFixed(1)} s, ffmpeg ${r.ffmpegCpuS?.toFixed(1) ?? '?'} s), CPU ratio ${q.cpuRatio?.toFixed(2) ?? '?'}; peak RSS ${r.peakRssMb.toFixed(0)} MB\n` +
      `  ${r.frames} pose frames (${r.framesWithPatient} with the patient), MoveNet on ${r.frames - r.heldFrames} (${r.heldFrames} held, gate ${r.gate}), ` +
      `detections ${r.patientDetections} for the patient + ${r.watchDetections} for other people${r.watchOthers ? '' : ' (watch off)'}, ${r.framesWithOthers} frames with someone else in view; ` +
      `${r.modelFrames} model frames (${r.crops} crops, ${r.overlays} overlays); ${r.voiceSegments} speech segments; ` +
      `measured signs ${r.measureS.toFixed(2)} s: ${r.signs.length} signs, care interventions ${r.careIntervention.join(', ') || 'none'}`);
  };
  const def = await runChild(video, { poseFps: DEFAULT_SETTINGS.fps });
  show(`model frames only (pose at the model's ${DEFAULT_SETTINGS.fps} fps, ${DEFAULT_SETTINGS.frameSize} px)`, def);
  const hi = poseFps > 0 ? await runChild(video, { poseFps }) : null;
  if (hi) {
    show(`${poseFps === DEFAULT_SETTINGS.signalsFps ? 'analysis default, ' : ''}pose at ${poseFps} fps (crops and overlays at ${DEFAULT_SETTINGS.fps} fps)`, hi);
    const [a, b] = [cpuOf(hi), cpuOf(def)];
    log(`pose at ${poseFps} fps adds ${(hi.preprocessS - def.preprocessS).toFixed(2)} s${a === null || b === null ? '' : ` and ${(a - b).toFixed(1)} CPU-s`} over the model's frames alone`);
  }
  const comparisons: Record<string, RunResult> = {};
  if (hi) {
    const variants: Array<[string, ChildConfig, string]> = [];
    if (process.argv.includes('--compare-gates')) variants.push(['strictGate', { poseFps, gate: 'strict' }, 'motion gate holding unchanged regions only (no slide following)']);
    if (process.argv.includes('--ungated') || process.argv.includes('--compare-gates')) variants.push(['ungated', { poseFps, gate: 'off' }, 'motion gate off (MoveNet on every pose frame)']);
    if (process.argv.includes('--compare-watch')) variants.push(['noWatch', { poseFps, watchOthers: false }, 'no other-people watch (detections every 10 s only)']);
    for (const [key, config, label] of variants) {
      const r = await runChild(video, config);
      comparisons[key] = r;
      show(`pose at ${poseFps} fps, ${label}`, r);
      log(`  against the analysis default:\n  ${compareSigns(hi, r, script)}`);
    }
  }
  const base = process.argv.includes('--baseline-tfjs') ? await runChild(video, { poseFps: DEFAULT_SETTINGS.fps, runtime: 'tfjs' }) : null;
  if (base) {
    show('baseline: model frames only on the TF.js WASM runtime', base);
    log(`onnxruntime over TF.js WASM (model frames only): ${(base.preprocessS / def.preprocessS).toFixed(2)}x faster`);
  }
  if (json) {
    const r2 = (v: number) => Math.round(v * 100) / 100;
    const out = (r: RunResult) => {
      const q = ratios(r);
      return { ...r, preprocessS: r2(r.preprocessS), videoS: r2(r.videoS), audioS: r2(r.audioS), startupS: r2(r.startupS), measureS: r2(r.measureS), nodeCpuS: r2(r.nodeCpuS),
        peakRssMb: Math.round(r.peakRssMb), ratio: r2(q.ratio), cpuS: q.cpuS === null ? null : r2(q.cpuS), cpuRatio: q.cpuRatio === null ? null : r2(q.cpuRatio) };
    };
    log(JSON.stringify({
      video: path.basename(video), durationS: r2(probe.durationS), width: probe.width, height: probe.height, cores: os.cpus().length,
      decodeS: r2(bare.wallS), decodeCpuS: bare.cpuS === null ? null : r2(bare.cpuS), preprocessS: r2(def.preprocessS), ratio: r2(def.preprocessS / bare.wallS), peakRssMb: Math.round(def.peakRssMb),
      default: out(def),
      ...(hi ? { [`poseFps${poseFps}`]: out(hi) } : {}),
      ...Object.fromEntries(Object.entries(comparisons).map(([k, r]) => [k, out(r)])),
      ...(base ? { baselineTfjs: out(base), speedupOverTfjs: r2(base.preprocessS / def.preprocessS) } : {}),
    }));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:preprocess failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
