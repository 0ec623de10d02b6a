/**
 * Resume and cancellation through analyzeRecording, in a few seconds: a real 12 s ffmpeg recording (3 segments
 * of 5 s), a real SQLite cache, and a scripted loopback chat server as the remote model (no llama-server).
 * A run cancelled after N answers keeps exactly those N; the next run asks only the rest; a third asks nothing.
 * The plan and every answer (from the cache or the model) are announced as they come, for the live lanes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AnswerCache } from '../../../native-models/cache/answerCache.ts';
import { parseAnalysisSettings } from '../../../native-models/contract/analysisSettings.ts';
import { CancelledError } from '../../../native-models/errors.ts';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { analyzeRecording } from '../../../native-models/pipeline/analyzeRecording.ts';
import type { ProgressEvent } from '../../../native-models/contract/progressEvent.ts';
import { getFeature } from '../../../native-models/semiology/featureCatalogue.ts';
import { openRemoteBackend, type ModelBackend } from '../../../native-models/vlm/modelBackend.ts';
import { featureAnswer, requestText, startScriptedChatServer, type RecordedRequest, type ScriptedChatServer, type ScriptStep } from '../../helpers/scriptedChatServer.ts';

const FEATURES = ['occur_during_sleep', 'close_eyes', 'head_turning'];
const SEGMENTS = 3;
const TOTAL = FEATURES.length * SEGMENTS;
// Small and fast: 5 s segments with 1 s overlap over 12 s -> 0-5, 4-9, 8-12; base variant, no pose model.
const SETTINGS = parseAnalysisSettings({ fps: 1, maxFrames: 2, frameSize: 112, segmentS: 5, overlapS: 1, features: FEATURES, variants: 'base', pose: false });

let dir: string;
let video: string;
let server: ScriptedChatServer;
let backend: ModelBackend;
/** Scripted failures by "feature@segment start clock"; everything else gets a valid answer. */
const failures = new Map<string, ScriptStep>();

/** Which question about which segment a request asks, e.g. "close_eyes@0:04". */
function questionOf(r: Pick<RecordedRequest, 'body'>): string {
  const text = requestText(r.body);
  const feature = FEATURES.find((id) => text.includes(getFeature(id).question)) ?? '?';
  const clock = /segment \((\d+:\d\d)-/.exec(text)?.[1] ?? '?';
  return `${feature}@${clock}`;
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-analyze-'));
  video = path.join(dir, 'rec.mp4');
  execFileSync(resolveMediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=12', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=12',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', video]);
  server = await startScriptedChatServer({
    // Varied but deterministic answers: "present" depends on the question and the segment.
    fallback: (r) => {
      const q = questionOf(r);
      return failures.get(q) ?? featureAnswer([...q].reduce((n, c) => n + c.charCodeAt(0), 0) % 2 === 0, `Answer to ${q}.`, 1);
    },
  });
  // One server (one address, so one model identity) for the whole file: the cache keys of all runs agree.
  backend = openRemoteBackend({ endpoint: server.baseUrl, model: 'scripted-vlm' });
});
after(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); });

/** Runs one analysis; returns it with the questions it sent to the model. */
async function run(cache: AnswerCache, options: Pick<Parameters<typeof analyzeRecording>[0], 'signal' | 'onProgress' | 'onPlan' | 'onAnswer'> = {}) {
  const before = server.requests.length;
  try {
    const result = await analyzeRecording({ videoPath: video, cache, backend, settings: SETTINGS, ...options });
    return { result, asked: server.requests.slice(before).map(questionOf) };
  } catch (error) {
    return { error, asked: server.requests.slice(before).map(questionOf) };
  }
}

test('cancelled after N answers: CancelledError, N answers cached; the rerun asks only the rest; a third run asks nothing', async () => {
  const cache = new AnswerCache(path.join(dir, 'resume.sqlite'));
  try {
    const N = 4;
    const controller = new AbortController();
    let answered = 0;
    const first = await run(cache, { signal: controller.signal, onProgress: (e) => { if (e.stage === 'analyse' && ++answered === N) controller.abort(); } });
    assert.ok(first.error instanceof CancelledError, `the cancelled run ends with CancelledError, got ${String(first.error)}`);
    assert.equal(first.asked.length, N, 'nothing is asked after the cancel');
    assert.equal(cache.countAnswers(), N, 'every answer given before the cancel is cached');

    const second = await run(cache);
    assert.ok(second.result, String(second.error));
    assert.equal(second.asked.length, TOTAL - N, 'only the rest is asked');
    assert.equal(new Set([...first.asked, ...second.asked]).size, TOTAL, 'no question asked twice across the two runs');
    assert.equal(second.result.stats.cacheHits, N);
    assert.equal(second.result.stats.modelCalls, TOTAL - N);
    assert.equal(second.result.answers.length, TOTAL);
    assert.equal(second.result.answers.filter((a) => a.status === 'ok').length, TOTAL);
    assert.equal(second.result.answers.filter((a) => a.fromCache).length, N);
    assert.equal(cache.countAnswers(), TOTAL);

    const third = await run(cache);
    assert.ok(third.result, String(third.error));
    assert.deepEqual(third.asked, [], 'a finished analysis reopens without a model call');
    assert.equal(third.result.stats.modelCalls, 0);
    assert.equal(third.result.stats.cacheHits, TOTAL);
    const strip = (r: typeof third.result) => r.answers.map(({ featureId, segmentIndex, variant, present, justification, onsetS, status }) =>
      ({ featureId, segmentIndex, variant, present, justification, onsetS, status }));
    assert.deepEqual(strip(third.result), strip(second.result), 'the reopened answers are the ones given');
    assert.deepEqual(third.result.findings, second.result.findings);
  } finally {
    cache.close();
  }
});

