/**
 * The model server pool (vlm/endpointPool.ts) against scripted loopback servers (named fakes: a real
 * llama-server cannot be made to fail on cue; tests/integration/cli/batchCommand.pool.test.ts kills a real one):
 * back-pressure per server, a pinned slot goes to its own server under that server's slot number, a failing
 * server is taken out of rotation and the request answered elsewhere (asked once there), a refused request is
 * not retried, the server comes back after its back-off, and when no server answers the error says so.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { BackendError } from '../../../native-models/errors.ts';
import { ChatClient, RequestRejectedError, type ChatRequest } from '../../../native-models/vlm/chatClient.ts';
import { EndpointPool } from '../../../native-models/vlm/endpointPool.ts';
import { remoteEndpoints } from '../../../native-models/contract/modelChoice.ts';
import { featureAnswer, startScriptedChatServer, type ScriptedChatServer, type ScriptStep } from '../../helpers/scriptedChatServer.ts';

const servers: ScriptedChatServer[] = [];
after(async () => { await Promise.all(servers.map((s) => s.close())); });
const server = async (fallback: () => ScriptStep = () => featureAnswer(true)) => { const s = await startScriptedChatServer({ fallback }); servers.push(s); return s; };
const member = (s: ScriptedChatServer, slots: number, label = s.baseUrl) => ({ label, slots, client: new ChatClient({ baseUrl: s.baseUrl, attempts: 1, timeoutMs: 5000 }) });
const ask = (pool: EndpointPool, id_slot?: number): Promise<unknown> => pool.complete({ messages: [{ role: 'user', content: 'q' }], max_tokens: 8, ...(id_slot === undefined ? {} : { id_slot }) } as ChatRequest);

describe('EndpointPool', () => {
  it('never has more in flight on a server than its slots, spreads the load, and maps pinned slots to their server', async () => {
    const a = await server(() => ({ kind: 'stall' }));
    const b = await server(() => ({ kind: 'stall' }));
    const pool = new EndpointPool([member(a, 2), member(b, 1)]);
    assert.equal(pool.totalSlots, 3);
    const controller = new AbortController();
    const pending = [0, 1, 2, 0, 1].map((slot) => pool.complete({ messages: [{ role: 'user', content: 'q' }], max_tokens: 8, id_slot: slot }, controller.signal).catch(() => null));
    for (let i = 0; a.requests.length + b.requests.length < 3; i++) { assert.ok(i < 200, 'three requests go out'); await new Promise((r) => setTimeout(r, 10)); }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(a.requests.length, 2, 'server a takes its two slots');
    assert.equal(b.requests.length, 1, 'server b takes one; the other two requests wait (back-pressure)');
    assert.deepEqual(a.requests.map((r) => r.body.id_slot).sort(), [0, 1], 'pool slots 0 and 1 are a\'s own slots 0 and 1');
    assert.deepEqual(b.requests.map((r) => r.body.id_slot), [0], 'pool slot 2 is b\'s slot 0');
    controller.abort();
    await Promise.all(pending);
  });

  it('takes a failing server out of rotation and asks the request once on another; it comes back after its back-off', async () => {
    let now = 0;
    let aFails = true;
    const a = await server(() => (aFails ? { kind: 'status', status: 503, body: '{"error":"loading"}' } : featureAnswer(true)));
    const b = await server();
    const notices: string[] = [];
    const pool = new EndpointPool([member(a, 1, 'gpu-a'), member(b, 1, 'gpu-b')], { backoffMs: 1000, now: () => now, onNotice: (m) => notices.push(m) });
    await ask(pool);
    assert.equal(a.requests.length, 1);
    assert.equal(b.requests.length, 1, 'answered on b, once');
    assert.match(notices[0] ?? '', /gpu-a failed \(.*HTTP 503.*taken out of rotation for 1 s, asking another/);
    for (let i = 0; i < 3; i++) await ask(pool);
    assert.equal(a.requests.length, 1, 'a is out of rotation: not asked');
    assert.equal(b.requests.length, 4);
    now = 1500;
    aFails = false;
    await ask(pool);
    await ask(pool);
    assert.ok(a.requests.length >= 2, 'after its back-off a is tried again');
    assert.ok(notices.some((m) => /gpu-a answers again: back in rotation/.test(m)), notices.join(' | '));
    assert.equal(pool.askedPerServer.find((s) => s.label === 'gpu-a')!.inRotation, true);
  });

  it('does not retry a request the server refused, and says so when no server answers', async () => {
    const refusing = await server(() => ({ kind: 'status', status: 400, body: '{"error":"prompt too long"}' }));
    const other = await server();
    await assert.rejects(ask(new EndpointPool([member(refusing, 1), member(other, 1)])), (e: unknown) => e instanceof RequestRejectedError);
    assert.equal(other.requests.length, 0, 'a refused request is not asked elsewhere');
    const down1 = await server(() => ({ kind: 'drop' }));
    const down2 = await server(() => ({ kind: 'drop' }));
    const pool = new EndpointPool([member(down1, 1, 'gpu-1'), member(down2, 1, 'gpu-2')], { backoffMs: 5, maxAttempts: 4 });
    await assert.rejects(ask(pool), (e: unknown) => e instanceof BackendError && /No model server of the pool answered \(gpu-1, gpu-2\)/.test(e.message) && /cached/.test(e.hint ?? ''));
    assert.equal(down1.requests.length + down2.requests.length, 4, 'bounded attempts');
  });

  it('reads URL[,slots] endpoint specs (contract/modelChoice.ts)', () => {
    assert.deepEqual(remoteEndpoints('http://gpu1:8080', 2), [{ url: 'http://gpu1:8080', slots: 2 }]);
    assert.deepEqual(remoteEndpoints(['http://gpu1:8080', ' http://gpu2:8000/v1 , 4 ']), [{ url: 'http://gpu1:8080', slots: 1 }, { url: 'http://gpu2:8000/v1', slots: 4 }]);
  });
});
