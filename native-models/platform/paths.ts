/**
 * Where the engine keeps files outside the recording's folder: the per-user cache (the built llama-server,
 * the demo model, the server registry), the model folder, and private scratch folders that other local users cannot read.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

/** SEMIOSCOPE_CACHE_DIR, else $XDG_CACHE_HOME/semioscope, else ~/.cache/semioscope. */
export function cacheRoot(): string {
  return process.env.SEMIOSCOPE_CACHE_DIR
    ?? (process.env.XDG_CACHE_HOME ? path.join(process.env.XDG_CACHE_HOME, 'semioscope') : path.join(homedir(), '.cache', 'semioscope'));
}

/** The per-user data folder of the app: APPDATA, Library/Application Support, or $XDG_DATA_HOME / ~/.local/share, then `semioscope`. */
export function userDataRoot(): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '.';
  const base = process.platform === 'win32'
    ? (process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
    : process.platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support')
      : (process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'));
  return path.join(base, 'semioscope');
}

/**
 * The app's model folder: SEMIOSCOPE_MODELS_DIR, else `models/` in the per-user data folder beside the answer
 * cache, where `semioscope models import` puts the pairs it copies.
 */
export function modelsRoot(): string {
  return process.env.SEMIOSCOPE_MODELS_DIR ?? path.join(userDataRoot(), 'models');
}

export interface PrivateFolder extends Disposable {
  readonly path: string;
  /** Removes the folder and everything in it; safe to call twice. */
  remove(): void;
}

/** A new folder in the system temp folder, mode 0700 (only this user can list or open what is inside). */
export function makePrivateFolder(prefix: string): PrivateFolder {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  chmodSync(dir, 0o700);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  return { path: dir, remove, [Symbol.dispose]: remove };
}
