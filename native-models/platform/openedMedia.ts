/**
 * The recordings the user opened in this run, each under an opaque id: the desktop app's protocol and the
 * loopback review bridge serve media only by these ids, never by a path in a URL. A file is checked when it
 * is opened (exists, is a file, is video or audio by its extension) and again when it is served (its real
 * path unchanged: a symlink swapped in since is refused). One registry for both shells. The one exception to
 * "video or audio": the engine's own seek stills (platform/stillsFiles.ts), only from the stills folder.
 */
import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { mediaContentType } from './byteRange.ts';
import { displayName } from './displayName.ts';
import { isStillsFile, stillsDir } from './stillsFiles.ts';

export interface OpenedFile {
  /** The path as the user gave it (dropped or picked). */
  path: string;
  /** Its real path when it was opened. */
  realPath: string;
  contentType: string;
  /** The name to show (base name only). */
  name: string;
}

/** An id the registry gives out: 32 hex digits. */
export const OPENED_MEDIA_ID = /^[0-9a-f]{32}$/;

export class OpenedMedia {
  readonly #byId = new Map<string, OpenedFile>();
  readonly #idByReal = new Map<string, string>();

  /** Allows one file the user opened; returns its id (the same id for the same file). `setting` names the input. */
  async open(filePath: string, setting = 'path'): Promise<{ id: string; file: OpenedFile }> {
    const name = displayName(filePath);
    if (!path.isAbsolute(filePath)) throw new InputError(`The recording path "${name}" is not absolute.`, { setting });
    let real: string;
    try {
      real = await realpath(filePath);
    } catch {
      throw new InputError(`The recording "${name}" was not found.`, { setting, hint: 'Choose the file again: it may have been moved or deleted.' });
    }
    if (!(await stat(real)).isFile()) throw new InputError(`"${name}" is a folder, not a recording.`, { setting, hint: 'Choose one video file.' });
    const contentType = mediaContentType(real);
    if (!/^(video|audio)\//.test(contentType)) {
      throw new InputError(`"${name}" is not a video or audio file.`, { setting, hint: 'Choose an .mp4, .mov, .mkv, .webm or .avi recording.' });
    }
    return this.#register(filePath, real, contentType, name);
  }

  /**
   * Allows one seek-stills file the engine wrote (media/seekStills.ts): only a `<sha256>-<height>.stills`
   * file directly in the stills folder (`dir`, default platform/stillsFiles.ts's), never any other file.
   */
  async openStills(filePath: string, dir = stillsDir()): Promise<{ id: string; file: OpenedFile }> {
    const name = path.basename(filePath);
    const [real, realDir] = await Promise.all([realpath(filePath).catch(() => null), realpath(dir).catch(() => null)]);
    if (!real || !realDir || !isStillsFile(real, realDir) || !(await stat(real)).isFile()) {
      throw new InputError('The seek stills file is missing or not where the engine keeps its stills.', { setting: 'path' });
    }
    return this.#register(filePath, real, 'application/octet-stream', name);
  }

  #register(filePath: string, real: string, contentType: string, name: string): { id: string; file: OpenedFile } {
    const known = this.#idByReal.get(real);
    if (known) return { id: known, file: this.#byId.get(known)! };
    const id = randomBytes(16).toString('hex');
    const file = { path: filePath, realPath: real, contentType, name };
    this.#byId.set(id, file);
    this.#idByReal.set(real, id);
    return { id, file };
  }

  /** The opened file behind an id, or undefined. */
  get(id: string): OpenedFile | undefined {
    return OPENED_MEDIA_ID.test(id) ? this.#byId.get(id) : undefined;
  }

  /**
   * The file to serve for an id now: its real path, if it still resolves to the same file as when it was
   * opened; 'gone' when it vanished, 'moved' when a symlink or rename changed what the path points to.
   */
  async resolve(id: string): Promise<{ realPath: string; contentType: string } | 'unknown' | 'gone' | 'moved'> {
    const entry = this.get(id);
    if (!entry) return 'unknown';
    const real = await realpath(entry.path).catch(() => null);
    if (!real) return 'gone';
    if (real !== entry.realPath) return 'moved';
    const st = await stat(real).catch(() => null);
    return st?.isFile() ? { realPath: real, contentType: entry.contentType } : 'gone';
  }
}
