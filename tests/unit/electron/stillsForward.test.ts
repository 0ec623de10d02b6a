/**
 * Main's `media:stills`: the engine's answer forwarded, the stills file allowed in main's own registry and
 * answered under main's own URL; a build in progress passes through; main refuses to serve anything but an
 * engine-made stills file in the stills folder (OpenedMedia.openStills: other names, other folders, symlinks
 * out). The engine here is a stand-in function (the real one runs in Electron's utility process).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ApiOutputs } from '../../../native-models/contract/reviewApi.ts';
import { OpenedMedia } from '../../../native-models/platform/openedMedia.ts';
import { stillsFilePath } from '../../../native-models/platform/stillsFiles.ts';
import { forwardStills } from '../../../electron/stillsForward.ts';

const SHA = 'f'.repeat(64);
const ready = (sha: string): ApiOutputs['media:stills'] => ({ state: 'ready', url: '/media/engine-side', sha256: sha, frames: 2, fps: 30, width: 480, height: 270, offsets: [0, 5, 10] });

describe('forwardStills (main)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'semioscope-stills-main-'));
  const dir = path.join(root, 'stills');
  mkdirSync(dir);
  writeFileSync(stillsFilePath(SHA, 270, dir), Buffer.alloc(10));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('answers main\'s own URL for the engine\'s stills file, and serves it from main\'s registry', async () => {
    const files = new OpenedMedia();
    const asked: unknown[] = [];
    const handler = forwardStills(async (input) => { asked.push(input); return ready(SHA); }, files, (id) => `semioscope://app/media/${id}`, () => dir);
    const out = await handler({ path: '/videos/a.mp4' });
    assert.deepEqual(asked, [{ path: '/videos/a.mp4' }]);
    assert.equal(out.state, 'ready');
    const id = /^semioscope:\/\/app\/media\/([0-9a-f]{32})$/.exec(out.state === 'ready' ? out.url : '')?.[1];
    assert.ok(id);
    const served = await files.resolve(id);
    assert.ok(typeof served === 'object' && served.realPath.endsWith(`${SHA}-270.stills`));
    assert.equal(typeof served === 'object' && served.contentType, 'application/octet-stream');
  });

  it('passes a build in progress through', async () => {
    const handler = forwardStills(async () => ({ state: 'building', percent: 42 }), new OpenedMedia(), (id) => id, () => dir);
    assert.deepEqual(await handler({ path: '/videos/a.mp4' }), { state: 'building', percent: 42 });
  });

  it('refuses when the stills file is not there', async () => {
    const handler = forwardStills(async () => ready('e'.repeat(64)), new OpenedMedia(), (id) => id, () => dir);
    await assert.rejects(handler({ path: '/videos/a.mp4' }), /seek stills file is missing/);
  });

  it('never opens other files as stills', async () => {
    const files = new OpenedMedia();
    const other = path.join(root, 'notes.txt');
    writeFileSync(other, 'secret');
    const elsewhere = stillsFilePath(SHA, 270, root);
    writeFileSync(elsewhere, Buffer.alloc(10));
    const link = stillsFilePath('d'.repeat(64), 270, dir);
    symlinkSync(other, link);
    await assert.rejects(files.openStills(other, dir), /seek stills file/);
    await assert.rejects(files.openStills(elsewhere, dir), /seek stills file/, 'a stills name outside the stills folder');
    await assert.rejects(files.openStills(link, dir), /seek stills file/, 'a symlink in the stills folder pointing out');
    await assert.rejects(files.open(stillsFilePath(SHA, 270, dir)), /not a video or audio file/, 'media:open still refuses it');
  });
});
