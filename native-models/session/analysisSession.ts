/**
 * One analysis session: the single way into the engine for the CLI, the desktop app, the benchmarks and batch
 * runs. It checks the settings and the model choice (contract/), opens the answer cache and the model
 * backend(s), analyses recordings, writes analysis.json and the PDF report, and releases everything through one
 * path (`dispose()` / `await using`), whatever failed and however often it is called.
 *
 *   await using session = await AnalysisSession.open({ models, settings, dbPath });
 *   const { jsonPath, pdfPath } = await session.analyze({ videoPath, outDir, onProgress, signal });
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { recordAnalysis } from '../cache/analysisIndex.ts';
import { AnswerCache, defaultCachePath } from '../cache/answerCache.ts';
import { parseAnalysisSettings, type AnalysisSettings, type AnalysisSettingsInput } from '../contract/analysisSettings.ts';
import { parseModelChoice, remoteEndpoints, type ModelChoice, type ModelChoiceInput } from '../contract/modelChoice.ts';
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { asCancellation, InputError, SemioscopeError, throwIfCancelled } from '../errors.ts';
import { engineThreadsBeside, poseThreadsFor } from '../platform/cpuBudget.ts';
import { displayName } from '../platform/displayName.ts';
import { describeFsError, ensureWritableFolder } from '../platform/makeFolder.ts';
import { analyzeRecording, type AnalyzeOptions } from '../pipeline/analyzeRecording.ts';
import type { ProgressListener } from '../pipeline/progress.ts';
import { writeFileAtomic } from '../platform/writeFileAtomic.ts';
import { writeReportPdf } from '../report/writeReportPdf.ts';
import { getFeature } from '../semiology/featureCatalogue.ts';
import { openLocalBackend, openRemoteBackend, openRemotePool, type ModelBackend } from '../vlm/modelBackend.ts';
import { Disposer } from '../platform/disposer.ts';

export interface AnalysisSessionOptions {
  /** Which model answers (checked by contract/modelChoice.ts). */
  models: ModelChoiceInput;
  /** Anything left out takes the default of contract/analysisSettings.ts. */
  settings?: AnalysisSettingsInput;
  /** Answer cache file (default: the user's data folder, see cache/answerCache.ts). */
  dbPath?: string;
  /** Cancels opening (hashing multi-GB model files). */
  signal?: AbortSignal;
}

export interface AnalyzeRequest {
  videoPath: string;
  /** Folder for analysis.json, report.pdf and keyframes/ (made if missing; proven writable first). */
  outDir: string;
  onProgress?: ProgressListener;
  /** The segments and pairs to be asked, then each answer as it arrives (the review app's live lanes). */
  onPlan?: AnalyzeOptions['onPlan'];
  onAnswer?: AnalyzeOptions['onAnswer'];
  signal?: AbortSignal;
}

export interface AnalysisOutputs {
  analysis: AnalysisResult;
  jsonPath: string;
  pdfPath: string;
  /** Its row in the cache's list of analyses (cache/analysisIndex.ts): the review app reopens it by this id. */
  id: number;
}

export class AnalysisSession implements AsyncDisposable {
  private readonly disposer = new Disposer();

  private constructor(
    readonly settings: AnalysisSettings,
    readonly models: ModelChoice,
    readonly cache: AnswerCache,
    readonly backend: ModelBackend,
    readonly audioBackend: ModelBackend | undefined,
  ) {}

