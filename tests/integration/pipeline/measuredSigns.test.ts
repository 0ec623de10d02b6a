/**
 * Measured signs in a real analysis: `semioscope analyze` (real CLI, real llama-server on the tiny Omni pair,
 * one thread) over a video made from a real photo (Debian opencv-doc's messi5.jpg, his left forearm rotated
 * about the elbow at a slowing rhythm from 5 s to 25 s, as in tests/integration/signals). Pose at the signals
 * rate (15 fps) in the same decode as the model's 1 fps frames: analysis.json carries a valid `measuredSigns`
 * (clonic on the patient's left), `measurementAgreement` per measured feature, and only the model-rate pose
 * frames. A rerun asks nothing, runs no pose and reuses the cached measurement; `--mirrored` measures again
 * from the cached track and reports the other side. The same recording turned 90 degrees (the patient lying
 * head right, as a camera mounted across the bed shows him): pose runs the right way up (analysis.json says
 * so) and clonic is still on his left.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { onJsonLines, startCli } from '../../helpers/runCli.ts';
import { MESSI, requireFiles, tempDir } from '../enhance/testMedia.ts';
import { makeForearmVideo } from '../../helpers/photoPatientVideo.ts';

const ON = 5, OFF = 25, F0 = 4, F1 = 1.5;
const dir = tempDir('semioscope-measured-');
const db = path.join(dir, 'cache.sqlite');
let omni: { model: string; mmproj: string };
let video: string;

before(async () => {
  requireFiles(MESSI);
  video = path.join(dir, 'rec.mp4');
  makeForearmVideo(video, { onS: ON, offS: OFF, f0: F0, f1: F1, durationS: 30 });
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const FEATURES = ['clonic', 'tonic', 'head_turning', 'oral_automatisms'];

/** One analysis; the analysis.json it wrote and the progress messages it showed. */
async function analyze(out: string, extra: string[] = [], recording = video): Promise<{ analysis: AnalysisResult; messages: string[] }> {
  const run = startCli(['analyze', recording, '--out', path.join(dir, out), '--db', db, '--model', omni.model, '--mmproj', omni.mmproj,
    '--fps', '1', '--max-frames', '2', '--segment', '30', '--features', FEATURES.join(','), '--threads', '1', '--json-progress', ...extra]);
  const messages: string[] = [];
  onJsonLines(run.child, (e) => { if (typeof e.message === 'string') messages.push(e.message); });
  const r = await run.done;
  assert.equal(r.code, 0, r.stderr.slice(-3000));
  const file = path.join(dir, out, 'analysis.json');
  return { analysis: parseAnalysisJson(readFileSync(file, 'utf8'), 'analysis.json'), messages };
}

function artifactRows(kind: string): number {
  const d = new Database(db, { readonly: true });
  try { return (d.prepare('SELECT count(*) n FROM artifacts WHERE kind = ?').get(kind) as { n: number }).n; } finally { d.close(); }
}

const leftClonic = (a: AnalysisResult) => a.measuredSigns!.signs.filter((s) => s.featureId === 'clonic' && s.side === 'left');

let first: AnalysisResult;

test('a real analysis writes measuredSigns (clonic on the left) and the agreement of every measured finding', async () => {
  const { analysis, messages } = await analyze('out1');
  first = analysis;
  assert.ok(messages.some((m) => /pose model/i.test(m)), 'pose ran');
  const m = analysis.measuredSigns;
  assert.ok(m, 'measuredSigns written');
  assert.equal(m.rateHz, 15, 'measured at the signals rate');
  const clonic = leftClonic(analysis);
  assert.ok(clonic.length >= 1, `clonic on the patient's left: ${JSON.stringify(m.signs)}`);
  assert.ok(clonic.some((s) => s.startS < OFF && s.endS > ON && s.measures.frequencyHz! >= F1 - 0.5 && s.measures.frequencyHz! <= F0 + 0.5),
    `within the scripted span and rhythm: ${JSON.stringify(clonic)}`);
  assert.ok(!m.signs.some((s) => s.featureId === 'clonic' && s.side === 'right'), 'nothing on the still right side');
  assert.ok(m.series.some((s) => s.quantity === 'rhythmHz' && s.segment === 'left_arm'), 'rhythm series to plot');

  // analysis.json lists the pose frames at the model's rate; the 15 fps track stays in the cache.
  assert.equal(analysis.enhancement!.poseFps, 1);
  assert.ok(analysis.enhancement!.frames.length >= 28 && analysis.enhancement!.frames.length <= 31, `${analysis.enhancement!.frames.length} listed frames`);
  const spans = analysis.enhancement!.orientation!.spans;
  assert.equal(analysis.enhancement!.orientation!.setting, 'auto');
  assert.deepEqual(spans.map((x) => x.degrees), [0], 'pose ran upright throughout');
  assert.ok(spans[0]!.startS === 0 && spans[0]!.endS >= 28, JSON.stringify(spans));

  const agreement = analysis.measurementAgreement!;
  assert.deepEqual(agreement.map((a) => a.featureId), ['clonic', 'tonic', 'head_turning'], 'one entry per measured feature asked');
  for (const a of agreement) {
    const f = analysis.findings.find((x) => x.featureId === a.featureId)!;
    assert.equal(a.model, f.status, "the model's finding is reported unchanged");
    assert.equal(a.flaggedForReview, a.agrees === false, 'a disagreement is flagged for review');
    if (a.agrees === false) assert.match(a.note, /Review the recording/);
  }
  const c = agreement.find((a) => a.featureId === 'clonic')!;
  assert.equal(c.measured, 'present');
  assert.equal(c.measuredSide, 'left');
  const finding = analysis.findings.find((x) => x.featureId === 'clonic')!;
  if (finding.status === 'absent') assert.equal(c.flaggedForReview, true, 'the model missing measured clonic is flagged');
  assert.equal(artifactRows('measuredSigns'), 1);
});

