/**
 * The recordings of a batch: every video file in a folder (not its subfolders), by name, or the paths listed
 * in a text file (one per line, relative to the list's folder; blank lines and `#` comments ignored). A night's
 * EMU recordings are usually one folder; a list picks some from several.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { mediaContentType } from '../platform/byteRange.ts';
import { describeFsError } from '../platform/makeFolder.ts';
import { displayName } from '../platform/displayName.ts';

const isVideoName = (name: string) => mediaContentType(name).startsWith('video/');

export function batchSources(source: string): string[] {
  let st;
  try { st = statSync(source); } catch (e) {
    throw new InputError(`The batch source "${displayName(source)}" cannot be read (${describeFsError(e)}).`,
      { setting: 'source', hint: 'Give a folder of recordings, or a text file listing one recording per line.' });
  }
  if (st.isDirectory()) {
    const files = readdirSync(source, { withFileTypes: true }).filter((d) => d.isFile() && isVideoName(d.name)).map((d) => path.join(source, d.name))
      .sort((a, b) => a.localeCompare(b));
    if (!files.length) throw new InputError(`The folder "${displayName(source)}" holds no video recording (.mp4, .mov, .mkv, .webm, .avi).`, { setting: 'source' });
    return files;
  }
  const base = path.dirname(path.resolve(source));
  const lines = readFileSync(source, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (!lines.length) throw new InputError(`The list "${displayName(source)}" names no recording.`, { setting: 'source', hint: 'Write one recording path per line.' });
  return lines.map((l) => path.resolve(base, l));
}

/** One output folder name per recording: its base name made safe, with a number where two share a name. */
export function batchOutputNames(files: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const stem = path.basename(f).replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    return n === 1 ? stem : `${stem}-${n}`;
  });
}
