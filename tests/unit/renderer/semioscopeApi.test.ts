/**
 * The renderer's API over Electron IPC, without Electron: the real IPC handlers and review service answer as
 * main does (electron/ipcHandlers.ts toReply), each reply goes through a structured clone (what IPC and
 * contextBridge do to data), and the renderer's unwrapReplies turns an error reply back into an ApiError that
 * still carries the engine's hint, setting and exit code (an Error crossing contextBridge would keep only its
 * message); outputs and event subscriptions pass through.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createIpcHandlers, toReply } from '../../../electron/ipcHandlers.ts';
import { API_CHANNELS, type RepliedReviewApi } from '../../../native-models/contract/reviewApi.ts';
import { createReviewService } from '../../../native-models/session/reviewService.ts';
import { ApiError } from '../../../renderer/src/apiError.ts';
import { unwrapReplies } from '../../../renderer/src/semioscopeApi.ts';

const APP = 'file:///opt/semioscope/renderer/dist';
const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-api-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The preload's API as Electron would carry it: every reply structured-cloned, as IPC does. */
function repliedApi(frameUrl = `${APP}/index.html`): { api: RepliedReviewApi; subscribed: string[] } {
  const handlers = createIpcHandlers({ appOrigin: APP, service: createReviewService({ analysesDir: path.join(dir, 'analyses'), dbPath: path.join(dir, 'cache.sqlite'), modelsDir: path.join(dir, 'models') }) });
  const subscribed: string[] = [];
  const api: Record<string, unknown> = {};
  for (const c of API_CHANNELS) api[c] = (input: unknown) => toReply<unknown>(handlers[c]({ frameUrl, send: () => {} }, structuredClone(input))).then((r) => structuredClone(r));
  for (const e of ['analysis:progress', 'analysis:plan', 'analysis:answer', 'models:progress']) api[`on:${e}`] = () => { subscribed.push(e); return () => {}; };
  return { api: api as unknown as RepliedReviewApi, subscribed };
}

describe('unwrapReplies (the renderer over Electron IPC)', () => {
  it('an engine error arrives as an ApiError with its class, message, hint and exit code', async () => {
    const { api } = repliedApi();
    const folder = path.join(dir, 'no-such-stick');
    const raw = await api['models:import']({ folder });
    assert.equal(raw.ok, false, 'the reply is data, not a rejection');
    const e = await unwrapReplies(api)['models:import']({ folder }).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof ApiError, 'an ApiError');
    assert.equal(e.name, 'InputError');
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /"no-such-stick" does not exist/);
    assert.match(e.hint ?? '', /removable media/, 'the hint survived the trip');
  });

  it('a refused setting is named after the trip (what a screen acts on)', async () => {
    const models = { main: { kind: 'local', model: '/m/model.gguf', mmproj: '/m/mmproj.gguf' } } as const;
    const e = await unwrapReplies(repliedApi().api)['analysis:start']({ videoPath: '/v/rec.mp4', models, settings: { fps: 1e9 } }).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof ApiError);
    assert.equal(e.name, 'UsageError');
    assert.match(e.message, /sampling rate/);
    assert.equal(e.setting, 'fps');
    assert.equal(e.exitCode, 2);
  });

  it('a call from a page that is not the app is refused with the same shape', async () => {
    const e = await unwrapReplies(repliedApi('https://example.org/').api)['recordings:list'](undefined).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof ApiError);
    assert.match(e.message, /did not come from the Semioscope window/);
  });

  it('outputs and subscriptions pass through unchanged', async () => {
    const { api, subscribed } = repliedApi();
    const list = await unwrapReplies(api)['recordings:list'](undefined);
    assert.ok(Array.isArray(list.recordings), 'the output itself, not its reply');
    const off = unwrapReplies(api)['on:analysis:progress'](() => {});
    assert.equal(typeof off, 'function');
    assert.deepEqual(subscribed, ['analysis:progress']);
  });
});
