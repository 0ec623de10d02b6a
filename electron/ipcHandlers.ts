/**
 * The shell's IPC handlers: a call from any page but the app's own is refused, and its input is validated
 * with the contract's schema, before it reaches the review service (session/reviewService.ts, in the engine's
 * utility process through electron/engineProtocol.ts). Pure of Electron
 * imports, so the checks are unit-tested in Node.
 */
import { toErrorPayload, UsageError } from '../native-models/errors.ts';
import { API_CHANNELS, parseApiInput, type ApiChannel, type ApiEvents, type ApiOutputs, type ApiReply } from '../native-models/contract/reviewApi.ts';
import type { EmitEvent } from '../native-models/session/reviewService.ts';

/** The review service's channel methods (what the engine process client provides too). */
export type ServiceMethods = { [C in ApiChannel]: (raw: unknown, emit: EmitEvent) => Promise<ApiOutputs[C]> };

/** Where a call came from (Electron's IpcMainInvokeEvent.senderFrame.url), and a way to answer with events. */
export interface IpcCaller {
  frameUrl: string | undefined;
  send: <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void;
}

export interface ShellContext {
  /** The URL prefix of the app's own page (file:// of renderer/dist, or the dev server). */
  appOrigin: string;
  /** Where the calls go: main passes the engine process's client (the engine is not loaded in main). */
  service: ServiceMethods;
  /** Channels answered in this process instead (main: `media:open`, as main's protocol serves the media). */
  local?: { [C in ApiChannel]?: (input: ReturnType<typeof parseApiInput<C>>) => Promise<ApiOutputs[C]> };
  /** Called with each valid input before it is forwarded (main allows the opened recording, notes a model server). */
  onValidInput?: <C extends ApiChannel>(channel: C, input: ReturnType<typeof parseApiInput<C>>) => Promise<void> | void;
}

/** Refuses a call from any page but the app's own (a navigated or injected frame). */
export function assertTrustedSender(frameUrl: string | undefined, appOrigin: string): void {
  if (!frameUrl || (frameUrl !== appOrigin && !frameUrl.startsWith(appOrigin.endsWith('/') ? appOrigin : `${appOrigin}/`))) throw new UsageError('This request did not come from the Semioscope window and was refused.');
}

export function createIpcHandlers(ctx: ShellContext): { [C in ApiChannel]: (caller: IpcCaller, raw: unknown) => Promise<ApiOutputs[C]> } {
  const service = ctx.service;
  const handler = <C extends ApiChannel>(channel: C) => async (caller: IpcCaller, raw: unknown): Promise<ApiOutputs[C]> => {
    assertTrustedSender(caller.frameUrl, ctx.appOrigin);
    const input = parseApiInput(channel, raw);
    await ctx.onValidInput?.(channel, input);
    const local = ctx.local?.[channel] as ((i: typeof input) => Promise<ApiOutputs[C]>) | undefined;
    if (local) return local(input);
    return service[channel](raw, caller.send) as Promise<ApiOutputs[C]>;
  };
  return Object.fromEntries(API_CHANNELS.map((c) => [c, handler(c)])) as { [C in ApiChannel]: (caller: IpcCaller, raw: unknown) => Promise<ApiOutputs[C]> };
}

/**
 * A handler's answer as it goes back over IPC: the output, or the error as data (class, message, hint,
 * setting, exit code), since an Error thrown from ipcMain.handle reaches the page as "Error invoking remote
 * method ..." and one rejected across contextBridge keeps only its message.
 */
export function toReply<T>(answer: Promise<T>): Promise<ApiReply<T>> {
  return answer.then((output) => ({ ok: true as const, output }), (e: unknown) => ({ ok: false as const, error: toErrorPayload(e) }));
}
