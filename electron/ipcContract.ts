/**
 * The IPC contract between the desktop shell and the renderer, defined once with zod: each channel's input
 * schema and output type, and the typed events main sends. Main validates every input with these schemas
 * (and the sender's frame) before calling the engine; preload exposes exactly these channels; the renderer
 * imports only the types.
 */
import { z } from 'zod';
import { analysisSettingsSchema } from '../native-models/contract/analysisSettings.ts';
import { modelChoiceSchema } from '../native-models/contract/modelChoice.ts';
import type { AnalysisResult } from '../native-models/contract/analysisSchema.ts';
import type { ProgressEvent } from '../native-models/pipeline/progress.ts';

/** Channel -> the schema of its one argument, and the type it resolves to. */
export const IPC_INPUTS = {
  'analysis:start': z.object({
    videoPath: z.string().min(1, { error: 'Drop or choose a recording first.' }),
    models: modelChoiceSchema,
    /** Settings the user changed; the rest take the engine's defaults. */
    settings: analysisSettingsSchema.optional(),
  }).strict(),
  'analysis:cancel': z.undefined(),
} as const;

export interface IpcOutputs {
  'analysis:start': { analysis: AnalysisResult; jsonPath: string; pdfPath: string };
  'analysis:cancel': void;
}

export type IpcChannel = keyof typeof IPC_INPUTS;
export type IpcInput<C extends IpcChannel> = z.input<(typeof IPC_INPUTS)[C]>;

/** What the renderer calls: one function per channel. */
export type IpcApi = { [C in IpcChannel]: (input: IpcInput<C>) => Promise<IpcOutputs[C]> };

/** Events main sends to the renderer. */
export interface IpcEvents {
  'analysis:progress': ProgressEvent;
}
export type IpcEventName = keyof IpcEvents;

export const IPC_CHANNELS = Object.keys(IPC_INPUTS) as IpcChannel[];
export const IPC_EVENTS = ['analysis:progress'] as const satisfies readonly IpcEventName[];

/** The whole API preload exposes: the channels, and one `on:<event>` subscription per event. */
export type SemioscopeApi = IpcApi & { [E in IpcEventName as `on:${E}`]: (listener: (payload: IpcEvents[E]) => void) => () => void };
