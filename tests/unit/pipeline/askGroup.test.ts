/**
 * "A failure is never a no": askGroup against a scripted loopback server (openRemoteBackend, json_schema) and a
 * real SQLite cache. A rejected request or an answer that does not parse becomes status 'failed' with present
 * null and is never cached (so a rerun asks again); answers that came back valid are cached. Shared-prefix and
 * batched prompting both.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { AnswerCache, type AnswerKey } from '../../../native-models/cache/answerCache.ts';
import { BackendError, CancelledError } from '../../../native-models/errors.ts';
import { encodeJpeg } from '../../../native-models/media/encodeJpeg.ts';
import type { FeaturePlan } from '../../../native-models/pipeline/aggregateFindings.ts';
import type { Answer, SegmentInfo } from '../../../native-models/contract/analysisSchema.ts';
import type { FeatureId } from '../../../native-models/semiology/featureCatalogue.ts';
import { askGroup, type AskGroupContext, type QuestionGroup } from '../../../native-models/pipeline/askGroup.ts';
import { getFeature } from '../../../native-models/semiology/featureCatalogue.ts';
import type { AskOutcome } from '../../../native-models/vlm/askFeature.ts';
import { openRemoteBackend, type ModelBackend } from '../../../native-models/vlm/modelBackend.ts';
import type { PromptingMode } from '../../../native-models/contract/analysisSettings.ts';
import { batchedFeatureIds, featureAnswer, requestText, startScriptedChatServer, type ScriptedChatServer } from '../../helpers/scriptedChatServer.ts';

const FEATURES = ['occur_during_sleep', 'close_eyes', 'head_turning'] as const;
const SEGMENT: SegmentInfo = { index: 1, startS: 25, endS: 55 };

let dir: string;
let server: ScriptedChatServer;
let backend: ModelBackend;
let cache: AnswerCache;
let jpeg: Buffer;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-askgroup-'));
  server = await startScriptedChatServer();
  backend = openRemoteBackend({ endpoint: server.baseUrl, model: 'scripted-vlm' });
  const w = 32, h = 24;
  const data = Buffer.alloc(w * h * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 256;
  jpeg = encodeJpeg({ width: w, height: h, data });
});
after(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); });
beforeEach((t) => {
  server.requests.length = 0;
  cache = new AnswerCache(path.join(dir, `${t.name.replace(/\W+/g, '-').slice(0, 60)}.sqlite`));
});
afterEach(() => {
  cache.close();
  assert.equal(server.pending, 0, 'the test used its whole script');
});

const keyFor = (p: FeaturePlan, s: SegmentInfo): AnswerKey => ({
  recordingSha: 'a'.repeat(64), segmentStartS: s.startS, segmentEndS: s.endS, featureId: p.featureId, variant: p.variant,
  modelId: backend.info.identity, catalogueVersion: 1, samplingKey: 'fps=1;max=2;size=112',
});

const group = (): QuestionGroup => ({
  segment: SEGMENT, variant: 'base', backend,
  plans: FEATURES.map((featureId) => ({ featureId, variant: 'base' })),
  evidence: { startS: SEGMENT.startS, endS: SEGMENT.endS, variant: 'base', frames: [{ tS: 30, jpeg }, { tS: 45, jpeg }] },
});

async function ask(mode: PromptingMode, signal?: AbortSignal): Promise<{ answers: Answer[]; outcomes: AskOutcome[] }> {
  const answers: Answer[] = [];
  const outcomes: AskOutcome[] = [];
  const ctx: AskGroupContext = { cache, keyFor, mode, slot: 0, signal, onAnswer: (a, _ms, o) => { answers.push(a); outcomes.push(o); } };
  await askGroup(group(), ctx);
  return { answers, outcomes };
}

const cached = (featureId: FeatureId) => cache.get(keyFor({ featureId, variant: 'base' }, SEGMENT));
const byId = (answers: Answer[]) => new Map(answers.map((a) => [a.featureId, a]));

test('shared-prefix: a rejected request is a failed answer, present null, not cached; the others are cached', async () => {
  server.push(
    featureAnswer(true, 'Eyes closed and still.', 3),
    { kind: 'status', status: 400, body: '{"error":{"message":"the request exceeds the available context size"}}' },
    featureAnswer(false),
  );
  const { answers } = await ask('shared-prefix');
  assert.equal(server.requests.length, 3, 'one call per question; the rejection is not retried');
  for (const [i, id] of FEATURES.entries()) assert.ok(requestText(server.requests[i]!.body).includes(getFeature(id).question), `request ${i} asks ${id}`);
  const a = byId(answers);
  assert.equal(answers.length, 3, 'every question has an outcome');
  assert.deepEqual({ status: a.get('close_eyes')!.status, present: a.get('close_eyes')!.present }, { status: 'failed', present: null });
  assert.match(a.get('close_eyes')!.error ?? '', /HTTP 400/);
  assert.equal(cached('close_eyes'), null, 'a failure is never cached');
  assert.deepEqual(a.get('occur_during_sleep'), {
    featureId: 'occur_during_sleep', segmentIndex: 1, variant: 'base', present: true, justification: 'Eyes closed and still.',
    onsetS: 28, fromCache: false, status: 'ok', promptTokens: 100, evaluatedPromptTokens: 100,
  }, 'onset in recording seconds: segment start 25 + 3');
  assert.deepEqual(cached('occur_during_sleep'), { present: true, justification: 'Eyes closed and still.', onsetInSegmentS: 3, promptTokens: 100, completionTokens: 20 });
  assert.equal(a.get('head_turning')!.present, false);
  assert.equal(cached('head_turning')!.present, false, 'a valid "no" is cached');
  assert.equal(cache.countAnswers(), 2);
});

test('shared-prefix: an answer that never parses is failed (not "no") and not cached; one that parses on the retry is cached', async () => {
  server.push(
    { kind: 'answer', content: 'The patient appears to be asleep.' }, // occur_during_sleep: not JSON
    { kind: 'answer', content: { present: 'maybe', justification: 'Hard to tell.' } }, // ... and not a boolean on the retry
    { kind: 'answer', content: { present: true } }, // close_eyes: no justification
    featureAnswer(true, 'Both eyes shut.'), // ... parses on the retry
    featureAnswer(false), // head_turning
  );
  const { answers, outcomes } = await ask('shared-prefix');
  assert.equal(server.requests.length, 5, 'two attempts per unparseable answer, one for a good one');
  const a = byId(answers);
  const sleep = a.get('occur_during_sleep')!;
  assert.deepEqual({ status: sleep.status, present: sleep.present }, { status: 'failed', present: null });
  assert.match(sleep.error ?? '', /unparseable answer/);
  assert.equal(outcomes[0]!.calls, 2, 'the unparseable answer was asked again');
  assert.equal(server.requests[1]!.body.temperature, 0.7, 'the second attempt samples instead of repeating the greedy answer');
  assert.equal(cached('occur_during_sleep'), null);
  assert.equal(a.get('close_eyes')!.status, 'ok');
  assert.equal(cached('close_eyes')!.justification, 'Both eyes shut.');
  assert.equal(a.get('head_turning')!.present, false);
  assert.equal(cache.countAnswers(), 2);
});

test('batched: one call; a feature whose part is malformed or missing fails alone and is not cached', async () => {
  server.push({ kind: 'answer', content: {
    occur_during_sleep: { present: false, justification: 'Awake and sitting.', onset_s: null },
    close_eyes: { present: 'no', justification: 'Open.', onset_s: null }, // not a boolean
    // head_turning missing
  } });
  const { answers } = await ask('batched');
  assert.equal(server.requests.length, 1);
  assert.deepEqual(batchedFeatureIds(server.requests[0]!.body), [...FEATURES], 'the schema asks every feature of the group');
  const a = byId(answers);
  assert.deepEqual([...a.values()].map((x) => [x.featureId, x.status, x.present]), [
    ['occur_during_sleep', 'ok', false], ['close_eyes', 'failed', null], ['head_turning', 'failed', null],
  ]);
  assert.match(a.get('head_turning')!.error ?? '', /unparseable answer/);
  assert.equal(cached('occur_during_sleep')!.present, false);
  assert.equal(cached('close_eyes'), null);
  assert.equal(cached('head_turning'), null);
});

test('batched: a rejected call fails every feature of the chunk, none cached', async () => {
  server.push({ kind: 'status', status: 400 });
  const { answers } = await ask('batched');
  assert.deepEqual(answers.map((x) => [x.status, x.present]), [['failed', null], ['failed', null], ['failed', null]]);
  assert.equal(cache.countAnswers(), 0);
});

test('batched: a body that is not JSON at all fails every feature, none cached', async () => {
  server.push({ kind: 'answer', content: 'Sorry, I cannot help with that.' });
  const { answers } = await ask('batched');
  assert.deepEqual(answers.map((x) => x.status), ['failed', 'failed', 'failed']);
  assert.equal(cache.countAnswers(), 0);
});

test('a server that keeps failing ends the group with a BackendError; what was answered before stays cached', async () => {
  // openRemoteBackend's client makes 4 attempts (0.25 + 0.5 + 1 s of backoff) before it gives up.
  server.push(featureAnswer(true, 'Asleep.'), ...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 })));
  const seen: Answer[] = [];
  await assert.rejects(askGroup(group(), { cache, keyFor, mode: 'shared-prefix', slot: 0, onAnswer: (x) => seen.push(x) }), (e: unknown) => {
    assert.ok(e instanceof BackendError, `got ${String(e)}`);
    assert.match(e.message, /did not answer after 4 attempts/);
    return true;
  });
  assert.deepEqual(seen.map((x) => [x.featureId, x.status]), [['occur_during_sleep', 'ok']], 'no outcome is invented for the unanswered question');
  assert.equal(cache.countAnswers(), 1);
  assert.equal(cached('close_eyes'), null);
});

test('cancelled between questions: CancelledError, the answers before it cached, nothing asked after it', async () => {
  server.push(featureAnswer(true, 'Asleep.'));
  const controller = new AbortController();
  const seen: Answer[] = [];
  await assert.rejects(askGroup(group(), { cache, keyFor, mode: 'shared-prefix', slot: 0, signal: controller.signal,
    onAnswer: (x) => { seen.push(x); controller.abort(); } }), CancelledError);
  assert.equal(server.requests.length, 1);
  assert.equal(seen.length, 1);
  assert.equal(cache.countAnswers(), 1);
});