  /** Checks everything the user chose, then opens the cache and the backends; a failed open leaks nothing. */
  static async open(o: AnalysisSessionOptions): Promise<AnalysisSession> {
    const settings = parseAnalysisSettings(o.settings ?? {});
    const models = parseModelChoice(o.models);
    const opened = new Disposer();
    try {
      const dbPath = o.dbPath ?? defaultCachePath();
      const cache = new AnswerCache(dbPath);
      opened.defer(() => cache.close());
      throwIfCancelled(o.signal);
      const deps = { fileSha256: cache.fileSha256.bind(cache) };
      // The server's threads are chosen from the cores left by the engine's own work beside it (pose, decoding).
      const besideServer = engineThreadsBeside({
        poseThreads: settings.pose ? poseThreadsFor(availableParallelism()) : 0,
        decoding: settings.features.some((id) => getFeature(id).modality === 'vision'),
      });
      const local = { contextSize: settings.contextSize, threads: settings.threads, backend: settings.backend, gpuLayers: settings.gpuLayers, parallel: settings.parallel, besideServer };
      const main = models.main;
      const backend = main.kind === 'remote'
        ? (typeof main.endpoint === 'string'
          ? openRemoteBackend({ endpoint: main.endpoint, apiKey: main.apiKey, model: main.model, audio: main.audio, constraint: main.constraint })
          : await openRemotePool({ endpoints: remoteEndpoints(main.endpoint), apiKey: main.apiKey, model: main.model, audio: main.audio, constraint: main.constraint, signal: o.signal }))
        : await openLocalBackend({ ...local, model: main.model, mmproj: main.mmproj, serverBinary: main.serverBinary }, 'vision', deps);
      opened.defer(() => backend.dispose());
      let audioBackend: ModelBackend | undefined;
      if (models.audio) {
        const a = await openLocalBackend({ ...local, model: models.audio.model, mmproj: models.audio.mmproj,
          serverBinary: main.kind === 'local' ? main.serverBinary : undefined }, 'audio', deps);
        audioBackend = a;
        opened.defer(() => a.dispose());
      }
      throwIfCancelled(o.signal);
      const session = new AnalysisSession(settings, models, cache, backend, audioBackend);
      session.disposer.adopt(opened);
      return session;
    } catch (e) {
      await opened.dispose();
      throw asCancellation(e, o.signal);
    }
  }

  /** Analyses one recording and writes its outputs. Every answer is cached as it arrives, so a failed or
   * cancelled run resumes where it stopped. */
  async analyze(req: AnalyzeRequest): Promise<AnalysisOutputs> {
    if (this.disposer.disposed) throw new InputError('This analysis session is closed.');
    const { signal } = req;
    try {
      // Every output location is proven writable before any model work.
      const outDir = ensureWritableFolder(req.outDir, 'output folder', 'outDir');
      const analysis = await analyzeRecording({
        videoPath: path.resolve(req.videoPath), cache: this.cache, backend: this.backend, audioBackend: this.audioBackend,
        settings: this.settings, outDir, onProgress: req.onProgress, onPlan: req.onPlan, onAnswer: req.onAnswer, signal,
      });
      throwIfCancelled(signal);
      const jsonPath = path.join(outDir, 'analysis.json');
      writeFileAtomic(jsonPath, `${JSON.stringify(analysis, null, 2)}\n`);
      const pdfPath = path.join(outDir, 'report.pdf');
      try {
        await writeReportPdf(analysis, pdfPath, { paperSize: this.settings.paperSize, baseDir: outDir,
          operator: { patientId: this.settings.patientId, study: this.settings.study, reviewer: this.settings.reviewer } });
      } catch (e) {
        if (e instanceof SemioscopeError || !(e as { code?: string }).code) throw e;
        throw new InputError(`The report "${displayName(pdfPath)}" could not be written (${describeFsError(e)}).`,
          { setting: 'outDir', hint: 'Free some space or choose another output folder; the answers are cached and will not be asked again.', cause: e });
      }
      // Listed for the review app once its outputs exist: a reopen needs no model and no decoding.
      const id = recordAnalysis(this.cache, { analysis, videoPath: req.videoPath, jsonPath, pdfPath });
      return { analysis, jsonPath, pdfPath, id };
    } catch (e) {
      throw asCancellation(e, signal);
    }
  }

  /** Stops the model servers and closes the cache; safe to call twice. */
  async dispose(): Promise<void> {
    await this.disposer.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
