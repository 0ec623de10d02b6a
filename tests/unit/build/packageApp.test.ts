/**
 * packageApp's checks before packaging: with no unpacked Electron anywhere it says where it looked, where to put
 * one and how to get it on a connected machine; it accepts the release zip or an unpacked Electron of the right
 * version; Electron's headers tarball is unpacked for node-gyp. electron-builder.yml passes electron-builder's
 * own schema check.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { UsageError } from '../../../native-models/errors.ts';
import { electronZipName, findElectronDist, findElectronHeaders, type Target } from '../../../native-models/build/packageApp.ts';
import { REPO } from '../../helpers/runCli.ts';

const root = mkdtempSync(path.join(tmpdir(), 'semioscope-package-'));
after(() => rmSync(root, { recursive: true, force: true }));
const t: Target = { version: '45.3.4', platform: 'linux', arch: 'x64' };
const fresh = (name: string) => { const d = path.join(root, name); mkdirSync(d, { recursive: true }); return d; };

describe('findElectronDist', () => {
  test('no Electron anywhere: an actionable message (where it looked, where to put it, how to get it)', () => {
    const repo = fresh('repo-none');
    const cache = fresh('cache-none');
    assert.throws(() => findElectronDist(t, { repo, cache, env: {} }), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /^No unpacked Electron 45\.3\.4 for linux-x64: electron-builder cannot package offline without one\./);
      assert.ok(e.message.includes(`${path.join(repo, 'node_modules', 'electron', 'dist')}: does not exist`));
      assert.ok(e.message.includes(`Put the Electron release zip electron-v45.3.4-linux-x64.zip (or an unpacked Electron 45.3.4 folder) in ${path.join(cache, 'electron', '45.3.4')}/`));
      assert.match(e.message, /--electron-dist DIR\|ZIP or set SEMIOSCOPE_ELECTRON_DIST/);
      assert.match(e.hint!, /On a connected machine download https:\/\/github\.com\/electron\/electron\/releases\/download\/v45\.3\.4\/electron-v45\.3\.4-linux-x64\.zip/);
      assert.match(e.hint!, /SHASUMS256\.txt/);
      return true;
    });
  });

  test('the same message from the real command, exit 2, before anything is built', () => {
    const cache = fresh('cache-cli');
    let out = '';
    let code = 0;
    try {
      // An explicit folder is the only place looked in, so an Electron installed in this checkout cannot make it package.
      execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'native-models', 'build', 'packageApp.ts'), '--dir', '--no-build', '--electron-dist', path.join(cache, 'none')],
        { cwd: REPO, env: { ...process.env, SEMIOSCOPE_CACHE_DIR: cache }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      code = (e as { status: number }).status;
      out = (e as { stderr: string }).stderr;
    }
    assert.equal(code, 2);
    assert.match(out, /^package: No unpacked Electron \d+\.\d+\.\d+ for /);
    assert.ok(out.includes(`${path.join(cache, 'none')}: does not exist`));
    assert.match(out, /On a connected machine download/);
  });

  test('the release zip, a folder holding it, or an unpacked Electron of the right version is accepted', () => {
    const cache = fresh('cache-zip');
    const dir = path.join(cache, 'electron', '45.3.4');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, electronZipName(t)), 'zip');
    assert.equal(findElectronDist(t, { repo: fresh('repo-zip'), cache, env: {} }), dir);
    assert.equal(findElectronDist(t, { explicit: path.join(dir, electronZipName(t)), cache: fresh('c2'), repo: fresh('r2'), env: {} }), path.join(dir, electronZipName(t)));
    const unpacked = fresh('unpacked');
    writeFileSync(path.join(unpacked, 'electron'), '');
    writeFileSync(path.join(unpacked, 'version'), '45.3.4');
    assert.equal(findElectronDist(t, { env: { SEMIOSCOPE_ELECTRON_DIST: unpacked }, repo: fresh('r3'), cache: fresh('c3') }), unpacked);
  });

  test('an unpacked Electron of another version is named as such', () => {
    const old = fresh('old');
    writeFileSync(path.join(old, 'electron'), '');
    writeFileSync(path.join(old, 'version'), '44.0.0');
    assert.throws(() => findElectronDist(t, { explicit: old, repo: fresh('r4'), cache: fresh('c4'), env: {} }), /holds Electron 44\.0\.0, not 45\.3\.4/);
  });
});

describe('findElectronHeaders', () => {
  test('the headers tarball in the cache is unpacked for node-gyp', async () => {
    const cache = fresh('cache-headers');
    const dir = path.join(cache, 'electron', '45.3.4');
    const src = path.join(fresh('tarsrc'), 'node_headers', 'include', 'node');
    mkdirSync(src, { recursive: true });
    writeFileSync(path.join(src, 'node_version.h'), '#define NODE_MAJOR_VERSION 24\n');
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-czf', path.join(dir, 'node-v45.3.4-headers.tar.gz'), '-C', path.join(root, 'tarsrc'), 'node_headers']);
    const found = await findElectronHeaders(t, { cache, env: {}, home: fresh('home') });
    assert.equal(found, path.join(dir, 'node_headers'));
    assert.match(readFileSync(path.join(found, 'include', 'node', 'node_version.h'), 'utf8'), /24/);
  });

  test('no headers: says which file to download and where to put it', async () => {
    await assert.rejects(findElectronHeaders(t, { cache: fresh('cache-noheaders'), env: {}, home: fresh('home2') }), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.hint!, /https:\/\/www\.electronjs\.org\/headers\/v45\.3\.4\/node-v45\.3\.4-headers\.tar\.gz/);
      return true;
    });
  });
});

test('electron-builder.yml passes electron-builder\'s own schema (which refuses unknown keys)', async () => {
  const require = createRequire(import.meta.url);
  const { validateConfiguration } = require(path.join(REPO, 'node_modules', 'app-builder-lib', 'out', 'util', 'config', 'config.js'));
  const yaml = require(path.join(REPO, 'node_modules', 'js-yaml'));
  const config = yaml.load(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8'));
  await validateConfiguration(config, { warn: () => {} });
  await assert.rejects(validateConfiguration({ ...config, notAKey: 1 }, { warn: () => {} }), /does not match the API schema/);
  assert.equal(config.buildDependenciesFromSource, true);
  assert.ok(config.extraResources.some((r: { from: string; to: string }) => r.from === 'out/llama-server' && r.to === 'llama-server'));
});
