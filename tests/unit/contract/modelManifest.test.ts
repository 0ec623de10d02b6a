/**
 * The model manifest's schema, and the shipped resources/models.json against it: every supported pair's
 * architecture and projector type are a known matching family (vlm/knownModelPairs.ts), no checksum is
 * claimed that was not filled, and a broken manifest is refused with the reason.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { modelManifestSchema, parseModelManifest, type ModelManifest } from '../../../native-models/contract/modelManifest.ts';
import { DEFAULT_MANIFEST_PATH, loadModelManifest } from '../../../native-models/models/loadModelManifest.ts';
import { checkKnownPair } from '../../../native-models/vlm/knownModelPairs.ts';
import { REPO } from '../../helpers/runCli.ts';

const shipped = (): ModelManifest => structuredClone(loadModelManifest(DEFAULT_MANIFEST_PATH));
const issuesOf = (m: unknown): string => {
  const r = modelManifestSchema.safeParse(m);
  assert.equal(r.success, false, 'the schema should refuse this manifest');
  return r.error!.issues.map((i) => i.message).join('; ');
};

describe('model manifest', () => {
  test('the shipped manifest is at resources/models.json and parses', () => {
    assert.equal(DEFAULT_MANIFEST_PATH, path.join(REPO, 'resources', 'models.json'));
    const m = shipped();
    assert.ok(m.pairs.length >= 5);
    const ids = m.pairs.map((p) => p.id);
    for (const want of ['qwen2.5-vl-7b-q4_k_m', 'internvl3-8b-q4_k_m', 'qwen2.5-omni-7b-q4_k_m']) assert.ok(ids.includes(want), want);
  });

  test('every shipped pair is a family the GGUF checks accept, and only Omni hears', () => {
    for (const p of shipped().pairs) {
      assert.equal(checkKnownPair(p.architecture, [p.projectorType]).kind, 'match', p.id);
      assert.equal(p.hears, p.projectorType === 'qwen2.5o', p.id);
      assert.equal(p.sees, true, p.id);
      assert.match(p.files.mmproj.fileName, /^mmproj-/, p.id);
    }
  });

  test('no shipped checksum is invented: a pair is verified only with every sha256 and size filled', () => {
    for (const p of shipped().pairs) {
      const filled = [p.files.model, p.files.mmproj].every((f) => f.sha256 !== null && f.sizeBytes !== null);
      assert.equal(p.verified, filled, p.id);
    }
    assert.match(shipped().checksums, /sha256sum/);
  });

  test('the README names the files the manifest lists for the 7B/8B pairs', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    for (const id of ['qwen2.5-vl-7b-q4_k_m', 'internvl3-8b-q4_k_m', 'qwen2.5-omni-7b-q4_k_m']) {
      const p = shipped().pairs.find((x) => x.id === id)!;
      assert.ok(readme.includes(p.files.model.fileName) && readme.includes(p.files.mmproj.fileName), id);
    }
  });

  test('verified: true without checksums is refused', () => {
    const m = shipped();
    m.pairs[0]!.verified = true;
    assert.match(issuesOf(m), /says verified but a file has no sha256/);
  });

  test('a checksum on a pair that says verified: false is refused, and a malformed one too', () => {
    const m = shipped();
    m.pairs[0]!.files.model.sha256 = 'a'.repeat(64);
    assert.match(issuesOf(m), /has a checksum but says verified: false/);
    m.pairs[0]!.files.model.sha256 = 'ABC';
    assert.match(issuesOf(m), /64 lower-case hex/);
  });

  test('a filled, verified pair is accepted', () => {
    const m = shipped();
    const p = m.pairs[0]!;
    p.files.model = { ...p.files.model, sha256: '0'.repeat(64), sizeBytes: 123 };
    p.files.mmproj = { ...p.files.mmproj, sha256: '1'.repeat(64), sizeBytes: 45 };
    p.verified = true;
    assert.equal(modelManifestSchema.safeParse(m).success, true);
  });

  test('duplicate ids and file names, a path in a file name and unknown keys are refused', () => {
    const m = shipped();
    m.pairs.push(structuredClone(m.pairs[0]!));
    const msg = issuesOf(m);
    assert.match(msg, /appears twice/);
    assert.match(msg, /appears in two pairs/);
    const n = shipped();
    n.pairs[0]!.files.model.fileName = '../x.gguf';
    assert.match(issuesOf(n), /without a folder/);
    assert.throws(() => parseModelManifest(JSON.stringify({ ...shipped(), extra: 1 })), /The model manifest is invalid/);
    assert.throws(() => parseModelManifest('{'), /not JSON/);
  });
});
