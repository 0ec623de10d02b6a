/**
 * `electron-vite build` of the desktop app, run for real into a temp folder: main and the engine's utility
 * process are produced (ESM), the preload is CommonJS (a sandboxed preload cannot be ESM) and, run in a vm
 * with a fake `electron` module, exposes exactly the contract's channels, its event subscriptions and
 * pathForFile; the renderer's index.html is built with the CSP meta tag.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { after, before, describe, it } from 'node:test';
import { RENDERER_CSP_META } from '../../../native-models/platform/contentSecurityPolicy.ts';
import { API_CHANNELS, API_EVENTS, type RepliedReviewApi } from '../../../native-models/contract/reviewApi.ts';
import { ApiError } from '../../../renderer/src/apiError.ts';
import { unwrapReplies } from '../../../renderer/src/semioscopeApi.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');

describe('electron-vite build', () => {
  let out: string;
  let log: string;
  before(() => {
    out = mkdtempSync(path.join(tmpdir(), 'semioscope-build-'));
    const r = spawnSync(path.join(REPO, 'node_modules/.bin/electron-vite'), ['build', '--outDir', out], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
    log = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, log);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('produces main and the engine process as ES modules that import electron, not bundle it', () => {
    const main = readFileSync(path.join(out, 'main/main.js'), 'utf8');
    assert.match(main, /^import .* from "electron";$/m);
    assert.match(main, /utilityProcess\.fork/);
    assert.match(main, /registerSchemesAsPrivileged/);
    const engine = readFileSync(path.join(out, 'main/engineProcess.js'), 'utf8');
    assert.match(engine, /parentPort/);
    assert.doesNotMatch(engine, /from "electron"/, 'the engine process needs no electron module');
  });

  it('emits the preload as CommonJS', () => {
    const preload = readFileSync(path.join(out, 'preload/preload.cjs'), 'utf8');
    assert.match(preload, /require\("electron"\)/);
    assert.doesNotMatch(preload, /^\s*(import|export)\s/m);
    assert.doesNotMatch(preload, /\brequire\("(?!electron")/, 'a sandboxed preload can require only electron');
  });

  it('exposes exactly the contract in the preload, errors as data the renderer unwraps, paths from webUtils', async () => {
    const exposed: Record<string, Record<string, (...a: unknown[]) => unknown>> = {};
    const invoked: unknown[] = [];
    /** Stands for the `electron` module in a sandboxed preload. */
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...a: unknown[]) => unknown>) => { exposed[key] = api; } },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => {
          invoked.push([channel, input]);
          return channel === 'analysis:cancel' ? { ok: true, output: undefined } : { ok: false, error: { name: 'InputError', message: 'Not a video.', hint: 'Choose an .mp4.', exitCode: 2 } };
        },
        on() {}, off() {},
      },
      webUtils: { getPathForFile: (f: { name: string }) => `/picked/${f.name}` },
    };
    const code = readFileSync(path.join(out, 'preload/preload.cjs'), 'utf8');
    vm.runInNewContext(code, { require: (m: string) => { if (m !== 'electron') throw new Error(`preload required ${m}`); return fakeElectron; }, module: {}, exports: {} });
    const api = exposed.semioscope;
    assert.ok(api, 'window.semioscope exposed');
    assert.deepEqual(Object.keys(api).sort(), [...API_CHANNELS, ...API_EVENTS.map((e) => `on:${e}`), 'pathForFile'].sort());
    assert.equal(api.pathForFile!({ name: 'rec.mp4' }), '/picked/rec.mp4');
    // The preload passes each reply on as data (an Error across contextBridge would keep only its message) ...
    assert.deepEqual(await api['analysis:cancel']!(undefined), { ok: true, output: undefined });
    assert.deepEqual(await api['media:open']!({ path: '/x' }), { ok: false, error: { name: 'InputError', message: 'Not a video.', hint: 'Choose an .mp4.', exitCode: 2 } });
    // ... and the renderer turns it back into the engine's error, hint kept apart.
    const page = unwrapReplies(api as unknown as RepliedReviewApi);
    assert.equal(await page['analysis:cancel'](undefined), undefined);
    await assert.rejects(page['media:open']({ path: '/x' }), (e: unknown) => e instanceof ApiError && e.name === 'InputError' && e.message === 'Not a video.' && e.hint === 'Choose an .mp4.' && e.exitCode === 2);
    const calls = [['analysis:cancel', undefined], ['media:open', { path: '/x' }]];
    assert.deepEqual(invoked, [...calls, ...calls]);
  });

  it("builds the renderer's index.html with the CSP meta tag and its script", () => {
    const html = readFileSync(path.join(out, 'renderer/index.html'), 'utf8');
    assert.ok(html.includes(`content="${RENDERER_CSP_META}"`));
    const script = /<script type="module"[^>]* src="\.?\/?(assets\/[^"]+\.js)"/.exec(html);
    assert.ok(script, html);
    assert.ok(existsSync(path.join(out, 'renderer', script[1]!)));
  });
});
