/**
 * Care-intervention masking in a real analysis: `semioscope analyze` (real CLI, real pose models, real
 * llama-server on the tiny Omni pair, one thread) over a video made with ffmpeg from real photos: the patient
 * (Debian opencv-doc's messi5.jpg, his left forearm rotated about the elbow at 3 Hz from 4 s to 28 s) lies in a
 * grey room; a visitor (face-api's sample6.jpg) comes in from the right at 11 s, stands over the patient's left
 * leg and hand from 12 s to 20 s (the shaking forearm drawn over her, as a hand resting on a nurse's arm, so it
 * stays in view) and leaves by 21 s. The visitor's boxes must reach the signals layer (enhance ->
 * otherPeople -> measureSigns), so analysis.json's measuredSigns report the overlap as a care intervention,
 * with no clonic inside it although the forearm shook throughout, and the 3 Hz clonic of the left arm before
 * and after it. Measuring the stored track again without the visitor's boxes finds the clonic inside the span:
 * it is the mask, not a lost patient, that removed it.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { AnalysisResult, EnhancementOutput } from '../../../native-models/contract/analysisSchema.ts';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { measureSigns } from '../../../native-models/signals/measureSigns.ts';
import { startCli } from '../../helpers/runCli.ts';
import { faceApiSample, ffmpeg, MESSI, requireFiles, tempDir } from '../enhance/testMedia.ts';

/** The script: forearm shaking (3 Hz) and the visitor's visit, recording seconds. */
const SHAKE = { on: 4, off: 28, hz: 3 };
const VISIT = { enter: 11, stand: 12, leave: 20, gone: 21 };

const dir = tempDir('semioscope-care-');
const db = path.join(dir, 'cache.sqlite');
let omni: { model: string; mmproj: string };
let video: string;

/**
 * The forearm is cut out of the photo once (its place filled with a blur), then rotated frame by frame; the
 * photo sits at (300, 100) of a 960x540 room, the visitor slides over its right part, the forearm goes on top.
 */
function makeVideo(file: string): void {
  const cx = 224, cy = 71, side = 160, c = side / 2; // a square centred on the left elbow (548x342 photo)
  const ux = 0.972, uy = 0.233; // elbow -> wrist direction
  const mask = `if(gt((X-${c})*${ux}+(Y-${c})*${uy},-4)*lt((X-${c})*${ux}+(Y-${c})*${uy},78)*lt(abs(-(X-${c})*${uy}+(Y-${c})*${ux}),15),255,0)`;
  const arm = path.join(dir, 'arm.png'), filled = path.join(dir, 'filled.png');
  ffmpeg(['-i', MESSI, '-filter_complex', [
    `[0]format=rgba,split=3[base][a][b]`,
    `[a]crop=${side}:${side}:${cx}:${cy},geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='${mask}'[arm]`,
    `[b]boxblur=12,crop=${side}:${side}:${cx}:${cy},geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='${mask}'[fill]`,
    `[base][fill]overlay=${cx}:${cy}[filled]`,
  ].join(';'), '-map', '[arm]', '-frames:v', '1', arm, '-map', '[filled]', '-frames:v', '1', filled]);
  const angle = `if(between(t,${SHAKE.on},${SHAKE.off}),0.35*sin(2*PI*${SHAKE.hz}*(t-${SHAKE.on})),0)`;
  const { enter, stand, leave, gone } = VISIT;
  const standX = 620; // her box then covers the patient's left knee and foot and reaches his left hand
  const speed = (960 - standX) / (stand - enter);
  const visitorX = `if(lt(t,${enter}),960,if(lt(t,${stand}),960-(t-${enter})*${speed},if(lt(t,${leave}),${standX},if(lt(t,${gone}),${standX}+(t-${leave})*${speed},960))))`;
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x707a80:s=960x540:r=30:d=30',
    '-loop', '1', '-framerate', '30', '-i', filled, '-loop', '1', '-framerate', '30', '-i', arm, '-loop', '1', '-framerate', '30', '-i', faceApiSample(6),
    '-filter_complex', [
      `[2]format=rgba,rotate=a='${angle}':c=none:ow=${side}:oh=${side}[rot]`,
      `[0][1]overlay=300:100:shortest=1[room]`,
      `[3]crop=560:1100:1380:150,scale=-2:480[visitor]`,
      `[room][visitor]overlay=x='${visitorX}':y=30[visited]`,
      `[visited][rot]overlay=${300 + cx}:${100 + cy},format=yuv420p`,
    ].join(';'),
    '-t', '30', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', file]);
}

