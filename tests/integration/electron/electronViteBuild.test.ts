/**
 * `electron-vite build` of the desktop app, run for real into a temp folder: main and the engine's utility
 * process are produced (ESM), the engine's pose and audio worker threads are bundled beside them and run
 * (real MoveNet on a real photo, real RNNoise and voice activity on generated speech), the preload is CommonJS (a sandboxed preload cannot be ESM) and, run in a vm
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
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { EngineMessage, EnginePort } from '../../../electron/engineProtocol.ts';
import type { ReviewServiceOptions } from '../../../native-models/session/reviewService.ts';
import { copyFileSync, symlinkSync } from 'node:fs';
import { WORKER_BUNDLES } from '../../../electron/engineEnvironment.ts';
import { createPoseEstimator } from '../../../native-models/enhance/poseEstimator.ts';
import { enhanceAudioSignalInWorker } from '../../../native-models/enhance/enhanceAudioWorker.ts';
import { loadJpeg, MESSI, requireFiles } from '../enhance/testMedia.ts';
import { RENDERER_CSP_META } from '../../../native-models/platform/contentSecurityPolicy.ts';
import { API_CHANNELS, API_EVENTS, type RepliedReviewApi } from '../../../native-models/contract/reviewApi.ts';
import { ApiError } from '../../../renderer/src/apiError.ts';
import { unwrapReplies } from '../../../renderer/src/semioscopeApi.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');

describe('electron-vite build', () => {
  let app: string;
  let out: string;
  let log: string;
  before(() => {
    // Laid out as the app ships: <app>/out/{main,preload,renderer} beside <app>/package.json and node_modules.
    app = mkdtempSync(path.join(tmpdir(), 'semioscope-build-'));
    out = path.join(app, 'out');
    copyFileSync(path.join(REPO, 'package.json'), path.join(app, 'package.json'));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    const r = spawnSync(path.join(REPO, 'node_modules/.bin/electron-vite'), ['build', '--outDir', out], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
    log = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, log);
  });
  after(() => rmSync(app, { recursive: true, force: true }));

  it('produces main and the engine process as ES modules that import electron, not bundle it', () => {
    const main = readFileSync(path.join(out, 'main/main.js'), 'utf8');
    assert.match(main, /^import .* from "electron";$/m);
    assert.match(main, /utilityProcess\.fork/);
    assert.match(main, /registerSchemesAsPrivileged/);
    const engine = readFileSync(path.join(out, 'main/engineProcess.js'), 'utf8');
    assert.match(engine, /parentPort/);
    assert.doesNotMatch(engine, /from "electron"/, 'the engine process needs no electron module');
  });

  it("bundles the engine's worker threads beside it, and they run (the engine's environment points at them)", async () => {
    requireFiles(MESSI);
    for (const [name, file] of Object.entries(WORKER_BUNDLES)) {
      const bundle = path.join(out, 'main', file);
      assert.ok(existsSync(bundle), `${file} built`);
      assert.doesNotMatch(readFileSync(bundle, 'utf8'), /tsx\/esm\/api/, `${file} needs no TypeScript loader`);
      process.env[name] = bundle;
    }
    const estimator = await createPoseEstimator({ worker: true, threads: 1 });
    try {
      const people = await estimator.estimate(loadJpeg(MESSI));
      assert.ok(people.length >= 1, 'the bundled pose worker found the person');
      assert.ok(people[0]!.keypoints.filter((k) => k.score >= 0.3).length >= 8, 'with keypoints');
    } finally { await estimator.dispose(); }
    const wav = path.join(out, 'speech.wav');
    execFileSync('espeak-ng', ['-w', wav, 'Squeeze my hand. What is your name?']);
    const raw = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', wav, '-ac', '1', '-ar', '48000', '-f', 'f32le', '-']);
    const pcm = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    const audio = await enhanceAudioSignalInWorker(pcm.slice(), 48000);
    assert.equal(audio.denoised?.length, pcm.length, 'the bundled audio worker denoised every sample');
    assert.ok(audio.voiceActivity.length >= 1, 'and found the speech');
  });

  it("the bundled engine answers the contract's calls over its port (catalogue, analysed recordings from a real SQLite cache)", async () => {
    const engine = await import(pathToFileURL(path.join(out, 'main/engineProcess.js')).href) as { runEngineProcess: (port: EnginePort, o: ReviewServiceOptions) => void };
    let onMessage: ((e: { data: unknown }) => void) | null = null;
    const replies = new Map<number, EngineMessage>();
    const port: EnginePort = { on: (_event, listener) => { onMessage = listener; }, postMessage: (m) => { if (m.type === 'reply') replies.set(m.id, structuredClone(m)); } };
    engine.runEngineProcess(port, { analysesDir: path.join(out, 'analyses'), dbPath: path.join(out, 'cache.sqlite'), modelsDir: path.join(out, 'models') });
    const call = async (id: number, channel: string, input?: unknown) => {
      onMessage!({ data: { type: 'call', id, channel, input } });
      while (!replies.has(id)) await new Promise((r) => setTimeout(r, 10));
      return replies.get(id) as EngineMessage & { ok: boolean; output?: unknown; error?: { name: string } };
    };
    const catalogue = await call(1, 'catalogue:get');
    assert.ok(catalogue.ok && Array.isArray((catalogue.output as { features: unknown[] }).features) && (catalogue.output as { features: unknown[] }).features.length === 20, JSON.stringify(catalogue).slice(0, 300));
    const list = await call(2, 'recordings:list');
    assert.deepEqual(list, { type: 'reply', id: 2, ok: true, output: { recordings: [] } });
    assert.ok(existsSync(path.join(out, 'cache.sqlite')), 'the cache file was opened');
    const refused = await call(3, 'analysis:start', { videoPath: '' });
    assert.equal(refused.ok, false);
    assert.equal(refused.error?.name, 'UsageError');
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
