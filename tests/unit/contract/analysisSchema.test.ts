/**
 * The analysis.json contract: a real analysis (the report fixture) passes and survives a JSON round trip;
 * each kind of wrong field is refused with its path and what was expected; an unknown schemaVersion and
 * invalid JSON are refused by name. Every case builds its own analysis.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analysisResultSchema, type AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { InputError } from '../../../native-models/errors.ts';
import { analysisSkeleton, buildAnalysisFixture, findingOf } from '../../helpers/analysisFixture.ts';

let root = '';
before(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-contract-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

/** A valid analysis with two findings and one answer, edited by `edit`, as analysis.json text. */
function edited(edit: (doc: Record<string, any>) => void): string {
  const a = analysisSkeleton('bed2.mp4', [findingOf('blank_stare', 'present'), findingOf('tonic', 'absent')]) as unknown as Record<string, any>;
  a.answers = [{ featureId: 'blank_stare', segmentIndex: 0, variant: 'base', present: true, justification: 'stare', onsetS: 3, fromCache: false, status: 'ok' }];
  edit(a);
  return JSON.stringify(a);
}

/** The message parseAnalysisJson throws for `text` (read from a folder: only the base name is shown). */
function refusal(text: string, file = path.join('/data/Patient Name', 'analysis.json')): string {
  try {
    parseAnalysisJson(text, file);
  } catch (e) {
    assert.ok(e instanceof InputError, `an InputError, got ${String(e)}`);
    assert.equal(e.exitCode, 2);
    assert.ok(!e.message.includes('Patient Name'), 'the folder never appears');
    return e.message;
  }
  assert.fail('the analysis was accepted');
}

