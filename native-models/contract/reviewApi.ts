/**
 * The review app's API, defined once with zod: each channel's input schema and output type, and the typed
 * events the engine sends. Two transports carry it and the renderer does not know which: Electron IPC (main
 * validates every input and the sender's frame; preload exposes exactly these channels) and the loopback
 * review bridge (`semioscope review`). Both call session/reviewService.ts; the renderer imports only types.
 */
import { z } from 'zod';
import { analysisSettingsSchema, usageErrorFrom } from './analysisSettings.ts';
import { modelChoiceSchema } from './modelChoice.ts';
import type { AnalysedRecording } from './analysedRecording.ts';
import { reviewChangeSchema, reviewEntrySchema, type ReviewState } from './clinicianReview.ts';
import { EXPORT_FORMATS, type ExportFormat } from './exportFormats.ts';
import type { ReviewDisagreements } from './reviewDisagreements.ts';
import type { AnalysisResult } from './analysisSchema.ts';
import type { AnalysisPlanEvent, AnswerArrivedEvent } from './liveAnswers.ts';
import type { ProgressEvent } from './progressEvent.ts';
import type { FeatureGroup, FeatureId } from '../semiology/featureCatalogue.ts';
import type { ErrorPayload } from '../errors.ts';

const sha256Input = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Open an analysed recording first.' });

/** Channel -> the schema of its one argument, and the type it resolves to. */
export const API_INPUTS = {
  'analysis:start': z.object({
    videoPath: z.string().min(1, { error: 'Drop or choose a recording first.' }),
    models: modelChoiceSchema,
    /** Settings the user changed; the rest take the engine's defaults. */
    settings: analysisSettingsSchema.optional(),
  }).strict(),
  'analysis:cancel': z.undefined(),
  /** Checks a model + projector pair with the engine's GGUF checks (nothing is loaded or started). */
  'models:check': z.object({
    model: z.string().min(1, { error: 'Choose the model file (GGUF) first.' }),
    mmproj: z.string().min(1, { error: 'Choose the projector file (mmproj GGUF) first.' }),
  }).strict(),
  /** The model pairs installed in the app's model folder (semioscope models list), with their files' paths. */
  'models:list': z.undefined(),
  /** Copies the model pairs in a folder (e.g. a USB stick) into the model folder, verified (semioscope models import). */
  'models:import': z.object({ folder: z.string().min(1, { error: 'Give the folder that holds the model files (e.g. the USB stick).' }) }).strict(),
  /** Makes a recording the user chose playable: answers a URL for `<video src>` serving that one file (with Range). */
  'media:open': z.object({ path: z.string().min(1, { error: 'Choose a recording to play first.' }) }).strict(),
  /** The waveform of a recording's audio for the audio lane (peaks per bin; the page never decodes the file). */
  'media:peaks': z.object({ path: z.string().min(1, { error: 'Choose a recording first.' }) }).strict(),
  /** Small JPEG stills of every frame, for instant seeks (built once per recording in the background: ask again until `ready`). */
  'media:stills': z.object({ path: z.string().min(1, { error: 'Choose a recording first.' }) }).strict(),
  /** The feature catalogue as the lanes and findings panel show it (the renderer imports no engine code). */
  'catalogue:get': z.undefined(),
  /** The recordings analysed on this workstation (from the answer cache), latest first. */
  'recordings:list': z.undefined(),
  /** Reopens an analysed recording: its stored analysis (no model asked, nothing decoded) and where its video is, when it is still there. */
  'analysis:open': z.object({ id: z.int({ error: 'Choose a recording from the list.' }).positive({ error: 'Choose a recording from the list.' }) }).strict(),
  /** The clinician's review of a recording (contract/clinicianReview.ts): the log and its folded state. */
  'review:get': z.object({ recordingSha256: sha256Input }).strict(),
  /** Records one change (a decision, an undo or the sign-off) as a new entry; answers the new state. */
  'review:record': z.object({
    recordingSha256: sha256Input,
    /** The analysis on screen (its id in the list of analyses), or null. */
    analysisId: z.int().positive().nullable(),
    reviewer: reviewEntrySchema.shape.reviewer,
    /** The latest entry of that feature (or sign-off) as the screen showed it; a stale one is refused. */
    replaces: z.int().positive().nullable(),
    change: reviewChangeSchema,
  }).strict(),
  /**
   * The model/measurement disagreements of an analysis its clinician has not decided (now, and at the latest
   * sign-off), from the stored analysis and the review log: what the sign-off dialog lists.
   */
  'review:disagreements': z.object({
    analysisId: z.int({ error: 'Open an analysed recording first.' }).positive({ error: 'Open an analysed recording first.' }),
  }).strict(),
  /** Writes the exports of an analysed recording with its review into the analysis's folder. */
  'review:export': z.object({
    analysisId: z.int({ error: 'Open an analysed recording first.' }).positive({ error: 'Open an analysed recording first.' }),
    formats: z.array(z.enum(EXPORT_FORMATS, { error: `Choose formats among ${EXPORT_FORMATS.join(', ')}.` })).min(1, { error: 'Choose at least one export format.' }).default([...EXPORT_FORMATS]),
  }).strict(),
} as const;

