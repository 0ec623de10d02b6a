/**
 * The fuses of the packaged binary: electron/security/fuses.ts and electron-builder.yml's electronFuses say
 * the same, and electron-builder 26's own schema validator accepts the file (its FuseOptionsV1 knows each key).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { ELECTRON_FUSES } from '../../../electron/security/fuses.ts';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(s: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { add(): void; isEnabled: boolean }): Promise<void>;
};
const BUILDER_YML = new URL('../../../electron-builder.yml', import.meta.url);
const load = () => yaml.load(readFileSync(BUILDER_YML, 'utf8')) as Record<string, unknown> & { electronFuses: Record<string, unknown> };
const quietLogger = { add() {}, isEnabled: false };

describe('electron fuses', () => {
  it('turns the Node escape hatches off and asar integrity, asar-only loading and cookie encryption on', () => {
    assert.equal(ELECTRON_FUSES.runAsNode, false);
    assert.equal(ELECTRON_FUSES.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(ELECTRON_FUSES.enableNodeCliInspectArguments, false);
    assert.equal(ELECTRON_FUSES.enableEmbeddedAsarIntegrityValidation, true);
    assert.equal(ELECTRON_FUSES.onlyLoadAppFromAsar, true);
    assert.equal(ELECTRON_FUSES.enableCookieEncryption, true);
  });

  it('is what electron-builder.yml flips', () => {
    assert.deepEqual(load().electronFuses, { ...ELECTRON_FUSES });
  });

  it("passes electron-builder 26's configuration schema, which refuses an unknown fuse", async () => {
    await validateConfiguration(load(), quietLogger);
    const bad = load();
    bad.electronFuses.runAsNodeTypo = false;
    await assert.rejects(validateConfiguration(bad, quietLogger), /electronFuses/);
  });

  it('packages the electron-vite build, not the TypeScript sources', () => {
    const files = load().files as string[];
    assert.ok(files.includes('out/main/**') && files.includes('out/preload/**') && files.includes('renderer/dist/**'));
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { main: string };
    assert.equal(pkg.main, 'out/main/main.js');
  });
});
