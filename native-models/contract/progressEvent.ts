/**
 * A progress event of a long analysis (stage, percent, ETA), as the pipeline emits it and as both transports
 * of the review API (Electron IPC, the loopback bridge) carry it to the app. Defined once here.
 */
import { z } from 'zod';

export const STAGES = ['probe', 'hash', 'model', 'analyse', 'write'] as const;

export const progressEventSchema = z.object({
  stage: z.enum(STAGES),
  /** 0-100 over the whole analysis. */
  percent: z.number().min(0).max(100),
  /** Seconds left, or null while unknown. */
  etaS: z.number().nullable(),
  message: z.string(),
  done: z.int().min(0),
  total: z.int().min(0),
});

export type Stage = (typeof STAGES)[number];
export type ProgressEvent = z.infer<typeof progressEventSchema>;
