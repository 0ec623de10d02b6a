/**
 * The chat client's failure handling, in milliseconds against a scripted loopback server (no llama-server):
 * which failures are retried, which end the request at once, how each surfaces in the engine's error model,
 * and that requests go only to the configured address.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { BackendError, CancelledError } from '../../../native-models/errors.ts';
import { ChatClient, RequestRejectedError, type ChatRequest } from '../../../native-models/vlm/chatClient.ts';
import { featureAnswer, startScriptedChatServer, type ScriptedChatServer } from '../../helpers/scriptedChatServer.ts';

const REQUEST: ChatRequest = { messages: [{ role: 'user', content: 'Is the patient asleep?' }], max_tokens: 64, temperature: 0 };
const OK = featureAnswer(true, 'Eyes closed, no movement.');

let server: ScriptedChatServer;
let other: ScriptedChatServer;

before(async () => {
  server = await startScriptedChatServer();
  other = await startScriptedChatServer();
});
after(async () => { await server.close(); await other.close(); });
beforeEach(() => {
  // Each test scripts its own steps; leftovers would leak into the next one.
  assert.equal(server.pending, 0, 'the previous test used its whole script');
  server.requests.length = 0;
  other.requests.length = 0;
});

/** Settles `p` or fails after `ms`: a bounded wait, not a timing assertion. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

test('HTTP 500 then 200: retried, answered, and the usage read from the answer', async () => {
  server.push({ kind: 'status', status: 500 }, { ...OK, usage: { prompt_tokens: 700, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 650 } }, timings: { prompt_n: 50 } });
  const client = new ChatClient({ baseUrl: server.baseUrl, attempts: 3 });
  const res = await client.complete(REQUEST);
  assert.deepEqual(JSON.parse(res.content), { present: true, justification: 'Eyes closed, no movement.', onset_s: null });
  assert.deepEqual({ p: res.promptTokens, c: res.completionTokens, cached: res.cachedTokens, evaluated: res.evaluatedPromptTokens, finish: res.finishReason },
    { p: 700, c: 30, cached: 650, evaluated: 50, finish: 'stop' });
  assert.equal(server.requests.length, 2, 'one retry');
  assert.deepEqual(server.requests[1]!.body.messages, REQUEST.messages, 'the retry sends the same request');
});

test('HTTP 400: RequestRejectedError at once, not retried', async () => {
  server.push({ kind: 'status', status: 400, body: '{"error":{"message":"the request exceeds the available context size"}}' });
  const client = new ChatClient({ baseUrl: server.baseUrl, attempts: 4 });
  await assert.rejects(client.complete(REQUEST), (e: unknown) => {
    assert.ok(e instanceof RequestRejectedError, `got ${String(e)}`);
    assert.ok(e instanceof BackendError, 'a rejection is a backend failure (exit 3) when it escapes');
    assert.match(e.message, /HTTP 400/);
    assert.match(e.message, /exceeds the available context size/, 'the server\'s reason is kept');
    return true;
  });
  assert.equal(server.requests.length, 1, 'not retried');
});

test('HTTP 401: BackendError naming the API key, not retried', async () => {
  server.push({ kind: 'status', status: 401, body: '{"error":{"message":"Invalid API Key"}}' });
  const client = new ChatClient({ baseUrl: server.baseUrl, apiKey: 'wrong-key', attempts: 4 });
  await assert.rejects(client.complete(REQUEST), (e: unknown) => {
    assert.ok(e instanceof BackendError && !(e instanceof RequestRejectedError), `got ${String(e)}`);
    assert.match(e.message, /API key/i);
    assert.equal(e.setting, 'apiKey', 'the setting to fix is named');
    assert.ok(!e.message.includes('wrong-key'), 'the key itself is never printed');
    return true;
  });
  assert.equal(server.requests.length, 1);
  assert.equal(server.requests[0]!.headers.authorization, 'Bearer wrong-key');
});

test('a malformed JSON body: retried, then BackendError', async () => {
  server.push({ kind: 'malformed' }, { kind: 'malformed' });
  const client = new ChatClient({ baseUrl: server.baseUrl, attempts: 2 });
  await assert.rejects(client.complete(REQUEST), (e: unknown) => {
    assert.ok(e instanceof BackendError, `got ${String(e)}`);
    assert.match(e.message, /after 2 attempts/);
    assert.match(e.message, /malformed/);
    return true;
  });
  assert.equal(server.requests.length, 2);
});

test('a malformed body once, then a good answer: answered', async () => {
  server.push({ kind: 'malformed' }, OK);
  const res = await new ChatClient({ baseUrl: server.baseUrl, attempts: 2 }).complete(REQUEST);
  assert.equal(JSON.parse(res.content).present, true);
  assert.equal(server.requests.length, 2);
});

test('a dropped connection is retried like a refused one', async () => {
  server.push({ kind: 'drop' }, OK);
  const res = await new ChatClient({ baseUrl: server.baseUrl, attempts: 2 }).complete(REQUEST);
  assert.equal(JSON.parse(res.content).present, true);
  assert.equal(server.requests.length, 2);
});

test('a stall past timeoutMs: retried, then BackendError saying it timed out', async () => {
  server.push({ kind: 'stall' }, { kind: 'stall' });
  const retried: number[] = [];
  const client = new ChatClient({ baseUrl: server.baseUrl, attempts: 2, timeoutMs: 150, beforeRetry: async (_e, attempt) => { retried.push(attempt); } });
  await assert.rejects(within(client.complete(REQUEST), 5000, 'the stalled request'), (e: unknown) => {
    assert.ok(e instanceof BackendError, `got ${String(e)}`);
    assert.match(e.message, /timed out/);
    return true;
  });
  assert.equal(server.requests.length, 2, 'the stalled request was sent again once');
  assert.deepEqual(retried, [1], 'beforeRetry (the sidecar restart hook) ran between the attempts');
});

test('abort during a stall: CancelledError promptly, no retry', async () => {
  server.push({ kind: 'stall' });
  // Default timeout (10 minutes): only the abort can end this request within the bounded wait below.
  const client = new ChatClient({ baseUrl: server.baseUrl, attempts: 4 });
  const controller = new AbortController();
  const pending = client.complete(REQUEST, controller.signal);
  await server.waitForRequests(1);
  controller.abort();
  await assert.rejects(within(pending, 2000, 'the cancelled request'), CancelledError);
  assert.equal(server.requests.length, 1, 'a cancelled request is not retried');
});

test('an already aborted signal sends nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(new ChatClient({ baseUrl: server.baseUrl }).complete(REQUEST, controller.signal), CancelledError);
  assert.equal(server.requests.length, 0);
});

test('the request goes only to the configured address, with the configured model and key', async () => {
  server.push(OK);
  const client = new ChatClient({ baseUrl: `${server.baseUrl}/v1/`, apiKey: 'k-123', model: 'qwen2.5-vl-7b' });
  await client.complete(REQUEST);
  assert.equal(server.requests.length, 1);
  const r = server.requests[0]!;
  assert.equal(r.url, '/v1/chat/completions');
  assert.equal(r.headers.host, new URL(server.baseUrl).host);
  assert.equal(r.headers.authorization, 'Bearer k-123');
  assert.equal(r.body.model, 'qwen2.5-vl-7b');
  assert.deepEqual(server.otherRequests, [], 'no other path was asked (no probing of /v1/models etc.)');
  assert.equal(other.requests.length, 0, 'no other server was contacted');
  // Without a key there is no authorization header at all.
  server.push(OK);
  await new ChatClient({ baseUrl: server.baseUrl }).complete(REQUEST);
  assert.equal(server.requests[1]!.headers.authorization, undefined);
  assert.equal(server.requests[1]!.body.model, undefined, 'no model name is invented');
});

test('a changing address (a restarted sidecar on a new port): each attempt goes to the current one', async () => {
  let current = server.baseUrl;
  server.push({ kind: 'status', status: 503 });
  other.push(OK);
  const client = new ChatClient({ baseUrl: () => current, attempts: 2, beforeRetry: async () => { current = other.baseUrl; } });
  const res = await client.complete(REQUEST);
  assert.equal(JSON.parse(res.content).present, true);
  assert.deepEqual([server.requests.length, other.requests.length], [1, 1]);
});

test('only http(s) addresses are accepted', () => {
  for (const bad of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'ws://127.0.0.1:8080']) {
    assert.throws(() => new ChatClient({ baseUrl: bad }), BackendError, bad);
  }
});