test('announces the plan before any answer, then every answer once, from the cache or the model, as in the result', async () => {
  const cache = new AnswerCache(path.join(dir, 'live.sqlite'));
  try {
    const events: string[] = [];
    const seen: Array<{ featureId: string; segmentIndex: number; fromCache: boolean }> = [];
    const first = await run(cache, { onPlan: (p) => { events.push(`plan ${p.segments.length}x${p.asked.length}`); assert.ok(p.asked.every((a) => a.primary && a.variant === 'base')); },
      onAnswer: ({ answer }) => { events.push('answer'); seen.push(answer); } });
    assert.ok(first.result, String(first.error));
    assert.equal(events[0], `plan ${SEGMENTS}x${FEATURES.length}`, 'the plan comes first');
    assert.equal(events.filter((e) => e === 'answer').length, TOTAL);
    const key = (a: { featureId: string; segmentIndex: number }) => `${a.featureId}@${a.segmentIndex}`;
    assert.deepEqual(seen.map(key).sort(), first.result.answers.map(key).sort(), 'each answer of the result was announced once');
    const again: boolean[] = [];
    const second = await run(cache, { onAnswer: ({ answer }) => again.push(answer.fromCache) });
    assert.ok(second.result);
    assert.equal(again.length, TOTAL);
    assert.ok(again.every(Boolean), 'answers from the cache are announced too');
  } finally {
    cache.close();
  }
});

test('cancelled while a request is in flight (the server stalls): CancelledError, that answer not cached', async () => {
  const cache = new AnswerCache(path.join(dir, 'stall.sqlite'));
  failures.set('close_eyes@0:00', { kind: 'stall' });
  try {
    const controller = new AbortController();
    const start = server.requests.length;
    const pending = run(cache, { signal: controller.signal });
    // The second question of the first segment is the stalled one: wait (bounded) until it arrives, then cancel.
    for (let i = 0; !server.requests.slice(start).some((r) => questionOf(r) === 'close_eyes@0:00'); i++) {
      assert.ok(i < 500, 'the stalled question never arrived');
      await new Promise((r) => setTimeout(r, 10));
    }
    controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([pending, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('the cancel did not end the run within 5 s')), 5000); })])
      .finally(() => clearTimeout(timer));
    assert.ok(first.error instanceof CancelledError, `got ${String(first.error)}`);
    assert.deepEqual(first.asked, ['occur_during_sleep@0:00', 'close_eyes@0:00']);
    assert.equal(cache.countAnswers(), 1, 'only the answer that came back is cached');
  } finally {
    failures.clear();
    cache.close();
  }
});

test('a rejected question is a failed answer (present null), the run still finishes, and a rerun asks only it', async () => {
  const cache = new AnswerCache(path.join(dir, 'failed.sqlite'));
  failures.set('head_turning@0:04', { kind: 'status', status: 400, body: '{"error":{"message":"the request exceeds the available context size"}}' });
  try {
    const first = await run(cache);
    assert.ok(first.result, String(first.error));
    const failed = first.result.answers.filter((a) => a.status === 'failed');
    assert.deepEqual(failed.map((a) => [a.featureId, a.segmentIndex, a.present]), [['head_turning', 1, null]]);
    assert.equal(first.result.stats.failedAnswers, 1);
    assert.equal(cache.countAnswers(), TOTAL - 1, 'the failure is not cached');
    const finding = first.result.findings.find((f) => f.featureId === 'head_turning')!;
    if (!finding.positiveSegments.length) assert.equal(finding.status, 'failed', 'a failed segment and no positive one: "failed", never "absent"');

    failures.clear();
    const second = await run(cache);
    assert.ok(second.result, String(second.error));
    assert.deepEqual(second.asked, ['head_turning@0:04'], 'only the failed question is asked again');
    assert.equal(second.result.answers.filter((a) => a.status === 'ok').length, TOTAL);
  } finally {
    failures.clear();
    cache.close();
  }
});
