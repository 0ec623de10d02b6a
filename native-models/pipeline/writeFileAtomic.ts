import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';

/** Writes via a temporary file and a rename, so a full disk or a crash never leaves a half-written file. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as { code?: string }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new InputError(`The disk holding "${path.dirname(file)}" is full: "${path.basename(file)}" was not written. Free some space and run again; the model's answers are cached and will not be asked again.`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new InputError(`Cannot write "${path.basename(file)}" in "${path.dirname(file)}" (${code}). Choose another output folder with --out.`);
    }
    throw e;
  }
}
