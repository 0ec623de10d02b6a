/**
 * The review service (session/reviewService.ts) on its channels that need no model: `catalogue:get` (the
 * renderer imports no engine code, so the lanes' labels and groups come through it), and `recordings:list` /
 * `analysis:open`, which reopen an analysis from the cache file and give its video's place only while the
 * very recording that was analysed is still there (checked by content).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createReviewService } from '../../../native-models/session/reviewService.ts';
import { FEATURES, GROUP_LABELS } from '../../../native-models/semiology/featureCatalogue.ts';
import { InputError, UsageError } from '../../../native-models/errors.ts';
import { recordAnalysis } from '../../../native-models/cache/analysisIndex.ts';
import { AnswerCache } from '../../../native-models/cache/answerCache.ts';
import { hashFile } from '../../../native-models/media/hashFile.ts';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-review-service-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const noEvents = () => {};

describe('reviewService catalogue:get', () => {
  it('answers every feature with its id, group, label and definition, in catalogue order, and the group labels', async () => {
    const service = createReviewService({ analysesDir: dir, dbPath: path.join(dir, 'cache.sqlite') });
    const out = await service['catalogue:get'](undefined, noEvents);
    assert.equal(out.features.length, 20);
    assert.deepEqual(out.features, FEATURES.map((f) => ({ id: f.id, group: f.group, label: f.label, definition: f.definition, lateralizes: f.lateralizes })));
    assert.deepEqual(out.groupLabels, GROUP_LABELS);
    assert.ok(out.features.every((f) => !('question' in f)), 'the prompts stay in the engine');
    // Plain data: survives JSON (the bridge) and structured clone (IPC) unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(out)), out);
  });

  it('rejects an input as a UsageError', async () => {
    const service = createReviewService({ analysesDir: dir });
    await assert.rejects(service['catalogue:get']({ any: 1 }, noEvents), (e: unknown) => e instanceof UsageError);
  });
});

describe('reviewService recordings:list and analysis:open', () => {
  it('lists an analysis from the cache and reopens it with its video, then without it once the file is moved or changed', async () => {
    const db = path.join(dir, 'reopen.sqlite');
    const video = path.join(dir, 'bed4.mp4');
    writeFileSync(video, 'the recording as analysed');
    const analysis = analysisSkeleton('bed4.mp4', [findingOf('tonic', 'present')]);
    analysis.recording.sha256 = await hashFile(video);
    const cache = new AnswerCache(db);
    const id = recordAnalysis(cache, { analysis, videoPath: video, jsonPath: path.join(dir, 'analysis.json'), pdfPath: path.join(dir, 'report.pdf') });
    cache.close();
    const service = createReviewService({ analysesDir: dir, dbPath: db });

    const { recordings } = await service['recordings:list'](undefined, noEvents);
    assert.deepEqual(recordings.map((r) => [r.id, r.fileName, r.presentFeatures, r.recordingFound]), [[id, 'bed4.mp4', ['tonic'], true]]);

    const open = await service['analysis:open']({ id }, noEvents);
    assert.deepEqual(open.analysis, analysis);
    assert.equal(open.videoPath, video);
    assert.equal(open.mediaProblem, null);

    renameSync(video, `${video}.moved`);
    const gone = await service['analysis:open']({ id }, noEvents);
    assert.deepEqual(gone.analysis, analysis, 'the findings reopen without the video');
    assert.equal(gone.videoPath, null);
    assert.match(gone.mediaProblem?.message ?? '', /"bed4\.mp4" is no longer where it was analysed/);
    assert.equal((await service['recordings:list'](undefined, noEvents)).recordings[0]!.recordingFound, false);

    writeFileSync(video, 'another recording, same name');
    const changed = await service['analysis:open']({ id }, noEvents);
    assert.equal(changed.videoPath, null, 'a different file under the same name is never shown under these findings');
    assert.match(changed.mediaProblem?.message ?? '', /not the recording that was analysed/);
    assert.ok(!JSON.stringify([gone.mediaProblem, changed.mediaProblem]).includes(dir), 'messages name the file, never its folder');
  });

  it('rejects a malformed id as a UsageError and an unknown one as an InputError', async () => {
    const service = createReviewService({ analysesDir: dir, dbPath: path.join(dir, 'empty.sqlite') });
    assert.deepEqual((await service['recordings:list'](undefined, noEvents)).recordings, []);
    for (const bad of [{}, { id: 0 }, { id: 1.5 }, { id: '1' }, { id: 1, extra: true }]) {
      await assert.rejects(service['analysis:open'](bad, noEvents), (e: unknown) => e instanceof UsageError, JSON.stringify(bad));
    }
    await assert.rejects(service['analysis:open']({ id: 7 }, noEvents), (e: unknown) => e instanceof InputError && /No analysis number 7/.test(e.message));
  });
});

describe('reviewService media:peaks', () => {
  it("answers the waveform of a recording's audio, null without audio, and refuses a non-media file", async () => {
    const { ffmpeg } = resolveMediaTools();
    const withAudio = path.join(dir, 'tone.mkv');
    const silent = path.join(dir, 'silent.mkv');
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=5:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2',
      '-shortest', '-c:v', 'mjpeg', '-c:a', 'pcm_s16le', withAudio]);
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=5:duration=1', '-an', '-c:v', 'mjpeg', silent]);
    const service = createReviewService({ analysesDir: dir });
    const peaks = await service['media:peaks']({ path: withAudio }, noEvents);
    assert.ok(peaks && Math.abs(peaks.peaks.length - 2 * peaks.binsPerSecond) <= 1, `${peaks?.peaks.length} bins`);
    assert.ok(peaks.peaks.every((p) => p >= 0 && p <= 1) && Math.max(...peaks.peaks) > 0.05);
    assert.deepEqual(JSON.parse(JSON.stringify(peaks)), peaks, 'plain data for either transport');
    assert.equal(await service['media:peaks']({ path: silent }, noEvents), null);
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'not a recording');
    await assert.rejects(service['media:peaks']({ path: text }, noEvents), (e: unknown) => e instanceof InputError && /notes\.txt/.test(e.message));
    await assert.rejects(service['media:peaks']({}, noEvents), (e: unknown) => e instanceof UsageError);
  });
});

describe('reviewService models:check', () => {
  it("says what a good pair is, and refuses swapped files and a missing one with the engine's words for the start screen", async () => {
    const { model, mmproj } = await writeTinyModelPair('omni', path.join(dir, 'models'));
    const service = createReviewService({ analysesDir: dir });
    const ok = await service['models:check']({ model, mmproj }, noEvents);
    assert.equal(ok.hasVision, true);
    assert.equal(ok.model.fileName, path.basename(model));
    assert.ok(ok.model.architecture.length > 0 && ok.mmproj.projectorType);
    await assert.rejects(service['models:check']({ model: mmproj, mmproj: model }, noEvents),
      (e: unknown) => e instanceof InputError && /is a multimodal projector \(mmproj\), not a language model\. Pass it as the projector and the main GGUF \(the larger file\) as the model\./.test(e.message) && !e.message.includes('--'));
    await assert.rejects(service['models:check']({ model: path.join(dir, 'nope.gguf'), mmproj }, noEvents),
      (e: unknown) => e instanceof InputError && /The model file "nope\.gguf" does not exist/.test(e.message));
    await assert.rejects(service['models:check']({ model, mmproj: '' }, noEvents), (e: unknown) => e instanceof UsageError && /projector file/.test(e.message));
  });
});

describe('reviewService review:get and review:record', () => {
  it('records decisions as entries and answers the folded state; a stale or malformed change is refused and leaves no entry', async () => {
    const service = createReviewService({ analysesDir: dir, dbPath: path.join(dir, 'review.sqlite') });
    const sha = 'f'.repeat(64);
    assert.deepEqual(await service['review:get']({ recordingSha256: sha }, noEvents), { entries: [], current: [], signOff: null, amendedAfterSignOff: false });
    const s1 = await service['review:record']({ recordingSha256: sha, analysisId: null, reviewer: '  Dr Ngozi Okafor ', replaces: null,
      change: { kind: 'decision', featureId: 'figure4', decision: 'added', onsetS: 14.2, offsetS: 19, side: 'right', comment: 'left arm extended' } }, noEvents);
    assert.deepEqual(s1.current.map((e) => [e.featureId, e.decision, e.side, e.reviewer]), [['figure4', 'added', 'right', 'Dr Ngozi Okafor']]);
    await assert.rejects(service['review:record']({ recordingSha256: sha, analysisId: null, reviewer: 'B', replaces: null, change: { kind: 'decision', featureId: 'figure4', decision: 'rejected' } }, noEvents),
      (e: unknown) => e instanceof InputError && /changed meanwhile/.test(e.message));
    for (const bad of [
      { recordingSha256: sha, analysisId: null, reviewer: '', replaces: null, change: { kind: 'signoff' } },
      { recordingSha256: sha, analysisId: null, reviewer: 'R', replaces: null, change: { kind: 'decision', featureId: 'tonic', decision: 'maybe' } },
      { recordingSha256: sha, analysisId: null, reviewer: 'R', replaces: null, change: { kind: 'decision', featureId: 'nose', decision: 'confirmed' } },
      { recordingSha256: 'abc', analysisId: null, reviewer: 'R', replaces: null, change: { kind: 'signoff' } },
    ]) await assert.rejects(service['review:record'](bad, noEvents), (e: unknown) => e instanceof UsageError, JSON.stringify(bad));
    assert.equal((await service['review:get']({ recordingSha256: sha }, noEvents)).entries.length, 1);
  });
});

describe('reviewService review:disagreements', () => {
  it('answers the stored analysis\'s undecided model/measurement disagreements from the review log in the cache file, now and at the sign-off', async () => {
    const db = path.join(dir, 'disagreements.sqlite');
    const analysis = analysisSkeleton('bed5.mp4', [findingOf('clonic', 'absent'), findingOf('tonic', 'present')]);
    analysis.recording.sha256 = 'e'.repeat(64);
    analysis.measuredSigns = {
      version: 1, rateHz: 15, torsoLengthPx: 300, bodyFrame: { mirrored: false, labelsSwapped: false, faceSamples: 0, faceAgreement: null, patientLeft: null },
      signs: [{ featureId: 'clonic', startS: 5, endS: 25, side: 'left', confidence: 0.7, segments: ['left_arm'], measures: { frequencyHz: 4.1 } }],
      series: [], notMeasurable: [], careIntervention: [],
    };
    const cache = new AnswerCache(db);
    const id = recordAnalysis(cache, { analysis, videoPath: path.join(dir, 'bed5.mp4'), jsonPath: path.join(dir, 'analysis.json'), pdfPath: path.join(dir, 'report.pdf') });
    cache.close();
    const service = createReviewService({ analysesDir: dir, dbPath: db });
    const sha = analysis.recording.sha256;
    const before = await service['review:disagreements']({ analysisId: id }, noEvents);
    assert.deepEqual(before.undecided.map((d) => [d.featureId, d.model, d.measured.map((m) => [m.side, m.startS, m.endS, m.frequencyHz])]),
      [['tonic', 'present', []], ['clonic', 'absent', [['left', 5, 25, 4.1]]]]);
    assert.equal(before.signOff, null);
    const s1 = await service['review:record']({ recordingSha256: sha, analysisId: id, reviewer: 'Dr R', replaces: null, change: { kind: 'decision', featureId: 'tonic', decision: 'confirmed' } }, noEvents);
    await service['review:record']({ recordingSha256: sha, analysisId: id, reviewer: 'Dr R', replaces: null, change: { kind: 'signoff' } }, noEvents);
    const after = await service['review:disagreements']({ analysisId: id }, noEvents);
    assert.deepEqual(after.undecided.map((d) => d.featureId), ['clonic']);
    assert.deepEqual(after.signOff?.undecided.map((d) => d.featureId), ['clonic']);
    assert.equal(after.signOff?.entryId, s1.entries[0]!.id + 1);
    assert.deepEqual(JSON.parse(JSON.stringify(after)), after, 'plain data for either transport');
    for (const bad of [{}, { analysisId: 0 }, { analysisId: null }, { analysisId: id, extra: 1 }]) {
      await assert.rejects(service['review:disagreements'](bad, noEvents), (e: unknown) => e instanceof UsageError, JSON.stringify(bad));
    }
    await assert.rejects(service['review:disagreements']({ analysisId: id + 5 }, noEvents), (e: unknown) => e instanceof InputError);
  });
});

describe('reviewService models:list and models:import', () => {
  it('imports a pair from a folder verified by its SHA256SUMS, with progress, and lists it with its files\' paths', async () => {
    const stick = path.join(dir, 'usb-stick');
    const { model, mmproj } = await writeTinyModelPair('omni', stick);
    const sums = await Promise.all([model, mmproj].map(async (f) => `${await hashFile(f)} *${path.basename(f)}`));
    writeFileSync(path.join(stick, 'SHA256SUMS'), `${sums.join('\n')}\n`);
    const modelsDir = path.join(dir, 'app-models');
    const service = createReviewService({ analysesDir: dir, modelsDir });
    assert.deepEqual((await service['models:list'](undefined, noEvents)).pairs, []);
    const progress: Array<{ fileName: string; phase: string }> = [];
    const out = await service['models:import']({ folder: stick }, ((event: string, payload: { fileName: string; phase: string }) => { if (event === 'models:progress') progress.push(payload); }) as never);
    assert.equal(out.imported.length, 1);
    assert.equal(out.imported[0]!.verifiedBy, 'SHA256SUMS');
    assert.ok(progress.some((p) => p.fileName === path.basename(model)), 'progress names the file copied');
    const { folder, pairs } = await service['models:list'](undefined, noEvents);
    assert.equal(folder, modelsDir);
    assert.equal(pairs.length, 1);
    assert.equal(pairs[0]!.state, 'ok');
    assert.ok(pairs[0]!.model.startsWith(modelsDir) && pairs[0]!.mmproj.startsWith(modelsDir));
    assert.deepEqual(await service['models:check']({ model: pairs[0]!.model, mmproj: pairs[0]!.mmproj }, noEvents).then((c) => c.hasVision), true, 'the installed pair passes the checks');
    await assert.rejects(service['models:import']({ folder: path.join(dir, 'no-such-stick') }, noEvents), (e: unknown) => e instanceof InputError);
    await assert.rejects(service['models:import']({ folder: '' }, noEvents), (e: unknown) => e instanceof UsageError);
  });
});
