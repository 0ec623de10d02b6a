/**
 * Writes a file via a temporary file and a rename, so a full disk or a crash never leaves a half-written
 * analysis.json or keyframe. Failures are InputErrors naming the file by its base name (folders can carry a
 * patient's name).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { describeFsError } from './makeFolder.ts';

export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as { code?: string }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new InputError(`The disk is full: "${path.basename(file)}" was not written.`, { setting: 'outDir', cause: e,
        hint: 'Free some space and run again; the model\'s answers are cached and will not be asked again.' });
    }
    if (code) {
      throw new InputError(`Cannot write "${path.basename(file)}" in the output folder (${describeFsError(e)}).`, { setting: 'outDir', cause: e,
        hint: 'Choose an output folder you can write to.' });
    }
    throw e;
  }
}
