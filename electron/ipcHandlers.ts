/**
 * The shell's IPC handlers: each validates its input with the contract's schema and checks that the call
 * comes from the app's own page before it reaches the engine (the same analysis session as the CLI, so no
 * second set of defaults). Pure of Electron imports, so the checks are unit-tested in Node.
 */
import path from 'node:path';
import type { z } from 'zod';
import { usageErrorFrom } from '../native-models/contract/analysisSettings.ts';
import { UsageError } from '../native-models/errors.ts';
import { AnalysisSession } from '../native-models/session/analysisSession.ts';
import { IPC_INPUTS, type IpcChannel, type IpcEvents, type IpcOutputs } from './ipcContract.ts';

/** Where a call came from (Electron's IpcMainInvokeEvent.senderFrame.url), and a way to answer with events. */
export interface IpcCaller {
  frameUrl: string | undefined;
  send: <E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]) => void;
}

export interface ShellContext {
  /** The URL prefix of the app's own page (file:// of renderer/dist, or the dev server). */
  appOrigin: string;
  dbPath?: string;
  /** Where each recording's outputs go. */
  analysesDir: string;
}

/** Refuses a call from any page but the app's own (a navigated or injected frame). */
export function assertTrustedSender(frameUrl: string | undefined, appOrigin: string): void {
  if (!frameUrl || !frameUrl.startsWith(appOrigin)) throw new UsageError('This request did not come from the Semioscope window and was refused.');
}

/** Parses a channel's input with its schema; a bad input is a UsageError naming the field. */
export function parseIpcInput<C extends IpcChannel>(channel: C, raw: unknown): z.output<(typeof IPC_INPUTS)[C]> {
  const r = IPC_INPUTS[channel].safeParse(raw);
  if (!r.success) throw usageErrorFrom(r.error, (p) => (p.length ? String(p.at(-1)) : undefined));
  return r.data as z.output<(typeof IPC_INPUTS)[C]>;
}

export function createIpcHandlers(ctx: ShellContext) {
  let current: AbortController | null = null;
  const handlers: { [C in IpcChannel]: (caller: IpcCaller, raw: unknown) => Promise<IpcOutputs[C]> } = {
    'analysis:start': async (caller, raw) => {
      assertTrustedSender(caller.frameUrl, ctx.appOrigin);
      const req = parseIpcInput('analysis:start', raw);
      current?.abort();
      const controller = new AbortController();
      current = controller;
      await using session = await AnalysisSession.open({ models: req.models, settings: req.settings, dbPath: ctx.dbPath, signal: controller.signal });
      const outDir = path.join(ctx.analysesDir, path.basename(req.videoPath).replace(/\W+/g, '_'));
      return session.analyze({ videoPath: req.videoPath, outDir, signal: controller.signal, onProgress: (p) => caller.send('analysis:progress', p) });
    },
    'analysis:cancel': async (caller, raw) => {
      assertTrustedSender(caller.frameUrl, ctx.appOrigin);
      parseIpcInput('analysis:cancel', raw);
      current?.abort();
    },
  };
  return handlers;
}
