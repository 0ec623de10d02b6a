/**
 * The import's decisions: which checksum a file must match (manifest, else SHA256SUMS, else none; a
 * contradiction refused), and when a file already in the model folder is kept or copied again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../../native-models/errors.ts';
import type { InstalledFile } from '../../../native-models/models/installedModels.ts';
import { decideFile, expectedChecksum, unknownPairId, type ExpectedChecksum } from '../../../native-models/models/planImport.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const file = (sha256: string | null, sizeBytes: number | null = null) => ({ fileName: 'm.gguf', sha256, sizeBytes });
const none: ExpectedChecksum = { sha256: null, verifiedBy: 'unverified', from: null, sizeBytes: null };
const byList: ExpectedChecksum = { sha256: A, verifiedBy: 'SHA256SUMS', from: 'SHA256SUMS', sizeBytes: null };
const installed = (sha256: string, sizeBytes = 10): InstalledFile => ({ fileName: 'm.gguf', sha256, sizeBytes, verifiedBy: 'SHA256SUMS' });

describe('expectedChecksum', () => {
  test('the manifest wins; SHA256SUMS when the manifest has none; else unverified', () => {
    assert.equal(expectedChecksum('m.gguf', file(A), A).verifiedBy, 'manifest');
    assert.equal(expectedChecksum('m.gguf', file(A), undefined).sha256, A);
    assert.deepEqual(expectedChecksum('m.gguf', file(null), B, 'SHA256SUMS'), { sha256: B, verifiedBy: 'SHA256SUMS', from: 'SHA256SUMS', sizeBytes: null });
    assert.deepEqual(expectedChecksum('m.gguf', undefined, undefined), none);
  });

  test('a SHA256SUMS entry contradicting the manifest is refused, naming the file', () => {
    assert.throws(() => expectedChecksum('m.gguf', file(A), B, 'SHA256SUMS'),
      (e: unknown) => e instanceof InputError && /"m\.gguf" is listed in SHA256SUMS with a checksum other than the published one/.test(e.message));
  });

  test('the published size travels with the checksum', () => {
    assert.equal(expectedChecksum('m.gguf', file(A, 42), undefined).sizeBytes, 42);
  });
});

describe('decideFile', () => {
  const facts = { fileName: 'm.gguf', sourceSize: 10 };
  test('nothing installed, or the file gone: copy', () => {
    assert.deepEqual(decideFile({ ...facts, destSize: null, expected: byList }), { action: 'copy', reason: 'new' });
    assert.deepEqual(decideFile({ ...facts, installed: installed(A), destSize: null, expected: byList }), { action: 'copy', reason: 'missing' });
  });

  test('installed with the expected checksum and size: skipped without reading the media', () => {
    assert.deepEqual(decideFile({ ...facts, installed: installed(A), destSize: 10, expected: byList }), { action: 'skip' });
  });

  test('installed with another checksum or size: copied again', () => {
    assert.deepEqual(decideFile({ ...facts, installed: installed(B), destSize: 10, expected: byList }), { action: 'copy', reason: 'changed' });
    assert.deepEqual(decideFile({ ...facts, installed: installed(A), destSize: 9, expected: byList }), { action: 'copy', reason: 'changed' });
    assert.deepEqual(decideFile({ ...facts, sourceSize: 11, installed: installed(A), destSize: 10, expected: byList }), { action: 'copy', reason: 'changed' });
  });

  test('no list names the file: the media file is hashed and compared with the record', () => {
    assert.deepEqual(decideFile({ ...facts, installed: installed(B), destSize: 10, expected: none }), { action: 'compare', recordedSha256: B });
  });

  test('a source of another size than published is refused before any copy', () => {
    assert.throws(() => decideFile({ ...facts, destSize: null, expected: { ...byList, sizeBytes: 11 } }),
      (e: unknown) => e instanceof InputError && /"m\.gguf" has 10 bytes but the published file has 11/.test(e.message));
  });
});

test('unknownPairId makes a folder name of the model file name', () => {
  assert.equal(unknownPairId('My Model-Q4_K_M.gguf'), 'my-model-q4_k_m');
  assert.equal(unknownPairId('..gguf'), 'model');
});
