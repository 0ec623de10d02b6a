/**
 * The registry of opened recordings both shells serve media from: checks on open (absolute, exists, a file,
 * video or audio), one id per file, unknown ids refused, and a file swapped for a symlink since it was opened
 * reported as moved.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../../native-models/errors.ts';
import { OpenedMedia } from '../../../native-models/platform/openedMedia.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-opened-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('OpenedMedia', () => {
  it('opens a recording once, under one opaque id', async () => {
    const media = new OpenedMedia();
    const p = path.join(dir, 'Bed 2.mp4');
    writeFileSync(p, 'video bytes');
    const a = await media.open(p);
    assert.match(a.id, /^[0-9a-f]{32}$/);
    assert.equal((await media.open(p)).id, a.id);
    assert.deepEqual(await media.resolve(a.id), { realPath: p, contentType: 'video/mp4' });
    assert.equal(a.file.name, 'Bed 2.mp4');
    assert.equal(await media.resolve('0'.repeat(32)), 'unknown');
    assert.equal(await media.resolve('../etc/passwd'), 'unknown');
  });

  for (const [name, make, words] of [
    ['a relative path', () => 'rec.mp4', /not absolute/],
    ['a missing file', () => path.join(dir, 'gone.mp4'), /was not found/],
    ['a folder', () => dir, /is a folder/],
    ['not video or audio', () => { const p = path.join(dir, 'notes.txt'); writeFileSync(p, 'x'); return p; }, /not a video or audio file/],
  ] as const) {
    it(`refuses ${name}`, async () => {
      await assert.rejects(new OpenedMedia().open(make(), 'videoPath'), (e: unknown) => e instanceof InputError && e.setting === 'videoPath' && words.test(e.message));
    });
  }

  it('a file replaced by a symlink since it was opened is "moved"; a deleted one is "gone"', async () => {
    const media = new OpenedMedia();
    const p = path.join(dir, 'swap.mp4');
    writeFileSync(p, 'a');
    const { id } = await media.open(p);
    const elsewhere = path.join(dir, 'secret.mp4');
    writeFileSync(elsewhere, 'b');
    renameSync(p, path.join(dir, 'swap-old.mp4'));
    symlinkSync(elsewhere, p);
    assert.equal(await media.resolve(id), 'moved');
    rmSync(p);
    assert.equal(await media.resolve(id), 'gone');
  });
});
