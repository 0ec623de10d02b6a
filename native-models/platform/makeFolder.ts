/**
 * Folders the engine writes into, made and checked before any model work. Node's `mkdir(..., {recursive})`
 * never returns on some pseudo file systems (under /proc it loops on failed mkdir calls at 100 % CPU and ignores
 * SIGTERM), so folders are made one level at a time here, and a folder is proven writable by writing a probe
 * file in it: a read-only folder then fails in a second, not after a whole analysis.
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'read-only file system', ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up', ENOTDIR: 'a part of the path is a file, not a folder', EEXIST: 'a file of that name exists',
  ENOENT: 'a part of the path does not exist', ENAMETOOLONG: 'the name is too long', ELOOP: 'too many symbolic links',
};

/** A short reason for a file-system error code, for messages. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  return REASONS[code] ? `${REASONS[code]}, ${code}` : code || String((e as Error)?.message ?? e);
}

/** Makes `dir` and its missing parents, one level at a time (never loops). Returns the folder. */
export function makeFolder(dir: string): string {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  for (let d = abs; ; d = path.dirname(d)) {
    let st;
    try { st = statSync(d); } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT' || path.dirname(d) === d) throw e;
      missing.push(d);
      continue;
    }
    if (!st.isDirectory()) throw Object.assign(new Error(`${d} is not a folder`), { code: 'ENOTDIR' });
    break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
  return abs;
}

/**
 * Makes `dir` if needed and proves it writable. `what` names the folder for the user ("output folder"),
 * `setting` the setting that chose it; the message names the folder by its base name only.
 */
export function ensureWritableFolder(dir: string, what: string, setting?: string): string {
  let abs: string;
  try {
    abs = makeFolder(dir);
  } catch (e) {
    throw new InputError(`Cannot create the ${what} "${path.basename(dir)}" (${describeFsError(e)}).`, { setting, hint: `Choose a folder you can write to.`, cause: e });
  }
  const probe = path.join(abs, `.semioscope-write-test-${process.pid}`);
  try {
    const fd = openSync(probe, 'w');
    try { writeSync(fd, 'ok'); } finally { closeSync(fd); }
  } catch (e) {
    throw new InputError(`Cannot write in the ${what} "${path.basename(abs)}" (${describeFsError(e)}).`, { setting, hint: 'Choose a folder you can write to, on a disk with free space.', cause: e });
  } finally {
    rmSync(probe, { force: true });
  }
  return abs;
}
