/**
 * The review API (contract/reviewApi.ts) implemented on the engine, whatever carries it: Electron IPC or the
 * loopback review bridge. Each method parses its input with the contract's schema, then calls the analysis
 * session (the same entry as the CLI, so no second set of defaults). One analysis runs at a time; starting
 * another cancels the first.
 */
import path from 'node:path';
import { parseApiInput, type ApiChannel, type ApiEvents, type ApiOutputs } from '../contract/reviewApi.ts';
import { FEATURES, GROUP_LABELS } from '../semiology/featureCatalogue.ts';
import { OpenedMedia } from '../platform/openedMedia.ts';
import { AnalysisSession } from './analysisSession.ts';

export interface ReviewServiceOptions {
  /** Answer cache file (default: the user's data folder). */
  dbPath?: string;
  /** Where each recording's outputs go (one folder per recording). */
  analysesDir: string;
  /** The URL a transport serves an opened media file under (the bridge: `/media/<id>`; Electron: its media protocol). */
  mediaUrl?: (id: string) => string;
}

/** Sends an event to the caller that started the work. */
export type EmitEvent = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void;

export type ReviewService = { [C in ApiChannel]: (raw: unknown, emit: EmitEvent) => Promise<ApiOutputs[C]> } & {
  /** The recordings `media:open` gave ids to: transports serve only these. */
  readonly openedMedia: OpenedMedia;
};

export function createReviewService(o: ReviewServiceOptions): ReviewService {
  let current: AbortController | null = null;
  const openedMedia = new OpenedMedia();
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
      const { id, file } = await openedMedia.open(req.path);
      return { url: mediaUrl(id), name: file.name };
    },
    'catalogue:get': async (raw) => {
      parseApiInput('catalogue:get', raw);
      return {
        features: FEATURES.map(({ id, group, label, definition }) => ({ id, group, label, definition })),
        groupLabels: { ...GROUP_LABELS },
      };
    },
    openedMedia,
  };
}