before(async () => {
  requireFiles(MESSI, faceApiSample(6));
  video = path.join(dir, 'visit.mp4');
  makeVideo(video);
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function storedArtifact<T>(kind: string): T {
  const d = new Database(db, { readonly: true });
  try {
    const row = d.prepare('SELECT json FROM artifacts WHERE kind = ?').get(kind) as { json: string } | undefined;
    assert.ok(row, `the ${kind} artifact is stored`);
    return JSON.parse(row.json) as T;
  } finally { d.close(); }
}

test('a visitor over the patient is masked as a care intervention; the arm\'s rhythm is measured before and after', async () => {
  const out = path.join(dir, 'out');
  const run = startCli(['analyze', video, '--out', out, '--db', db, '--model', omni.model, '--mmproj', omni.mmproj,
    '--fps', '1', '--max-frames', '2', '--segment', '30', '--features', 'clonic', '--threads', '1']);
  const r = await run.done;
  assert.equal(r.code, 0, r.stderr.slice(-3000));
  const analysis: AnalysisResult = parseAnalysisJson(readFileSync(path.join(out, 'analysis.json'), 'utf8'), 'analysis.json');
  const m = analysis.measuredSigns;
  assert.ok(m, 'measuredSigns written');

  // The overlap (the visitor reaches the patient's legs during the slide in, leaves them during the slide out).
  assert.equal(m.careIntervention.length, 1, `one care intervention: ${JSON.stringify(m.careIntervention)}`);
  const span = m.careIntervention[0]!;
  assert.ok(span.startS >= VISIT.enter - 0.5 && span.startS <= VISIT.stand + 0.5, `starts as the visitor reaches the patient: ${span.startS} s`);
  assert.ok(span.endS >= VISIT.leave && span.endS <= VISIT.gone + 1.5, `ends as the visitor leaves: ${span.endS} s`);

  const clonic = m.signs.filter((s) => s.featureId === 'clonic');
  assert.deepEqual(clonic.filter((s) => s.endS > span.startS && s.startS < span.endS), [], 'no clonic inside the masked span');
  const near3Hz = (s: (typeof clonic)[number]) => Math.abs(s.measures.frequencyHz! - SHAKE.hz) <= 0.3;
  assert.ok(clonic.some((s) => s.side === 'left' && s.startS <= SHAKE.on + 1 && s.endS >= span.startS - 1 && near3Hz(s)),
    `clonic of the left arm before the visit: ${JSON.stringify(clonic)}`);
  assert.ok(clonic.some((s) => s.side === 'left' && s.startS <= span.endS + 1 && s.endS >= SHAKE.off - 1 && near3Hz(s)),
    `clonic of the left arm after the visit: ${JSON.stringify(clonic)}`);
  const rhythm = m.series.find((s) => s.quantity === 'rhythmHz' && s.segment === 'left_arm');
  assert.ok(rhythm, 'left-arm rhythm series');
  const at = (t: number) => rhythm.values[Math.round((t - rhythm.startS) / rhythm.stepS)];
  assert.equal(at((span.startS + span.endS) / 2), null, 'no rhythm plotted inside the span');
  assert.ok(Math.abs((at(8) ?? 0) - SHAKE.hz) <= 0.3 && Math.abs((at(25) ?? 0) - SHAKE.hz) <= 0.3, `3 Hz outside: ${at(8)}, ${at(25)} Hz`);

  // The stored track, measured again without the visitor's boxes, shows the rhythm inside the span.
  const track = storedArtifact<EnhancementOutput>('enhancement');
  const others = storedArtifact<Array<{ tS: number; boxes: unknown[] }>>('otherPeople');
  assert.ok(others.some((o) => o.tS > VISIT.stand && o.tS < VISIT.leave) && others.every((o) => o.tS > VISIT.enter && o.tS < VISIT.gone + 1),
    `the visitor's boxes are stored for the visit only: ${others[0]?.tS}-${others.at(-1)?.tS} s`);
  const unmasked = measureSigns(track.frames, { fps: track.poseFps });
  assert.ok(unmasked.signs.some((s) => s.featureId === 'clonic' && s.startS < VISIT.stand + 1 && s.endS > VISIT.leave - 1),
    `without the mask the shaking inside the span is measured: ${JSON.stringify(unmasked.signs.filter((s) => s.featureId === 'clonic'))}`);
});