test('a rerun asks nothing, runs no pose and reuses the cached measurement', async () => {
  assert.ok(first, 'the first analysis ran');
  // Mark the cached measurement: a rerun that computed it again would not carry the mark.
  const d = new Database(db);
  try { d.prepare("UPDATE artifacts SET json = json_set(json, '$.torsoLengthPx', 123.4) WHERE kind = 'measuredSigns'").run(); } finally { d.close(); }
  const { analysis, messages } = await analyze('out2');
  assert.equal(analysis.stats.modelCalls, 0);
  assert.ok(!messages.some((m) => /pose model/i.test(m)), `no pose on a rerun: ${messages.join(' | ')}`);
  assert.equal(analysis.measuredSigns!.torsoLengthPx, 123.4, 'the cached measurement was used');
  assert.deepEqual({ ...analysis.measuredSigns!, torsoLengthPx: null }, { ...first.measuredSigns!, torsoLengthPx: null });
  assert.deepEqual(analysis.measurementAgreement, first.measurementAgreement);
  assert.deepEqual(analysis.enhancement, first.enhancement);
  assert.equal(artifactRows('measuredSigns'), 1);
});

test('--mirrored measures again from the cached track (no pose, no model call) and reports the other side', async () => {
  assert.ok(first, 'the first analysis ran');
  const { analysis, messages } = await analyze('out3', ['--mirrored']);
  assert.equal(analysis.stats.modelCalls, 0);
  assert.ok(!messages.some((m) => /pose model/i.test(m)), 'the cached 15 fps track is measured again');
  assert.equal(analysis.measuredSigns!.bodyFrame.mirrored, true);
  assert.equal(leftClonic(analysis).length, 0);
  assert.ok(analysis.measuredSigns!.signs.some((s) => s.featureId === 'clonic' && s.side === 'right'), 'clonic on the right of a mirrored recording');
  assert.equal(artifactRows('measuredSigns'), 2);
});

test('the recording turned 90 degrees: pose is searched the right way up, analysis.json says so, clonic still on the left', async () => {
  const turned = path.join(dir, 'rec-turned.mp4');
  makeForearmVideo(turned, { onS: ON, offS: OFF, f0: F0, f1: F1, durationS: 30, post: 'transpose=1' });
  const { analysis } = await analyze('out4', [], turned);
  const o = analysis.enhancement!.orientation!;
  assert.equal(o.setting, 'auto');
  assert.deepEqual(o.spans.map((x) => x.degrees), [90], `the patient lies head right throughout: ${JSON.stringify(o.spans)}`);
  // The keypoints are in the turned picture's pixels: the head (nose) right of the hips.
  const withPatient = analysis.enhancement!.frames.filter((f) => f.keypoints.length === 17);
  assert.ok(withPatient.length >= 0.9 * analysis.enhancement!.frames.length, `patient found in ${withPatient.length} frames`);
  const k = (f: (typeof withPatient)[number], n: string) => f.keypoints.find((x) => x.name === n)!;
  assert.ok(withPatient.every((f) => k(f, 'nose').x > k(f, 'left_hip').x), 'head to the right of the hips');
  assert.ok(leftClonic(analysis).length >= 1, `clonic on the patient's left: ${JSON.stringify(analysis.measuredSigns!.signs)}`);
  assert.ok(!analysis.measuredSigns!.signs.some((s) => s.featureId === 'clonic' && s.side === 'right'), 'nothing on the still right side');
});
