/**
 * Copies one model file (often several GB, from a USB stick) into the model folder while computing its
 * sha256 in the same pass, so the removable media is read once. The copy is written to a hidden
 * `.<name>.partial` file beside the destination and renamed only once it is complete and matches the
 * expected checksum: a crash, a full disk or Ctrl-C never leaves a file under the final name. A `.partial`
 * left by an interrupted copy is continued (its bytes are hashed again from the local disk); a continued copy
 * that does not match is copied once more from the start before the file is refused.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { asCancellation, CancelledError, InputError } from '../errors.ts';
import { describeFsError } from '../platform/makeFolder.ts';

export interface CopyProgress {
  fileName: string;
  bytesDone: number;
  totalBytes: number;
}

export interface CopyVerifiedOptions {
  /** The checksum the copy must have; without one the copy is kept whatever its hash (it is reported). */
  expectedSha256?: string;
  /** Where the expected checksum comes from, for the message ("the manifest", "SHA256SUMS"). */
  expectedFrom?: string;
  onProgress?: (p: CopyProgress) => void;
  signal?: AbortSignal;
  /** false: leave the verified copy at its `.partial` path for the caller to rename with the pair's other file. */
  commit?: boolean;
}

export interface CopyResult {
  sha256: string;
  bytes: number;
  /** Bytes taken from an earlier interrupted copy (0 for a fresh copy). */
  resumedFrom: number;
  /** Where the verified copy is now: the destination, or its `.partial` path with `commit: false`. */
  at: string;
}

/** The hidden file a copy is written to before its rename. */
export function partialPathOf(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.partial`);
}

/** sha256 of a whole file, streamed (with progress, abortable). */
export async function hashFile(file: string, options: { onProgress?: (p: CopyProgress) => void; signal?: AbortSignal } = {}): Promise<string> {
  const hash = createHash('sha256');
  await feed(file, 0, hash, null, statSync(file).size, options);
  return hash.digest('hex');
}

async function feed(src: string, start: number, hash: Hash, out: string | null, total: number,
  options: { onProgress?: (p: CopyProgress) => void; signal?: AbortSignal }, doneBefore = 0): Promise<void> {
  let done = doneBefore;
  const fileName = path.basename(src);
  // Written synchronously chunk by chunk: what was hashed is exactly what is on disk when a copy stops, so a
  // kept .partial can be continued.
  const fd = out ? openSync(out, start > 0 ? 'a' : 'w') : null;
  const tap = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, cb) {
      try {
        if (fd !== null) writeSync(fd, chunk);
      } catch (e) {
        cb(e as Error);
        return;
      }
      hash.update(chunk);
      done += chunk.length;
      options.onProgress?.({ fileName, bytesDone: done, totalBytes: total });
      cb();
    },
  });
  try {
    await pipeline(createReadStream(src, { start, highWaterMark: 1 << 20 }), tap, { signal: options.signal });
    if (fd !== null) fsyncSync(fd);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export async function copyVerified(src: string, dest: string, options: CopyVerifiedOptions = {}): Promise<CopyResult> {
  const name = path.basename(dest);
  const partial = partialPathOf(dest);
  const total = statSync(src).size;
  for (let attempt = 0; ; attempt++) {
    const hash = createHash('sha256');
    let resumedFrom = 0;
    if (attempt === 0 && existsSync(partial)) {
      const have = statSync(partial).size;
      if (have > 0 && have <= total) {
        // The earlier bytes are hashed from the local disk (fast); the rest comes from the media.
        await feed(partial, 0, hash, null, total, { signal: options.signal, onProgress: (p) => options.onProgress?.({ ...p, fileName: name }) });
        resumedFrom = have;
      } else {
        rmSync(partial, { force: true });
      }
    }
    try {
      await feed(src, resumedFrom, hash, partial, total, options, resumedFrom);
    } catch (e) {
      const err = asCancellation(e, options.signal);
      // Cancelled: keep the .partial so the next import continues it. Any other failure: remove it.
      if (err === e) rmSync(partial, { force: true });
      const code = (e as { code?: string }).code;
      if (err === e && code) {
        throw new InputError(`Copying "${name}" failed (${describeFsError(e)}); nothing was kept under its name.`,
          { cause: e, hint: code === 'ENOSPC' || code === 'EDQUOT' ? 'Free space in the model folder and import again.' : 'Check the removable media and the model folder, then import again.' });
      }
      if (err instanceof CancelledError) {
        throw new CancelledError(`Copy of "${name}" cancelled: nothing is installed under its name; the part copied so far is kept, and the next import continues it.`);
      }
      throw err;
    }
    const sha256 = hash.digest('hex');
    const bytes = statSync(partial).size;
    if (options.expectedSha256 && sha256 !== options.expectedSha256) {
      rmSync(partial, { force: true });
      if (resumedFrom > 0) continue; // the kept part may have been damaged: copy once more from the start
      throw new InputError(`"${name}" does not match its checksum in ${options.expectedFrom ?? 'the list'} ` +
        `(expected ${options.expectedSha256.slice(0, 12)}..., the file has ${sha256.slice(0, 12)}...): refused.`,
        { hint: 'The file is damaged or is not the published file: download it again on the connected machine, check it with sha256sum, and copy it again.' });
    }
    if (options.commit === false) return { sha256, bytes, resumedFrom, at: partial };
    renameSync(partial, dest);
    return { sha256, bytes, resumedFrom, at: dest };
  }
}
