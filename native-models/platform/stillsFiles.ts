/**
 * Where the review app's seek stills live (media/seekStills.ts writes them, the shells serve them): one file
 * of concatenated JPEGs per recording and still height, `<cacheRoot>/stills/<sha256>-<height>.stills`, with
 * its index beside it (`.idx`, JSON). Named by content hash only (never the recording's name). Base layer, so
 * the media registry (platform/openedMedia.ts) and Electron's main can tell an engine-made stills file from
 * anything else without loading the engine.
 */
import path from 'node:path';
import { cacheRoot } from './paths.ts';

/** The folder of all stills files: SEMIOSCOPE_STILLS_DIR (tests), else `<cacheRoot>/stills`. */
export function stillsDir(): string {
  return process.env.SEMIOSCOPE_STILLS_DIR ? path.resolve(process.env.SEMIOSCOPE_STILLS_DIR) : path.join(cacheRoot(), 'stills');
}

/** A stills file's base name: `<sha256>-<height>.stills`. */
export const STILLS_FILE_NAME = /^[0-9a-f]{64}-[1-9][0-9]{1,3}\.stills$/;

/** The stills file of a recording (by its SHA-256) at `height` lines. */
export function stillsFilePath(sha256: string, height: number, dir = stillsDir()): string {
  return path.join(dir, `${sha256}-${height}.stills`);
}

/** Its index (frame byte offsets), written last: its presence means the stills file is complete. */
export function stillsIndexPath(stillsFile: string): string {
  return stillsFile.replace(/\.stills$/, '.idx');
}

/** True when `realPath` (already resolved) names a stills file directly inside the (resolved) stills folder. */
export function isStillsFile(realPath: string, realStillsDir: string): boolean {
  return path.dirname(realPath) === realStillsDir && STILLS_FILE_NAME.test(path.basename(realPath));
}
