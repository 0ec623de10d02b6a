/**
 * `semioscope models import|list` end to end (the real CLI, real files): the tiny generated GGUF pairs on a temp
 * folder standing in for a USB stick, checksums written by the real `sha256sum`. A pair listed in a test
 * manifest (SEMIOSCOPE_MODEL_MANIFEST) is verified by SHA256SUMS or by the manifest's own checksum; a wrong
 * checksum is refused naming the file with nothing left behind; a pair no manifest lists is imported with a
 * warning; `list` shows what is installed; a re-import skips what is in place; a renamed file is caught; Ctrl-C
 * mid-copy leaves no file under its name and the next import continues it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { DEFAULT_MANIFEST_PATH } from '../../../native-models/models/loadModelManifest.ts';
import { hasStackTrace, runCli, startCli } from '../../helpers/runCli.ts';

const root = mkdtempSync(path.join(tmpdir(), 'semioscope-models-'));
after(() => rmSync(root, { recursive: true, force: true }));
const sha256sum = (dir: string, files: string[]) => execFileSync('sha256sum', ['-b', ...files], { cwd: dir, encoding: 'utf8' });
let tiny: { omni: { model: string; mmproj: string }; internvl: { model: string; mmproj: string } };

/** A stick folder holding copies of the given files. */
function stick(name: string, files: string[], sums?: (dir: string) => string): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(f, path.join(dir, path.basename(f)));
  if (sums) writeFileSync(path.join(dir, 'SHA256SUMS'), sums(dir));
  return dir;
}

/** The shipped manifest plus a pair entry for a tiny pair (checksums filled or not). */
function testManifest(name: string, pair: { model: string; mmproj: string }, o: { architecture: string; projectorType: string; hears: boolean; sha?: (f: string) => string }): string {
  const m = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8'));
  const entry = (f: string) => ({ fileName: path.basename(f), sha256: o.sha ? o.sha(f) : null, sizeBytes: o.sha ? readFileSync(f).length : null });
  m.pairs.push({
    id: `tiny-${name}`, name: `Tiny ${name}`, source: 'https://example.org/tiny', licence: 'test fixture', architecture: o.architecture,
    projectorType: o.projectorType, sees: true, hears: o.hears, files: { model: entry(pair.model), mmproj: entry(pair.mmproj) }, verified: Boolean(o.sha),
  });
  const file = path.join(root, `manifest-${name}.json`);
  writeFileSync(file, JSON.stringify(m));
  return file;
}

