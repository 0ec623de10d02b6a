/**
 * The review API (contract/reviewApi.ts) implemented on the engine, whatever carries it: Electron IPC or the
 * loopback review bridge. Each method parses its input with the contract's schema, then calls the analysis
 * session (the same entry as the CLI, so no second set of defaults). One analysis runs at a time; starting
 * another cancels the first.
 */
import path from 'node:path';
import { parseApiInput, type ApiChannel, type ApiEvents, type ApiOutputs } from '../contract/reviewApi.ts';
import { FEATURES, GROUP_LABELS } from '../semiology/featureCatalogue.ts';
import { listAnalyses, loadAnalysis } from '../cache/analysisIndex.ts';
import { AnswerCache, defaultCachePath } from '../cache/answerCache.ts';
import { readReview, recordReviewChange } from '../cache/reviewLog.ts';
import { SemioscopeError } from '../errors.ts';
import { audioPeaks } from '../media/audioPeaks.ts';
import { hashFile } from '../media/hashFile.ts';
import { SeekStillsBuilds } from '../media/seekStillsBuilds.ts';
import { OpenedMedia } from '../platform/openedMedia.ts';
import { validateModelPair } from '../vlm/validateModelPair.ts';
import { importModels, listModels } from '../models/importModels.ts';
import { pairFolder } from '../models/installedModels.ts';
import { loadModelManifest } from '../models/loadModelManifest.ts';
import { modelsRoot } from '../platform/paths.ts';
import { writeExports } from '../export/writeExports.ts';
import { undecidedDisagreements } from '../pipeline/undecidedDisagreements.ts';
import { AnalysisSession } from './analysisSession.ts';

export interface ReviewServiceOptions {
  /** Answer cache file (default: the user's data folder). */
  dbPath?: string;
  /** Where each recording's outputs go (one folder per recording). */
  analysesDir: string;
  /** The app's model folder (default: SEMIOSCOPE_MODELS_DIR, else beside the cache: platform/paths.ts modelsRoot). */
  modelsDir?: string;
  /** The URL a transport serves an opened media file under (the bridge: `/media/<id>`; Electron: its media protocol). */
  mediaUrl?: (id: string) => string;
}

/** Sends an event to the caller that started the work. */
export type EmitEvent = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void;

export type ReviewService = { [C in ApiChannel]: (raw: unknown, emit: EmitEvent) => Promise<ApiOutputs[C]> } & {
  /** The recordings `media:open` gave ids to: transports serve only these. */
  readonly openedMedia: OpenedMedia;
  /** The background seek-stills builds of `media:stills` (a closing transport cancels them). */
  readonly stills: SeekStillsBuilds;
};

