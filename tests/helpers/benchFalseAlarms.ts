/**
 * Counts the measured signs outside the scripted shake of the bench's stand-in recording
 * (bench/makeBenchRecording.ts: a real photo drifting on a grey room, a 3 Hz shake from 60 s to 80 s, a visitor
 * from 99 s to 139 s): the false alarms of the signals layer on a mostly still recording, with the motion gate
 * on and off, and the signs inside the shake (the true positives). A measuring tool, not a test: it takes
 * minutes (the recording is made once and reused; the pose records are kept beside it, so measuring another
 * version of the signals layer on the same pose takes seconds).
 *
 *   flock -s /tmp/semioscope-heavy.lock node --import tsx tests/helpers/benchFalseAlarms.ts [--dir DIR] [--json]
 *
 * --dir: where the recording and the pose records are kept (default: bench:preprocess's folder).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EnhancedFrameRecord } from '../../native-models/contract/analysisSchema.ts';
import { makeBenchRecording } from '../../native-models/bench/makeBenchRecording.ts';
import { enhanceFrames } from '../../native-models/enhance/enhanceFrames.ts';
import { createPoseEstimator } from '../../native-models/enhance/poseEstimator.ts';
import { decodeFrames } from '../../native-models/media/decodeFrames.ts';
import { probeRecording } from '../../native-models/media/probeRecording.ts';
import { measureSigns } from '../../native-models/signals/measureSigns.ts';

/** As in an analysis and in bench:preprocess: pose at 15 fps on 448-px frames. */
const FPS = 15, LONG_SIDE = 448;
/** The scripted shake (makeBenchRecording: durationS / 3 to + 20 s), with 1 s for the onset and offset placement. */
const SHAKE: [number, number] = [60 - 1, 80 + 1];

async function poseRecords(video: string, motionGate: boolean): Promise<EnhancedFrameRecord[]> {
  const file = `${video}.pose-${FPS}fps-${LONG_SIDE}px-${motionGate ? 'gated' : 'ungated'}.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EnhancedFrameRecord[];
  const probe = await probeRecording(video);
  const estimator = await createPoseEstimator({ worker: true });
  const records: EnhancedFrameRecord[] = [];
  try {
    const frames = decodeFrames(video, { fps: FPS, longSide: LONG_SIDE, sourceWidth: probe.width, sourceHeight: probe.height, sourceFps: probe.fps });
    for await (const e of enhanceFrames(frames, { estimator, ...(motionGate ? {} : { motionGate: false }) })) records.push(e.record);
  } finally { await estimator.dispose(); }
  writeFileSync(file, JSON.stringify(records));
  return records;
}

const dirArg = process.argv.indexOf('--dir');
const video = makeBenchRecording(dirArg > 0 ? { dir: process.argv[dirArg + 1]! } : {});
const result: Record<string, unknown> = { recording: path.basename(video) };
for (const motionGate of [true, false]) {
  const signs = measureSigns(await poseRecords(video, motionGate), { fps: FPS }).signs;
  const line = (s: (typeof signs)[number]) => `${s.featureId} ${s.side} ${s.startS}-${s.endS}`;
  const outside = signs.filter((s) => s.endS <= SHAKE[0] || s.startS >= SHAKE[1]);
  const byFeature: Record<string, number> = {};
  for (const s of outside) byFeature[s.featureId] = (byFeature[s.featureId] ?? 0) + 1;
  const key = motionGate ? 'gated' : 'ungated';
  result[key] = { outsideShake: outside.length, byFeature, outside: outside.map(line), inShake: signs.filter((s) => !outside.includes(s)).map(line) };
  if (!process.argv.includes('--json')) {
    console.log(`motion gate ${motionGate ? 'on' : 'off'}: ${outside.length} signs outside the scripted shake ${JSON.stringify(byFeature)}`);
    for (const s of outside) console.log(`  outside: ${line(s)}`);
    for (const s of signs.filter((x) => !outside.includes(x))) console.log(`  in the shake: ${line(s)}`);
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
