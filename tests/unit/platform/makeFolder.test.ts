/**
 * Output folders: made level by level (a path under /proc ends with an error instead of looping forever),
 * proven writable with a probe that is removed again, and every failure an InputError naming the folder by
 * its base name.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../../native-models/errors.ts';
import { ensureWritableFolder, makeFolder } from '../../../native-models/platform/makeFolder.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-folder-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('makeFolder / ensureWritableFolder', () => {
  it('makes missing parents and leaves no probe behind', () => {
    const target = path.join(dir, 'a', 'b', 'c');
    assert.equal(ensureWritableFolder(target, 'output folder'), target);
    assert.ok(existsSync(target));
    assert.deepEqual(readdirSync(target), []);
    assert.equal(makeFolder(target), target, 'an existing folder is fine');
  });

  it('a folder under /proc fails at once (Node\'s recursive mkdir never returns there)', () => {
    assert.throws(() => ensureWritableFolder('/proc/semioscope-test/out', 'output folder', 'outDir'),
      (e: unknown) => e instanceof InputError && e.setting === 'outDir' && /Cannot create the output folder "out"/.test(e.message));
  });

  it('a file where a folder should be', () => {
    const f = path.join(dir, 'plain-file');
    writeFileSync(f, 'x');
    assert.throws(() => ensureWritableFolder(path.join(f, 'sub'), 'output folder'), (e: unknown) => e instanceof InputError && /not a folder/.test(e.message));
  });
});