/** Every file under a folder, relative, hidden ones included. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name))).sort();
  } catch { return []; }
}

before(async () => {
  tiny = { omni: await writeTinyModelPair('omni', path.join(root, 'gen')), internvl: await writeTinyModelPair('internvl', path.join(root, 'gen')) };
});

describe('semioscope models', () => {
  const modelsDir = () => path.join(root, 'installed');
  const omniManifest = () => testManifest('omni', tiny.omni, { architecture: 'qwen2vl', projectorType: 'qwen2.5o', hears: true });

  test('import with a correct SHA256SUMS: copied and verified by it', async () => {
    const usb = stick('usb-good', [tiny.omni.model, tiny.omni.mmproj], (d) => sha256sum(d, ['tiny-omni-text.gguf', 'tiny-omni-mmproj.gguf']));
    const r = await runCli(['models', 'import', usb, '--models-dir', modelsDir()], { SEMIOSCOPE_MODEL_MANIFEST: omniManifest() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Tiny omni \[tiny-omni\]: verified \(SHA256SUMS\)\n/);
    assert.match(r.stdout, /copied {2}tiny-omni-text\.gguf .*verified \(SHA256SUMS\)/);
    assert.match(r.stdout, /copied {2}tiny-omni-mmproj\.gguf/);
    assert.doesNotMatch(r.stderr, /warning/);
    assert.match(r.stderr, /copying tiny-omni-mmproj\.gguf: 100% of 1\.5 MB/);
    assert.deepEqual(filesUnder(modelsDir()), ['installed.json', 'tiny-omni/tiny-omni-mmproj.gguf', 'tiny-omni/tiny-omni-text.gguf']);
    assert.deepEqual(readFileSync(path.join(modelsDir(), 'tiny-omni', 'tiny-omni-text.gguf')), readFileSync(tiny.omni.model));
  });

  test('a re-import skips the files already installed and verified', async () => {
    const dest = path.join(root, 'installed-again');
    const usb = stick('usb-again', [tiny.omni.model, tiny.omni.mmproj], (d) => sha256sum(d, ['tiny-omni-text.gguf', 'tiny-omni-mmproj.gguf']));
    const env = { SEMIOSCOPE_MODEL_MANIFEST: omniManifest() };
    assert.equal((await runCli(['models', 'import', usb, '--models-dir', dest], env)).code, 0);
    const r = await runCli(['models', 'import', usb, '--models-dir', dest], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /skipped tiny-omni-text\.gguf .*already installed/);
    assert.match(r.stdout, /skipped tiny-omni-mmproj\.gguf .*already installed/);
    assert.doesNotMatch(r.stderr, /copying/);
  });

  test('a wrong checksum is refused naming the file, and nothing is left behind', async () => {
    const dest = path.join(root, 'installed-wrong');
    const usb = stick('usb-wrong', [tiny.omni.model, tiny.omni.mmproj], (d) =>
      sha256sum(d, ['tiny-omni-text.gguf', 'tiny-omni-mmproj.gguf']).replace(/^[0-9a-f]{64}(?= \*tiny-omni-mmproj)/m, '0'.repeat(64)));
    const r = await runCli(['models', 'import', usb, '--models-dir', dest], { SEMIOSCOPE_MODEL_MANIFEST: omniManifest() });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /"tiny-omni-mmproj\.gguf" does not match its checksum in SHA256SUMS .*refused/);
    assert.ok(!hasStackTrace(r.stderr));
    assert.deepEqual(filesUnder(dest), [], 'no copy, no .partial, no record');
  });

  test('a checksum in the manifest verifies without any SHA256SUMS', async () => {
    const dest = path.join(root, 'installed-manifest');
    const manifest = testManifest('internvl', tiny.internvl, {
      architecture: 'qwen2', projectorType: 'internvl', hears: false,
      sha: (f) => sha256sum(path.dirname(f), [path.basename(f)]).slice(0, 64),
    });
    const usb = stick('usb-manifest', [tiny.internvl.model, tiny.internvl.mmproj]);
    const r = await runCli(['models', 'import', usb, '--models-dir', dest], { SEMIOSCOPE_MODEL_MANIFEST: manifest });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Tiny internvl \[tiny-internvl\]: verified \(manifest\)/);
  });

  test('a pair no manifest lists is imported with warnings, unverified, and list shows everything', async () => {
    const dest = path.join(root, 'installed-two');
    const good = stick('usb-two', [tiny.omni.model, tiny.omni.mmproj], (d) => sha256sum(d, ['tiny-omni-text.gguf', 'tiny-omni-mmproj.gguf']));
    assert.equal((await runCli(['models', 'import', good, '--models-dir', dest], { SEMIOSCOPE_MODEL_MANIFEST: omniManifest() })).code, 0);
    const usb = stick('usb-unknown', [tiny.internvl.model, tiny.internvl.mmproj]);
    const r = await runCli(['models', 'import', usb, '--models-dir', dest]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: "tiny-internvl-text\.gguf" \+ "tiny-internvl-mmproj\.gguf" is not a pair Semioscope's model manifest lists/);
    assert.match(r.stderr, /warning: "tiny-internvl-text\.gguf" has no checksum .*copied unverified/);
    assert.match(r.stdout, /\[tiny-internvl-text\]: unverified, not in the manifest/);

    const list = await runCli(['models', 'list', '--models-dir', dest, '--rehash']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /Tiny omni \[tiny-omni\]: 1\.9 MB, verified \(SHA256SUMS\), sees \+ hears\n/);
    assert.match(list.stdout, /\[tiny-internvl-text\]: [\d.]+ [kM]B, unverified, not in the manifest, sees\n/);
    assert.match(list.stdout, / {2}tiny-omni-mmproj\.gguf \(1\.5 MB, sha256 [0-9a-f]{16}\.\.\.\)/);
    const json = JSON.parse((await runCli(['models', 'list', '--models-dir', dest, '--json'])).stdout);
    assert.deepEqual(json.pairs.map((p: { id: string; verifiedBy: string; state: string }) => [p.id, p.verifiedBy, p.state]),
      [['tiny-internvl-text', 'unverified', 'ok'], ['tiny-omni', 'SHA256SUMS', 'ok']]);
  });

  test('list names a damaged installed file', async () => {
    const dest = path.join(root, 'installed-damaged');
    const usb = stick('usb-damaged', [tiny.omni.model, tiny.omni.mmproj], (d) => sha256sum(d, ['tiny-omni-text.gguf', 'tiny-omni-mmproj.gguf']));
    assert.equal((await runCli(['models', 'import', usb, '--models-dir', dest], { SEMIOSCOPE_MODEL_MANIFEST: omniManifest() })).code, 0);
    const f = path.join(dest, 'tiny-omni', 'tiny-omni-text.gguf');
    const b = readFileSync(f);
    b[b.length - 1] = b[b.length - 1]! ^ 0xff;
    writeFileSync(f, b);
    assert.equal((await runCli(['models', 'list', '--models-dir', dest])).code, 0, 'same size: only a rehash can tell');
    const r = await runCli(['models', 'list', '--models-dir', dest, '--rehash']);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /PROBLEM: a file is changed since import/);
  });

  test('a file with a supported pair\'s name but another model inside is refused', async () => {
    const dest = path.join(root, 'installed-renamed');
    const manifest = testManifest('renamed', tiny.internvl, { architecture: 'qwen2vl', projectorType: 'internvl', hears: false });
    const usb = stick('usb-renamed', [tiny.internvl.model, tiny.internvl.mmproj]);
    const r = await runCli(['models', 'import', usb, '--models-dir', dest], { SEMIOSCOPE_MODEL_MANIFEST: manifest });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"tiny-internvl-text\.gguf" has the name of Tiny renamed's model file but is a qwen2 model, not qwen2vl: refused/);
    assert.deepEqual(filesUnder(dest), []);
  });

  test('Ctrl-C during a large copy leaves nothing under the final name, and the next import continues the copy', async () => {
    const dest = path.join(root, 'installed-interrupted');
    const usb = stick('usb-large', [tiny.omni.model, tiny.omni.mmproj]);
    // The GGUF header is read, the rest is data: a 400 MB model (a sparse tail) takes long enough to interrupt.
    truncateSync(path.join(usb, 'tiny-omni-text.gguf'), 400e6);
    const run = startCli(['models', 'import', usb, '--models-dir', dest]);
    let err = '';
    await new Promise<void>((resolve) => {
      run.child.stderr!.on('data', (d: Buffer) => { err += d.toString(); if (/copying tiny-omni-text\.gguf: 5%/.test(err)) resolve(); });
      run.child.on('close', () => resolve());
    });
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /Copy of "tiny-omni-text\.gguf" cancelled: nothing is installed under its name/);
    assert.equal(existsSync(path.join(dest, 'tiny-omni-text', 'tiny-omni-text.gguf')), false);
    assert.deepEqual(filesUnder(dest), ['tiny-omni-text/.tiny-omni-text.gguf.partial']);
    const again = await runCli(['models', 'import', usb, '--models-dir', dest]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /copied {2}tiny-omni-text\.gguf \(400\.0 MB, unverified, continued an interrupted copy at [\d.]+ MB\)/);
    assert.deepEqual(filesUnder(dest), ['installed.json', 'tiny-omni-text/tiny-omni-mmproj.gguf', 'tiny-omni-text/tiny-omni-text.gguf']);
  });

  test('a folder without a pair, and bad arguments, say what to do', async () => {
    const empty = stick('usb-empty', []);
    const dest = path.join(root, 'installed-none');
    const r = await runCli(['models', 'import', empty, '--models-dir', dest]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /There is no \.gguf file in the folder "usb-empty"/);
    const half = stick('usb-half', [tiny.omni.model]);
    const h = await runCli(['models', 'import', half, '--models-dir', dest]);
    assert.equal(h.code, 2);
    assert.match(h.stderr, /1 language model\(s\) and 0 projector\(s\)/);
    const u = await runCli(['models', 'frobnicate']);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /Unknown models command "frobnicate"/);
    assert.deepEqual(filesUnder(dest), []);
  });
});