describe('analysis.json contract', () => {
  test('a real analysis (report fixture, every scenario) is valid and survives a JSON round trip unchanged', async () => {
    for (const scenario of ['focal', 'noPositive', 'allFailed', 'allPresent'] as const) {
      const analysis = await buildAnalysisFixture(path.join(root, scenario), { scenario });
      const back: AnalysisResult = parseAnalysisJson(JSON.stringify(analysis, null, 2), 'analysis.json');
      assert.deepEqual(back, analysis, scenario);
    }
  });

  test('enhancement and audio blocks are part of the contract', () => {
    const text = edited((a) => {
      a.enhancement = { pose: { id: 'movenet-lightning+centernet/human-3.3.6', poseModel: 'MoveNet Lightning', personDetector: 'CenterNet', backend: 'onnxruntime-node' },
        poseFps: 2, frames: [{ tS: 0.5, keypoints: [{ name: 'nose', x: 320, y: 100, score: 0.9 }], face: { x: 300, y: 80, w: 40, h: 40 } }, { tS: 1, keypoints: [], face: null }] };
      a.audio = { voiceActivity: [{ startS: 1, endS: 2.5 }], transcript: { text: 'help', segments: [{ startS: 1, endS: 2, text: 'help' }], model: 'whisper' },
        denoiser: null, vadModel: 'silero' };
      const e = { id: 1, recordingSha256: 'a'.repeat(64), analysisId: null, kind: 'decision', featureId: 'blank_stare', decision: 'confirmed', onsetS: 3, offsetS: null, side: null,
        comment: 'fixé', reviewer: 'Dr N', atIso: '2025-03-15T09:05:00+01:00', replaces: null };
      a.review = { entries: [e], current: [e], signOff: null, amendedAfterSignOff: false };
    });
    const a = parseAnalysisJson(text, 'analysis.json');
    assert.equal(a.enhancement?.frames[0]?.keypoints[0]?.name, 'nose');
    assert.equal(a.audio?.transcript?.text, 'help');
    const bad = edited((d) => {
      d.enhancement = { pose: { id: 'x', poseModel: 'x', personDetector: 'x', backend: 'x' }, poseFps: 2, frames: [{ tS: 0, keypoints: [{ name: 'tail', x: 0, y: 0, score: 1 }], face: null }] };
    });
    assert.match(refusal(bad), /^analysis\.json: enhancement\.frames\[0\]\.keypoints\[0\]\.name must be one of nose, left_eye, .* \(got "tail"\)$/);
  });

  test('fields a later version adds are accepted and dropped', () => {
    const a = parseAnalysisJson(edited((d) => { d.reviewNotes = 'later'; d.findings[0].confidence = 0.8; }), 'analysis.json');
    assert.equal('reviewNotes' in a, false);
    assert.equal('confidence' in a.findings[0]!, false);
  });

  const cases: [string, (d: Record<string, any>) => void, RegExp][] = [
    ['a value outside an enum', (d) => { d.findings[1].status = 'maybe'; },
      /^analysis\.json: findings\[1\]\.status must be one of present, absent, not_assessed, failed \(got "maybe"\)$/],
    ['a missing field', (d) => { delete d.recording.sha256; }, /^analysis\.json: recording\.sha256 is missing \(expected a string\)$/],
    ['a wrong type', (d) => { d.segments[0].startS = '0:00'; }, /^analysis\.json: segments\[0\]\.startS must be a number \(got "0:00"\)$/],
    ['a wrong type where null is allowed', (d) => { d.findings[0].onsetS = 'soon'; }, /^analysis\.json: findings\[0\]\.onsetS must be a number or null \(got "soon"\)$/],
    ['a fraction where a whole number is needed', (d) => { d.answers[0].segmentIndex = 0.5; }, /^analysis\.json: answers\[0\]\.segmentIndex must be a whole number \(got 0\.5\)$/],
    ['a number below its minimum', (d) => { d.stats.modelCalls = -1; }, /^analysis\.json: stats\.modelCalls must be at least 0 \(got -1\)$/],
    ['a number above its maximum', (d) => { d.enhancement = { pose: { id: 'x', poseModel: 'x', personDetector: 'x', backend: 'x' }, poseFps: 2,
      frames: [{ tS: 0, keypoints: [{ name: 'nose', x: 0, y: 0, score: 1.5 }], face: null }] }; },
      /^analysis\.json: enhancement\.frames\[0\]\.keypoints\[0\]\.score must be at most 1 \(got 1\.5\)$/],
    ['a rotation that is not a quarter turn', (d) => { d.recording.rotation = 45; }, /^analysis\.json: recording\.rotation must be one of 0, 90, 180, 270 \(got 45\)$/],
    ['an unknown feature id', (d) => { d.answers[0].featureId = 'wobble'; }, /^analysis\.json: answers\[0\]\.featureId must be one of occur_during_sleep, blank_stare, .*ictal_vocalization \(got "wobble"\)$/],
    ['an unknown input variant', (d) => { d.findings[0].variant = 'thermal'; }, /^analysis\.json: findings\[0\]\.variant must be one of base, crop, pose, denoised, transcript \(got "thermal"\)$/],
    ['an unknown prompting mode', (d) => { d.stats.prompting = 'chatty'; }, /^analysis\.json: stats\.prompting must be one of shared-prefix, batched, naive \(got "chatty"\)$/],
    ['a malformed hash', (d) => { d.recording.sha256 = 'abc'; }, /^analysis\.json: recording\.sha256 must be a SHA-256 as 64 lower-case hex digits \(got "abc"\)$/],
    ['a date that is not ISO 8601', (d) => { d.analysedAt = '14/03/2025'; }, /^analysis\.json: analysedAt must be an ISO 8601 date-time \(got "14\/03\/2025"\)$/],
    ['present disagreeing with status', (d) => { d.findings[1].present = true; }, /^analysis\.json: findings\[1\]\.present must be false when status is absent \(got true\)$/],
    ['an absolute keyframe path', (d) => { d.keyframes = [{ featureId: 'blank_stare', segmentIndex: 0, variant: 'base', tS: 3, path: '/etc/passwd' }]; },
      /^analysis\.json: keyframes\[0\]\.path must be a path relative to the folder of analysis\.json, without "\.\." \(got "\/etc\/passwd"\)$/],
    ['a list where an object belongs', (d) => { d.model = []; }, /^analysis\.json: model must be an object \(got a list\)$/],
    ['an object where a list belongs', (d) => { d.findings = {}; }, /^analysis\.json: findings must be a list \(got an object\)$/],
    ['a decision of an unknown kind', (d) => {
      d.review = { entries: [{ id: 1, recordingSha256: 'a'.repeat(64), analysisId: null, kind: 'decision', featureId: 'tonic', decision: 'maybe', onsetS: null, offsetS: null, side: null,
        comment: '', reviewer: 'R', atIso: '2025-03-15T09:05:00Z', replaces: null }], current: [], signOff: null, amendedAfterSignOff: false };
    }, /^analysis\.json: review\.entries\[0\]\.decision must be one of confirmed, rejected, uncertain, added \(got "maybe"\)$/],
    ['a nested model of the wrong shape', (d) => { d.model.audioModel = { backend: 'cloud' }; }, /^analysis\.json: model\.audioModel\.backend must be one of local, remote \(got "cloud"\)$/],
  ];
  for (const [kind, edit, message] of cases) {
    test(`refuses ${kind}, naming the field`, () => assert.match(refusal(edited(edit)), message));
  }

  test('refuses an unknown or missing schemaVersion with a hint, before reading further', () => {
    assert.match(refusal(edited((d) => { d.schemaVersion = 3; d.findings = 'new shape'; })),
      /^analysis\.json has schemaVersion 3; this version of semioscope reads schemaVersion 2\.$/);
    assert.match(refusal(edited((d) => { delete d.schemaVersion; })), /^analysis\.json has no schemaVersion;/);
    try {
      parseAnalysisJson(edited((d) => { d.schemaVersion = '1'; }), 'analysis.json');
      assert.fail('accepted');
    } catch (e) {
      assert.match((e as InputError).message, /has schemaVersion "1"/);
      assert.match((e as InputError).hint ?? '', /different semioscope version/);
    }
  });

  test('refuses invalid JSON and a document that is not an object, by base name', () => {
    assert.match(refusal('{"schemaVersion": 1,', path.join('/data/Patient Name', 'run.json')), /^run\.json is not valid JSON \(/);
    assert.match(refusal('[1, 2]'), /^analysis\.json must be an object \(got a list\)\.$/);
    assert.doesNotThrow(() => parseAnalysisJson(`\ufeff${edited(() => {})}`, 'analysis.json'), 'a leading BOM is allowed');
  });

  test('the inferred type and the schema agree on a valid analysis', () => {
    const a: AnalysisResult = analysisSkeleton();
    assert.equal(analysisResultSchema.safeParse(a).success, true);
  });
});