/** Parses a channel's input with its schema; a bad input is the engine's UsageError naming the field. */
export function parseApiInput<C extends ApiChannel>(channel: C, raw: unknown): z.output<(typeof API_INPUTS)[C]> {
  const r = API_INPUTS[channel].safeParse(raw);
  if (!r.success) throw usageErrorFrom(r.error, (p) => (p.length ? String(p.at(-1)) : undefined));
  return r.data as z.output<(typeof API_INPUTS)[C]>;
}

export interface ApiOutputs {
  'analysis:start': { analysis: AnalysisResult; jsonPath: string; pdfPath: string; id: number };
  'analysis:cancel': void;
  'models:list': { folder: string; pairs: InstalledModelPair[] };
  'models:import': { imported: Array<{ name: string; known: boolean; verifiedBy: InstalledModelPair['verifiedBy']; files: Array<{ fileName: string; action: 'copied' | 'skipped' }> }>; warnings: string[] };
  /** What the pair is, in the words the start screen shows; a pair that fails its checks is the engine's InputError. */
  'models:check': { model: { fileName: string; name: string; architecture: string }; mmproj: { fileName: string; projectorType: string | null }; hasVision: boolean; hasAudio: boolean };
  /** `url` serves only this file, under an id (never its path); `name` is its base name. */
  'media:open': { url: string; name: string };
  /** null when the recording has no audio track. */
  'media:peaks': { peaks: number[]; durationS: number; binsPerSecond: number } | null;
  /** Still i (frame i of the frame clock) is bytes offsets[i]..offsets[i+1]-1 of `url` (a Range request); `url` serves only that file. */
  'media:stills': { state: 'building'; percent: number } | { state: 'ready'; url: string; sha256: string; frames: number; fps: number; width: number; height: number; offsets: number[] };
  'catalogue:get': {
    features: Array<{ id: FeatureId; group: FeatureGroup; label: string; definition: string; lateralizes: boolean }>;
    groupLabels: Record<FeatureGroup, string>;
  };
  'recordings:list': { recordings: AnalysedRecording[] };
  'review:get': ReviewState;
  'review:record': ReviewState;
  'review:disagreements': ReviewDisagreements;
  /** The files written, each with its format, base name and full path (on this computer). */
  'review:export': { files: Array<{ format: ExportFormat; name: string; path: string }> };
  /**
   * `videoPath` is where the very recording that was analysed is (checked by its SHA-256), for `media:open`
   * (each shell serves media its own way); null when it was moved, deleted or changed, and `mediaProblem`
   * then says so and what to do.
   */
  'analysis:open': { analysis: AnalysisResult; videoPath: string | null; mediaProblem: { message: string; hint?: string } | null };
}

export type ApiChannel = keyof typeof API_INPUTS;
export type ApiInput<C extends ApiChannel> = z.input<(typeof API_INPUTS)[C]>;

/** What the renderer calls: one function per channel. */
export type ApiMethods = { [C in ApiChannel]: (input: ApiInput<C>) => Promise<ApiOutputs[C]> };

/** Events the engine sends to the renderer. */
export interface ApiEvents {
  'analysis:progress': ProgressEvent;
  /** A model import's copy: which file, how far. */
  'models:progress': { fileName: string; phase: 'copy' | 'hash'; bytesDone: number; totalBytes: number };
  /** The segments and pairs a run will ask, before its first answer. */
  'analysis:plan': AnalysisPlanEvent;
  /** Each answer as it arrives (from the cache or the model): the lanes fill live. */
  'analysis:answer': AnswerArrivedEvent;
}
export type ApiEventName = keyof ApiEvents;

export const API_CHANNELS = Object.keys(API_INPUTS) as ApiChannel[];
export const API_EVENTS = ['analysis:progress', 'analysis:plan', 'analysis:answer', 'models:progress'] as const satisfies readonly ApiEventName[];

/** An installed model pair as the start screen lists it. */
export interface InstalledModelPair {
  id: string;
  name: string;
  /** In the shipped manifest (a supported pair). */
  known: boolean;
  verifiedBy: 'manifest' | 'SHA256SUMS' | 'unverified';
  /** 'ok', or what is wrong with its files now (missing, changed size). */
  state: string;
  sizeBytes: number;
  sees: boolean;
  hears: boolean;
  model: string;
  mmproj: string;
}

/**
 * A channel's answer as data: its output, or the engine's error (class, message, hint, setting, exit code).
 * Electron's preload answers this way, because an Error rejected across contextBridge keeps only its message;
 * the renderer turns an error answer back into one error type whichever transport carried it.
 */
export type ApiReply<T> = { ok: true; output: T } | { ok: false; error: ErrorPayload };

/** The API as Electron's preload exposes it: each channel resolves to its ApiReply (never rejects for an engine error). */
export type RepliedReviewApi = { [C in ApiChannel]: (input: ApiInput<C>) => Promise<ApiReply<ApiOutputs[C]>> }
  & Omit<ReviewApi, ApiChannel>;

/** The whole API the renderer sees (from preload or the bridge client): the channels, and one `on:<event>` subscription per event. */
export type ReviewApi = ApiMethods & { [E in ApiEventName as `on:${E}`]: (listener: (payload: ApiEvents[E]) => void) => () => void } & {
  /** Not a channel: the path of a dropped or picked File (Electron's preload, webUtils.getPathForFile; File.path is gone since Electron 32). Absent in a browser. */
  pathForFile?: (file: File) => string;
};
