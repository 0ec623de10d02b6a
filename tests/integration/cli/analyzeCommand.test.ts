/**
 * The analyze command end to end on real parts: ffmpeg-made recordings, the real llama-server on the tiny
 * random-weight model pairs, a real SQLite cache file. Checks structure and plumbing, never accuracy.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeSampleRecording } from '../../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { FEATURE_IDS } from '../../../native-models/semiology/featureCatalogue.ts';
import { checkReportPdf } from '../../helpers/checkReportPdf.ts';
import { REPO, runCli } from '../../helpers/runCli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-cli-'));
const SAMPLING = ['--fps', '1', '--max-frames', '3', '--frame-size', '160'];
let omni: { model: string; mmproj: string };
let internvl: { model: string; mmproj: string };
let withAudio: string;
let silent: string;

before(async () => {
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
  internvl = await writeTinyModelPair('internvl', path.join(dir, 'models'));
  withAudio = await makeSampleRecording(path.join(dir, 'with-audio.mp4'), { durationS: 40, width: 320, height: 240, fps: 15 });
  silent = await makeSampleRecording(path.join(dir, 'silent.mp4'), { durationS: 40, width: 320, height: 240, fps: 15, audio: false });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const readAnalysis = (out: string): AnalysisResult => parseAnalysisJson(readFileSync(path.join(out, 'analysis.json'), 'utf8'), 'analysis.json');

function checkStructure(a: AnalysisResult, expectedSegments: number): void {
  assert.equal(a.schemaVersion, 2);
  assert.match(a.recording.sha256, /^[0-9a-f]{64}$/);
  assert.equal(a.segments.length, expectedSegments);
  assert.equal(a.segments.at(-1)!.endS, Math.round(a.recording.durationS * 1000) / 1000);
  assert.deepEqual(a.findings.map((f) => f.featureId).sort(), [...FEATURE_IDS].sort(), 'all 20 features have a finding');
  for (const f of a.findings) {
    assert.ok(['present', 'absent', 'not_assessed', 'failed'].includes(f.status));
    assert.equal(f.present, f.status === 'present' ? true : f.status === 'absent' ? false : null);
    if (f.status === 'present') {
      assert.ok(f.positiveSegments.length > 0 && f.justifications.length === f.positiveSegments.length);
      assert.ok(f.onsetS !== null && f.onsetS >= 0 && f.onsetS <= a.recording.durationS);
    }
    if (f.status === 'not_assessed') assert.ok(f.reason && f.reason.length > 10);
  }
  for (const ans of a.answers) {
    assert.ok(ans.segmentIndex >= 0 && ans.segmentIndex < expectedSegments);
    if (ans.status === 'ok') assert.equal(typeof ans.present, 'boolean');
  }
  const keys = a.answers.map((x) => `${x.featureId}/${x.segmentIndex}/${x.variant}`);
  assert.equal(new Set(keys).size, keys.length, 'no duplicate answers');
}

describe('analyze on the tiny Omni pair (vision + audio)', () => {
  const out = () => path.join(dir, 'out-omni');
  const db = () => path.join(dir, 'omni.sqlite');

  test('writes analysis.json and report.pdf with all 20 features', async () => {
    const r = await runCli(['analyze', withAudio, '--out', out(), '--model', omni.model, '--mmproj', omni.mmproj, '--db', db(), ...SAMPLING, '--json-progress']);
    assert.equal(r.code, 0, r.stderr);
    const a = readAnalysis(out());
    checkStructure(a, 2);
    assert.equal(a.model.demo, true);
    assert.equal(a.model.hasAudio, true);
    assert.equal(a.answers.length, 2 * 20, 'every feature asked in every segment, audio included');
    assert.equal(a.stats.modelCalls >= 40, true);
    assert.equal(a.stats.cacheHits, 0);
    assert.ok(a.stats.promptTokens > 0 && a.stats.completionTokens > 0);
    for (const k of a.keyframes) assert.ok(existsSync(path.join(out(), k.path)), k.path);
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.ok(progress.some((p) => p.stage === 'analyse' && p.percent === 100));
    assert.ok(progress.every((p) => typeof p.percent === 'number' && 'etaS' in p));
    // The report of a real analysis, checked with poppler: labels, hash prefix, sequence, embedded fonts, pages.
    await checkReportPdf(path.join(out(), 'report.pdf'), a, { mustContain: ['random-weight'], renderDir: path.join(REPO, 'artifacts', 'report-from-cli') });
  });

  test('a second run asks the model nothing and finds the same', async () => {
    // Its own first run and cache file: this test does not rely on the one above.
    const warmDb = path.join(dir, 'omni-rerun.sqlite');
    const w = await runCli(['analyze', withAudio, '--out', path.join(dir, 'out-omni-1'), '--model', omni.model, '--mmproj', omni.mmproj, '--db', warmDb, ...SAMPLING, '--quiet']);
    assert.equal(w.code, 0, w.stderr);
    const first = readAnalysis(path.join(dir, 'out-omni-1'));
    const r = await runCli(['analyze', withAudio, '--out', path.join(dir, 'out-omni-2'), '--model', omni.model, '--mmproj', omni.mmproj, '--db', warmDb, ...SAMPLING, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const second = readAnalysis(path.join(dir, 'out-omni-2'));
    assert.equal(second.stats.modelCalls, 0);
    assert.equal(second.stats.cacheHits, 40);
    assert.deepEqual(second.findings, first.findings);
    assert.ok(second.answers.every((x) => x.fromCache));
  });
});

describe('variant policy', () => {
  test('--variants all asks every variant; the primary finding per feature, the others as variantFindings', async () => {
    const out = path.join(dir, 'out-all');
    const r = await runCli(['analyze', withAudio, '--out', out, '--model', omni.model, '--mmproj', omni.mmproj, '--db', path.join(dir, 'all.sqlite'),
      ...SAMPLING, '--features', 'tonic,ictal_vocalization', '--variants', 'all', '--variant', 'tonic=base', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const a = readAnalysis(out);
    assert.deepEqual(a.findings.map((f) => [f.featureId, f.variant]), [['tonic', 'base'], ['ictal_vocalization', 'transcript']]);
    assert.deepEqual(a.variantFindings.map((f) => `${f.featureId}=${f.variant}`).sort(),
      ['ictal_vocalization=base', 'ictal_vocalization=denoised', 'tonic=crop', 'tonic=pose']);
    assert.equal(a.answers.length, 2 * 6);
    assert.equal(a.audio?.denoiser?.startsWith('RNNoise'), true);
    assert.ok(a.enhancement && a.enhancement.frames.length > 0 && a.enhancement.pose.id.includes('movenet'));
  });
});

describe('analyze on the tiny InternVL pair (vision only)', () => {
  test('audio features are not assessed, with the reason', async () => {
    const out = path.join(dir, 'out-internvl');
    const r = await runCli(['analyze', withAudio, '--out', out, '--model', internvl.model, '--mmproj', internvl.mmproj, '--db', path.join(dir, 'ivl.sqlite'), ...SAMPLING, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const a = readAnalysis(out);
    checkStructure(a, 2);
    for (const id of ['verbal_responsiveness', 'ictal_vocalization']) {
      const f = a.findings.find((x) => x.featureId === id)!;
      assert.equal(f.status, 'not_assessed');
      assert.match(f.reason!, /no audio encoder; add an audio-capable model/);
    }
    assert.equal(a.answers.length, 2 * 18);
  });

  test('a separate audio model answers the audio features', async () => {
    const out = path.join(dir, 'out-internvl-audio');
    // Warms its own cache with tonic from the vision model alone, so the audio-model run below reuses it.
    const cache = path.join(dir, 'ivl-audio.sqlite');
    const w = await runCli(['analyze', withAudio, '--out', path.join(dir, 'out-internvl-tonic'), '--model', internvl.model, '--mmproj', internvl.mmproj,
      '--features', 'tonic', '--db', cache, ...SAMPLING, '--quiet']);
    assert.equal(w.code, 0, w.stderr);
    const r = await runCli(['analyze', withAudio, '--out', out, '--model', internvl.model, '--mmproj', internvl.mmproj,
      '--audio-model', omni.model, '--audio-mmproj', omni.mmproj, '--features', 'ictal_vocalization,tonic', '--db', cache, ...SAMPLING, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const a = readAnalysis(out);
    assert.equal(a.model.audioModel?.hasAudio, true);
    assert.equal(a.answers.filter((x) => x.featureId === 'ictal_vocalization').length, 2);
    assert.equal(a.stats.cacheHits, 2, 'tonic was cached by the warm-up run');
  });

  test('a recording without audio: audio features not assessed, visual ones answered', async () => {
    const out = path.join(dir, 'out-silent');
    const r = await runCli(['analyze', silent, '--out', out, '--model', omni.model, '--mmproj', omni.mmproj, '--db', path.join(dir, 'silent.sqlite'), ...SAMPLING, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const a = readAnalysis(out);
    assert.equal(a.recording.hasAudio, false);
    for (const id of ['verbal_responsiveness', 'ictal_vocalization']) {
      assert.equal(a.findings.find((x) => x.featureId === id)!.reason, 'the recording has no audio track');
    }
    assert.equal(a.answers.length, 2 * 18);
    const db = new Database(path.join(dir, 'silent.sqlite'), { readonly: true });
    assert.equal((db.prepare('SELECT count(*) n FROM answers').get() as { n: number }).n, 36);
    db.close();
  });
});
