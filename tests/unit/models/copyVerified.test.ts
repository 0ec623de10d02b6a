/**
 * copyVerified on real files: a verified copy lands under its name; a wrong checksum leaves nothing behind; a
 * copy cancelled part-way leaves only the hidden .partial, which the next copy continues; a damaged .partial is
 * caught by the checksum and copied again from the start.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { CancelledError, InputError } from '../../../native-models/errors.ts';
import { copyVerified, hashFile, partialPathOf } from '../../../native-models/models/copyVerified.ts';

const root = mkdtempSync(path.join(tmpdir(), 'semioscope-copy-'));
after(() => rmSync(root, { recursive: true, force: true }));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function setup(size = 3.5 * (1 << 20)): { src: string; dest: string; bytes: Buffer; dir: string } {
  const dir = mkdtempSync(path.join(root, 'case-'));
  const bytes = randomBytes(Math.round(size));
  const src = path.join(dir, 'model.gguf');
  writeFileSync(src, bytes);
  const out = path.join(dir, 'out');
  rmSync(out, { recursive: true, force: true });
  writeFileSync(path.join(dir, '.keep'), '');
  return { src, dest: path.join(dir, 'installed.gguf'), bytes, dir };
}

describe('copyVerified', () => {
  test('copies, hashes in the same pass and reports progress up to the whole size', async () => {
    const { src, dest, bytes } = setup();
    const seen: number[] = [];
    const r = await copyVerified(src, dest, { expectedSha256: sha(bytes), onProgress: (p) => seen.push(p.bytesDone) });
    assert.equal(r.sha256, sha(bytes));
    assert.equal(r.resumedFrom, 0);
    assert.deepEqual(readFileSync(dest), bytes);
    assert.equal(seen.at(-1), bytes.length);
    assert.ok(seen.length >= 3, 'several progress steps for a multi-MB file');
    assert.equal(existsSync(partialPathOf(dest)), false);
    assert.equal(await hashFile(dest), sha(bytes));
  });

  test('a wrong checksum is refused naming the file, and nothing is left behind', async () => {
    const { src, dest, dir } = setup(1000);
    await assert.rejects(copyVerified(src, dest, { expectedSha256: 'f'.repeat(64), expectedFrom: 'SHA256SUMS' }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /"installed\.gguf" does not match its checksum in SHA256SUMS/);
      return true;
    });
    assert.deepEqual(readdirSync(dir).sort(), ['.keep', 'model.gguf']);
  });

  test('cancelled part-way: no file under the final name, the .partial is continued by the next copy', async () => {
    const { src, dest, bytes } = setup();
    const ac = new AbortController();
    await assert.rejects(copyVerified(src, dest, {
      expectedSha256: sha(bytes), signal: ac.signal,
      onProgress: (p) => { if (p.bytesDone >= 1 << 20) ac.abort(); },
    }), CancelledError);
    assert.equal(existsSync(dest), false);
    const kept = statSync(partialPathOf(dest)).size;
    assert.ok(kept > 0 && kept < bytes.length, `a part was kept (${kept} bytes)`);
    const r = await copyVerified(src, dest, { expectedSha256: sha(bytes) });
    assert.equal(r.resumedFrom, kept);
    assert.deepEqual(readFileSync(dest), bytes);
    assert.equal(existsSync(partialPathOf(dest)), false);
  });

  test('a damaged .partial is caught by the checksum and copied again from the start', async () => {
    const { src, dest, bytes } = setup(200_000);
    writeFileSync(partialPathOf(dest), Buffer.alloc(50_000, 7));
    const r = await copyVerified(src, dest, { expectedSha256: sha(bytes) });
    assert.equal(r.resumedFrom, 0);
    assert.deepEqual(readFileSync(dest), bytes);
  });

  test('commit: false leaves the verified copy at its .partial path', async () => {
    const { src, dest, bytes } = setup(1000);
    const r = await copyVerified(src, dest, { expectedSha256: sha(bytes), commit: false });
    assert.equal(r.at, partialPathOf(dest));
    assert.equal(existsSync(dest), false);
    assert.deepEqual(readFileSync(r.at), bytes);
  });
});