export function createReviewService(o: ReviewServiceOptions): ReviewService {
  let current: AbortController | null = null;
  const openedMedia = new OpenedMedia();
  const stills = new SeekStillsBuilds();
  const mediaUrl = o.mediaUrl ?? ((id: string) => `/media/${id}`);
  /** The cache for reading the list of analyses: opened per call (WAL: a running analysis keeps writing meanwhile). */
  const withCache = <T>(f: (cache: AnswerCache) => Promise<T> | T): Promise<T> => {
    const cache = new AnswerCache(o.dbPath ?? defaultCachePath());
    return Promise.resolve().then(() => f(cache)).finally(() => cache.close());
  };
  return {
    'analysis:start': async (raw, emit) => {
      const req = parseApiInput('analysis:start', raw);
      // A folder, a missing file or a document is refused at once, before any model server starts.
      await openedMedia.open(req.videoPath, 'videoPath');
      current?.abort();
      const controller = new AbortController();
      current = controller;
      await using session = await AnalysisSession.open({ models: req.models, settings: req.settings, dbPath: o.dbPath, signal: controller.signal });
      const outDir = path.join(o.analysesDir, path.basename(req.videoPath).replace(/\W+/g, '_'));
      return await session.analyze({ videoPath: req.videoPath, outDir, signal: controller.signal, onProgress: (p) => emit('analysis:progress', p),
        onPlan: (p) => emit('analysis:plan', p), onAnswer: (a) => emit('analysis:answer', a) });
    },
    'analysis:cancel': async (raw) => {
      parseApiInput('analysis:cancel', raw);
      current?.abort();
    },
    'models:check': async (raw) => {
      const req = parseApiInput('models:check', raw);
      const pair = await validateModelPair(req.model, req.mmproj, { need: 'vision', roles: { model: 'model', mmproj: 'projector' } });
      return { model: { fileName: pair.model.fileName, name: pair.model.name, architecture: pair.model.architecture },
        mmproj: { fileName: pair.mmproj.fileName, projectorType: pair.mmproj.projectorType }, hasVision: pair.hasVision, hasAudio: pair.hasAudio };
    },
    'models:list': async (raw) => {
      parseApiInput('models:list', raw);
      const folder = o.modelsDir ?? modelsRoot();
      const pairs = await listModels(folder);
      return { folder, pairs: pairs.map((p) => ({ id: p.id, name: p.name, known: p.manifestId !== null, verifiedBy: p.verifiedBy, state: String(p.state),
        sizeBytes: p.sizeBytes, sees: p.sees, hears: p.hears,
        model: path.join(pairFolder(folder, p.id), p.files.model.fileName), mmproj: path.join(pairFolder(folder, p.id), p.files.mmproj.fileName) })) };
    },
    'models:import': async (raw, emit) => {
      const req = parseApiInput('models:import', raw);
      const warnings: string[] = [];
      let last = 0;
      const pairs = await importModels(path.resolve(req.folder), { modelsDir: o.modelsDir ?? modelsRoot(), manifest: loadModelManifest(),
        onWarning: (m) => warnings.push(m),
        // At most a few progress events a second for multi-GB files.
        onProgress: (p) => { const now = Date.now(); if (now - last >= 250 || p.bytesDone === p.totalBytes) { last = now; emit('models:progress', p); } } });
      return { imported: pairs.map((p) => ({ name: p.name, known: p.known, verifiedBy: p.verifiedBy, files: p.files.map((f) => ({ fileName: f.fileName, action: f.action })) })), warnings };
    },
    'media:open': async (raw) => {
      const req = parseApiInput('media:open', raw);
      const { id, file } = await openedMedia.open(req.path);
      return { url: mediaUrl(id), name: file.name };
    },
    'media:peaks': async (raw) => {
      const req = parseApiInput('media:peaks', raw);
      return audioPeaks(req.path);
    },
    'media:stills': async (raw) => stills.answer(parseApiInput('media:stills', raw).path, openedMedia, mediaUrl),
    'catalogue:get': async (raw) => {
      parseApiInput('catalogue:get', raw);
      return {
        features: FEATURES.map(({ id, group, label, definition, lateralizes }) => ({ id, group, label, definition, lateralizes })),
        groupLabels: { ...GROUP_LABELS },
      };
    },
    'recordings:list': async (raw) => {
      parseApiInput('recordings:list', raw);
      return { recordings: await withCache((cache) => listAnalyses(cache)) };
    },
    'analysis:open': async (raw) => {
      const req = parseApiInput('analysis:open', raw);
      return withCache(async (cache) => {
        const { analysis, videoPath } = loadAnalysis(cache, req.id);
        // The findings always reopen; the video only when it is the very file that was analysed.
        const name = analysis.recording.fileName;
        const without = 'The findings are shown without video.';
        let sha: string;
        try {
          sha = await cache.fileSha256(videoPath, (p) => hashFile(p));
        } catch (e) {
          if (!(e instanceof SemioscopeError) && !(e as { code?: string }).code) throw e;
          return { analysis, videoPath: null, mediaProblem: { message: `The recording "${name}" is no longer where it was analysed.`,
            hint: `${without} Put it back, or analyse it from its new place (the answers come from the cache).` } };
        }
        if (sha !== analysis.recording.sha256) {
          return { analysis, videoPath: null, mediaProblem: { message: `The file now at the place of "${name}" is not the recording that was analysed (its content changed).`,
            hint: `${without} Analyse the new file to review it.` } };
        }
        return { analysis, videoPath, mediaProblem: null };
      });
    },
    'review:get': async (raw) => {
      const req = parseApiInput('review:get', raw);
      return withCache((cache) => readReview(cache, req.recordingSha256));
    },
    'review:record': async (raw) => {
      const req = parseApiInput('review:record', raw);
      return withCache((cache) => recordReviewChange(cache, req));
    },
    'review:disagreements': async (raw) => {
      const req = parseApiInput('review:disagreements', raw);
      return withCache((cache) => {
        const { analysis } = loadAnalysis(cache, req.analysisId);
        return undecidedDisagreements(analysis, readReview(cache, analysis.recording.sha256));
      });
    },
    'review:export': async (raw) => {
      const req = parseApiInput('review:export', raw);
      const { analysis, jsonPath } = await withCache((cache) => {
        const stored = loadAnalysis(cache, req.analysisId);
        return { ...stored, analysis: { ...stored.analysis, review: readReview(cache, stored.analysis.recording.sha256) } };
      });
      const written = await writeExports(analysis, path.dirname(jsonPath), req.formats);
      return { files: written.map((w) => ({ format: w.format, name: path.basename(w.path), path: w.path })) };
    },
    openedMedia,
    stills,
  };
}
