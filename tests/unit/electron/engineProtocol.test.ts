/**
 * The engine process's message loop (electron/engineProcess.ts over electron/engineProtocol.ts), driven
 * through a fake port standing for Electron's process.parentPort (no utility process can start without the
 * Electron binary): calls reach the real review service, outputs come back, errors keep their class, hint and
 * exit code, and events go to the caller that started the work.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runEngineProcess } from '../../../electron/engineProcess.ts';
import {
  createEngineClient, deserializeError, engineArgs, parseEngineArgs, serializeError, serveEngine, type EngineMessage, type EnginePort,
} from '../../../electron/engineProtocol.ts';
import type { ServiceMethods } from '../../../electron/ipcHandlers.ts';
import { BackendError, CancelledError, EXIT_BAD_INPUT, EXIT_BUG, InputError, UsageError } from '../../../native-models/errors.ts';
import type { ProgressEvent } from '../../../native-models/contract/progressEvent.ts';
import type { EmitEvent } from '../../../native-models/session/reviewService.ts';

/** Stands for process.parentPort (engine side) wired to main's side of a utility process, in one object. */
class FakeParentPort implements EnginePort {
  readonly posted: EngineMessage[] = [];
  #engineListeners: ((e: { data: unknown }) => void)[] = [];
  #mainListeners: ((m: unknown) => void)[] = [];
  on(_event: 'message', listener: (e: { data: unknown }) => void) { this.#engineListeners.push(listener); return this; }
  postMessage(message: EngineMessage) {
    this.posted.push(message);
    // Structured clone, as between processes: no class or prototype survives.
    const copy = structuredClone(message);
    setImmediate(() => { for (const l of this.#mainListeners) l(copy); });
  }
  /** Main's side: utilityProcess.postMessage / on('message'). */
  readonly link = {
    postMessage: (m: unknown) => { const data = structuredClone(m); setImmediate(() => { for (const l of this.#engineListeners) l({ data }); }); },
    onMessage: (l: (m: unknown) => void) => { this.#mainListeners.push(l); },
  };
}

const noEvents = () => { throw new Error('no event expected'); };

describe('engine process protocol', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'semioscope-engine-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function startEngine() {
    const port = new FakeParentPort();
    runEngineProcess(port, parseEngineArgs(engineArgs({ analysesDir: path.join(dir, 'analyses'), dbPath: path.join(dir, 'answers.sqlite') })));
    return { port, client: createEngineClient(port.link) };
  }

  it('passes the engine options as one argument', () => {
    assert.deepEqual(parseEngineArgs(['node', 'x', ...engineArgs({ analysesDir: '/a', dbPath: '/d.sqlite' })]), { analysesDir: '/a', dbPath: '/d.sqlite' });
    assert.throws(() => parseEngineArgs([]), /engine-options/);
  });

  it('forwards a call to the review service and brings its output back', async () => {
    const { port, client } = startEngine();
    const video = path.join(dir, 'rec.mp4');
    writeFileSync(video, 'x');
    const out = await client['media:open']({ path: video }, noEvents);
    assert.match(out.url, /[0-9a-f]{32}$/);
    assert.equal(out.name, 'rec.mp4');
    assert.equal(await client['analysis:cancel'](undefined, noEvents), undefined);
    assert.deepEqual(port.posted.map((m) => [m.type, m.id]), [['reply', 1], ['reply', 2]]);
  });

  it("keeps the engine's error class, setting and exit code across the process boundary", async () => {
    const { client } = startEngine();
    await assert.rejects(client['analysis:start']({ videoPath: '', models: {} }, noEvents),
      (e: unknown) => e instanceof UsageError && e.exitCode === EXIT_BAD_INPUT && /Drop or choose a recording/.test(e.message));
    await assert.rejects(client['media:open']({ path: dir }, noEvents),
      (e: unknown) => e instanceof InputError && e.setting === 'path' && e.hint !== undefined);
    await assert.rejects(client['analysis:start']({ videoPath: path.join(dir, 'rec.mp4'), models: { main: { kind: 'local', model: path.join(dir, 'missing.gguf') } } }, noEvents),
      (e: unknown) => e instanceof InputError && e.exitCode === EXIT_BAD_INPUT);
  });

  it('sends events to the caller that started the call, then the reply', async () => {
    const progress = { stage: 'frames', percent: 50 } as unknown as ProgressEvent;
    /** Stands for the review service: emits one progress event, then answers. */
    const fakeService = {
      'analysis:start': async (_raw: unknown, emit: EmitEvent) => { emit('analysis:progress', progress); return { analysis: {}, jsonPath: 'a.json', pdfPath: 'a.pdf' }; },
      'analysis:cancel': async () => { throw new CancelledError(); },
      'media:open': async () => { throw new TypeError('a bug at /home/someone/secret/path.ts'); },
    } as unknown as ServiceMethods;
    const port = new FakeParentPort();
    serveEngine(port, fakeService);
    const client = createEngineClient(port.link);
    const events: unknown[] = [];
    const out = await client['analysis:start']({}, (name, payload) => events.push([name, payload]));
    assert.equal(out.pdfPath, 'a.pdf');
    assert.deepEqual(events, [['analysis:progress', progress]]);
    await assert.rejects(client['analysis:cancel'](undefined, noEvents), (e: unknown) => e instanceof CancelledError && e.exitCode === 130);
    await assert.rejects(client['media:open']({ path: '/x' }, noEvents), (e: unknown) => !(e instanceof UsageError) && e instanceof Error && /a bug/.test(e.message));
    const bug = port.posted.at(-1);
    assert.ok(bug?.type === 'reply' && !bug.ok && bug.error.exitCode === EXIT_BUG && !('stack' in bug.error));
  });

  it('ignores messages that are not calls, and fails waiting calls when the engine exits', async () => {
    const port = new FakeParentPort();
    let reached = 0;
    serveEngine(port, { 'analysis:cancel': async () => { reached++; } } as unknown as ServiceMethods);
    port.link.postMessage({ type: 'call', id: 1, channel: 'shell:exec', input: 'rm -rf /' });
    port.link.postMessage('hello');
    port.link.postMessage({ type: 'call', id: 'x', channel: 'analysis:cancel' });
    await new Promise((r) => setImmediate(r));
    assert.equal(reached, 0);
    assert.deepEqual(port.posted, []);

    /** Stands for a utility process that never answers. */
    const silentLink = { postMessage() {}, onMessage() {} };
    const client = createEngineClient(silentLink);
    const waiting = client['analysis:cancel'](undefined, noEvents);
    client.failPending(new BackendError('The analysis engine stopped unexpectedly.'));
    await assert.rejects(waiting, BackendError);
  });

  it('serialises every engine error class and restores it', () => {
    for (const e of [new UsageError('u', { setting: 'fps' }), new InputError('i', 'do this'), new BackendError('b'), new CancelledError()]) {
      const back = deserializeError(structuredClone(serializeError(e)));
      assert.equal(back.constructor, e.constructor);
      assert.equal(back.message, e.message);
      assert.equal((back as UsageError).hint, e.hint);
      assert.equal((back as UsageError).setting, e.setting);
    }
  });
});
