/**
 * The IPC contract between the desktop shell and the renderer, defined once: channel names, request and
 * response types, and runtime validation of what the renderer sends. Main registers handlers from it; preload
 * exposes exactly these channels; the renderer imports only the types.
 */
import type { AnalysisResult } from '../native-models/pipeline/analysisTypes.ts';
import type { ProgressEvent } from '../native-models/pipeline/progress.ts';

export interface AnalyzeRequest {
  videoPath: string;
  /** Optional overrides of sampling for CPU-only workstations. */
  fps?: number;
  maxFrames?: number;
  frameSize?: number;
}

export interface IpcApi {
  'analysis:start': (req: AnalyzeRequest) => Promise<{ analysis: AnalysisResult; reportPath: string }>;
  'analysis:cancel': () => Promise<void>;
}

export interface IpcEvents {
  'analysis:progress': ProgressEvent;
}

export const IPC_CHANNELS = ['analysis:start', 'analysis:cancel'] as const satisfies readonly (keyof IpcApi)[];
export const IPC_EVENTS = ['analysis:progress'] as const satisfies readonly (keyof IpcEvents)[];

const positive = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v > 0);

/** Validates a request from the renderer; throws with a message the renderer can show. */
export function validateAnalyzeRequest(x: unknown): AnalyzeRequest {
  const r = x as Partial<AnalyzeRequest> | null;
  if (!r || typeof r !== 'object' || typeof r.videoPath !== 'string' || !r.videoPath) throw new Error('analysis:start needs { videoPath }');
  if (!positive(r.fps) || !positive(r.maxFrames) || !positive(r.frameSize)) throw new Error('fps, maxFrames and frameSize must be positive numbers');
  return { videoPath: r.videoPath, fps: r.fps, maxFrames: r.maxFrames, frameSize: r.frameSize };
}
