/**
 * The review API (contract/reviewApi.ts) implemented on the engine, whatever carries it: Electron IPC or the
 * loopback review bridge. Each method parses its input with the contract's schema, then calls the analysis
 * session (the same entry as the CLI, so no second set of defaults). One analysis runs at a time; starting
 * another cancels the first.
 */
import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseApiInput, type ApiChannel, type ApiEvents, type ApiOutputs } from '../contract/reviewApi.ts';
import { InputError } from '../errors.ts';
import { mediaContentType } from '../platform/byteRange.ts';
import { displayName } from '../platform/displayName.ts';
import { AnalysisSession } from './analysisSession.ts';

export interface ReviewServiceOptions {
  /** Answer cache file (default: the user's data folder). */
  dbPath?: string;
  /** Where each recording's outputs go (one folder per recording). */
  analysesDir: string;
  /** The URL a transport serves an opened media file under (the bridge: `/media/<id>`; Electron: its media protocol). */
  mediaUrl?: (id: string) => string;
}

/** A file the user opened through `media:open`: its resolved path (symlinks followed) and content type. */
export interface OpenedMedia {
  realPath: string;
  contentType: string;
}

/** Sends an event to the caller that started the work. */
export type EmitEvent = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void;

export type ReviewService = { [C in ApiChannel]: (raw: unknown, emit: EmitEvent) => Promise<ApiOutputs[C]> } & {
  /** The file behind an id that `media:open` gave out (transports serve only these), or undefined. */
  openedMedia(id: string): OpenedMedia | undefined;
};

export function createReviewService(o: ReviewServiceOptions): ReviewService {
  let current: AbortController | null = null;
  const mediaById = new Map<string, OpenedMedia>();
  const idByPath = new Map<string, string>();
  const mediaUrl = o.mediaUrl ?? ((id: string) => `/media/${id}`);
  return {
    'analysis:start': async (raw, emit) => {
      const req = parseApiInput('analysis:start', raw);
      current?.abort();
      const controller = new AbortController();
      current = controller;
      await using session = await AnalysisSession.open({ models: req.models, settings: req.settings, dbPath: o.dbPath, signal: controller.signal });
      const outDir = path.join(o.analysesDir, path.basename(req.videoPath).replace(/\W+/g, '_'));
      return await session.analyze({ videoPath: req.videoPath, outDir, signal: controller.signal, onProgress: (p) => emit('analysis:progress', p) });
    },
    'analysis:cancel': async (raw) => {
      parseApiInput('analysis:cancel', raw);
      current?.abort();
    },
    'media:open': async (raw) => {
      const req = parseApiInput('media:open', raw);
      const name = displayName(req.path);
      const realPath = await realpath(req.path).catch(() => {
        throw new InputError(`The recording "${name}" does not exist or cannot be read.`, { setting: 'path', hint: 'Choose the file again: it may have been moved or deleted.' });
      });
      if (!(await stat(realPath)).isFile()) throw new InputError(`"${name}" is a folder, not a recording.`, { setting: 'path', hint: 'Choose one video file.' });
      const contentType = mediaContentType(realPath);
      if (!/^(video|audio)\//.test(contentType)) {
        throw new InputError(`"${name}" is not a video or audio file.`, { setting: 'path', hint: 'Choose an .mp4, .mov, .mkv, .webm or .avi recording.' });
      }
      let id = idByPath.get(realPath);
      if (!id) {
        id = randomBytes(16).toString('hex');
        idByPath.set(realPath, id);
        mediaById.set(id, { realPath, contentType });
      }
      return { url: mediaUrl(id), name: displayName(realPath) };
    },
    openedMedia: (id) => mediaById.get(id),
  };
}
