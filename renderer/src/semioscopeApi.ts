/** The API preload exposes (types only, from the IPC contract). */
import type { SemioscopeApi } from '../../electron/ipcContract.ts';

export type { SemioscopeApi };

export function api(): SemioscopeApi {
  return (window as unknown as { semioscope: SemioscopeApi }).semioscope;
}
