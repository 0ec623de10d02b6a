/**
 * The shell's IPC handlers: a call from any page but the app's own is refused before it reaches the review
 * service (session/reviewService.ts), which validates the input with the contract's schema and calls the
 * engine. Pure of Electron imports, so the checks are unit-tested in Node.
 */
import { UsageError } from '../native-models/errors.ts';
import type { ApiChannel, ApiEvents, ApiOutputs } from '../native-models/contract/reviewApi.ts';
import { createReviewService, type ReviewServiceOptions } from '../native-models/session/reviewService.ts';

/** Where a call came from (Electron's IpcMainInvokeEvent.senderFrame.url), and a way to answer with events. */
export interface IpcCaller {
  frameUrl: string | undefined;
  send: <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void;
}

export interface ShellContext extends ReviewServiceOptions {
  /** The URL prefix of the app's own page (file:// of renderer/dist, or the dev server). */
  appOrigin: string;
}

/** Refuses a call from any page but the app's own (a navigated or injected frame). */
export function assertTrustedSender(frameUrl: string | undefined, appOrigin: string): void {
  if (!frameUrl || !frameUrl.startsWith(appOrigin)) throw new UsageError('This request did not come from the Semioscope window and was refused.');
}

export function createIpcHandlers(ctx: ShellContext): { [C in ApiChannel]: (caller: IpcCaller, raw: unknown) => Promise<ApiOutputs[C]> } {
  const service = createReviewService(ctx);
  return {
    'analysis:start': async (caller, raw) => { assertTrustedSender(caller.frameUrl, ctx.appOrigin); return service['analysis:start'](raw, caller.send); },
    'analysis:cancel': async (caller, raw) => { assertTrustedSender(caller.frameUrl, ctx.appOrigin); return service['analysis:cancel'](raw, caller.send); },
  };
}
