/**
 * Fingerprinting a recording: the SHA-256 of its bytes; a recording that disappears after it was probed is an
 * InputError naming it by its base name (never its folder); cancellation is the engine's CancelledError,
 * also when the read stream itself is aborted mid-file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CancelledError, InputError } from '../../../native-models/errors.ts';
import { hashFile } from '../../../native-models/media/hashFile.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-hash-patient-name-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('hashFile', () => {
  it('is the SHA-256 of the content', async () => {
    const p = path.join(dir, 'rec.mp4');
    const data = Buffer.alloc(3 << 20, 7);
    writeFileSync(p, data);
    assert.equal(await hashFile(p), createHash('sha256').update(data).digest('hex'));
  });

  it('a recording gone since it was probed: InputError with its base name only', async () => {
    await assert.rejects(hashFile(path.join(dir, 'gone.mp4')), (e: unknown) =>
      e instanceof InputError && /"gone\.mp4" could not be read/.test(e.message) && !e.message.includes(dir));
  });

  it('cancelled before or during the read: CancelledError', async () => {
    const p = path.join(dir, 'big.mp4');
    writeFileSync(p, Buffer.alloc(32 << 20, 1));
    const before = new AbortController();
    before.abort();
    await assert.rejects(hashFile(p, before.signal), CancelledError);
    const during = new AbortController();
    const run = hashFile(p, during.signal);
    queueMicrotask(() => during.abort());
    await assert.rejects(run, CancelledError);
  });
});
