/** The API preload exposes (types only, from the IPC contract). */
import type { AnalyzeRequest, IpcApi, IpcEvents } from '../../electron/ipcContract.ts';

export interface SemioscopeApi {
  'analysis:start': IpcApi['analysis:start'];
  'analysis:cancel': IpcApi['analysis:cancel'];
  'on:analysis:progress': (listener: (p: IpcEvents['analysis:progress']) => void) => () => void;
}

export type { AnalyzeRequest };

export function api(): SemioscopeApi {
  return (window as unknown as { semioscope: SemioscopeApi }).semioscope;
}
