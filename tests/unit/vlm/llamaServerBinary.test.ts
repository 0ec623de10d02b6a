/**
 * Finding llama-server at run time without git: the commit is read from the git bundle's header, an explicit
 * path wins, a missing explicit path is null (never another binary).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { bundleHeadCommit, cachedServerDir, findLlamaSource, resolveLlamaServerBinary } from '../../../native-models/vlm/llamaServerBinary.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-binary-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('llamaServerBinary', () => {
  test('the commit of a bundle header, v2 and v3', () => {
    const sha = 'de3ff815ea7d559ee917f063901b8986f038abc6';
    const v2 = path.join(dir, 'v2.bundle');
    writeFileSync(v2, Buffer.concat([Buffer.from(`# v2 git bundle\n${sha} HEAD\n\n`), Buffer.from([0x50, 0x41, 0x43, 0x4b, 0, 0, 0, 2])]));
    assert.equal(bundleHeadCommit(v2), sha);
    const v3 = path.join(dir, 'v3.bundle');
    writeFileSync(v3, `# v3 git bundle\n@object-format=sha1\n${sha} refs/heads/master\n\nPACK`);
    assert.equal(bundleHeadCommit(v3), sha);
    const bad = path.join(dir, 'bad.bundle');
    writeFileSync(bad, 'PK\u0003\u0004 not a bundle');
    assert.throws(() => bundleHeadCommit(bad), /not a git bundle/);
  });

  test("node-llama-cpp's bundle names a commit, and the cache folder is keyed by it", () => {
    const { commit } = findLlamaSource();
    assert.match(commit, /^[0-9a-f]{40}$/);
    assert.ok(cachedServerDir(commit).includes(`${commit.slice(0, 12)}-${process.platform}-${process.arch}`));
  });

  test('an explicit path wins; one that does not exist is null', () => {
    const fake = path.join(dir, 'llama-server');
    writeFileSync(fake, '');
    assert.equal(resolveLlamaServerBinary(fake), fake);
    assert.equal(resolveLlamaServerBinary(path.join(dir, 'missing', 'llama-server')), null);
  });
});
