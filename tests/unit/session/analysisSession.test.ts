/**
 * The analysis session: the engine's defaults are the settings contract's (the catalogue's variant policy, not
 * base only), it writes analysis.json and the report, a failed open leaks nothing (the cache file is closed),
 * a session disposes once however often asked, and a closed session refuses work. Real ffmpeg recording, real
 * SQLite file, a scripted loopback chat server as the remote model.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../native-models/contract/analysisSettings.ts';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { InputError, UsageError } from '../../../native-models/errors.ts';
import { resolveMediaTools } from '../../../native-models/media/ffmpegPaths.ts';
import { AnalysisSession } from '../../../native-models/session/analysisSession.ts';
import { featureAnswer, startScriptedChatServer, type ScriptedChatServer } from '../../helpers/scriptedChatServer.ts';

let dir: string;
let video: string;
let server: ScriptedChatServer;

/** Open file descriptors of this process on `file` (or its WAL/SHM companions). */
function openHandles(file: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try { if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(file)) n++; } catch { /* closed meanwhile */ }
  }
  return n;
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-session-'));
  video = path.join(dir, 'rec.mp4');
  execFileSync(resolveMediaTools().ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10:duration=8',
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', video]);
  server = await startScriptedChatServer({ fallback: () => featureAnswer(false) });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const remote = () => ({ main: { kind: 'remote' as const, endpoint: server.baseUrl, model: 'scripted' } });

describe('AnalysisSession', () => {
  it('uses the contract defaults: each feature in its best published variant', async () => {
    const db = path.join(dir, 'defaults.sqlite');
    await using session = await AnalysisSession.open({ models: remote(), dbPath: db, settings: { fps: 1, maxFrames: 2, frameSize: 112, features: ['blank_stare', 'tonic', 'close_eyes'] } });
    assert.equal(session.settings.variants, DEFAULT_SETTINGS.variants);
    const { analysis, jsonPath, pdfPath } = await session.analyze({ videoPath: video, outDir: path.join(dir, 'out-defaults') });
    const variantOf = Object.fromEntries(analysis.findings.map((f) => [f.featureId, f.variant]));
    assert.deepEqual(variantOf, { blank_stare: 'crop', tonic: 'pose', close_eyes: 'base' });
    assert.deepEqual(parseAnalysisJson(readFileSync(jsonPath, 'utf8'), 'analysis.json').findings.map((f) => f.featureId).sort(), ['blank_stare', 'close_eyes', 'tonic']);
    assert.ok(readFileSync(pdfPath).subarray(0, 5).toString() === '%PDF-', 'a PDF report is written');
  });

  it('a failed open leaves no file open', async () => {
    const db = path.join(dir, 'failed-open.sqlite');
    await assert.rejects(AnalysisSession.open({ models: { main: { kind: 'local', model: path.join(dir, 'missing.gguf'), mmproj: path.join(dir, 'missing-mmproj.gguf') } }, dbPath: db }),
      (e: unknown) => e instanceof InputError && /does not exist/.test(e.message));
    assert.ok(existsSync(db), 'the cache was opened before the model failed');
    assert.equal(openHandles(db), 0, 'and closed again');
  });

  it('refuses bad settings before touching the cache', async () => {
    const db = path.join(dir, 'never-made.sqlite');
    await assert.rejects(AnalysisSession.open({ models: remote(), dbPath: db, settings: { fps: 1e9 } }),
      (e: unknown) => e instanceof UsageError && e.setting === 'fps' && /sampling rate/.test(e.message));
    assert.ok(!existsSync(db));
  });

  it('disposes once, however often asked, and then refuses work', async () => {
    const db = path.join(dir, 'dispose.sqlite');
    const session = await AnalysisSession.open({ models: remote(), dbPath: db });
    assert.ok(openHandles(db) > 0);
    await session.dispose();
    await session[Symbol.asyncDispose]();
    assert.equal(openHandles(db), 0);
    await assert.rejects(session.analyze({ videoPath: video, outDir: path.join(dir, 'out-closed') }), /closed/);
  });
});
