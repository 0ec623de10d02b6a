/**
 * Exposes the IPC contract's channels and event subscriptions, and nothing else, to the renderer (context
 * isolation on, sandboxed): never the raw ipcRenderer or its event objects.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcApi, IpcChannel, IpcEvents, SemioscopeApi } from './ipcContract.ts';

const invoke = <C extends IpcChannel>(channel: C) => ((input: unknown) => ipcRenderer.invoke(channel, input)) as IpcApi[C];
const subscribe = <E extends keyof IpcEvents>(event: E) => (listener: (payload: IpcEvents[E]) => void) => {
  const wrapped = (_e: unknown, payload: IpcEvents[E]) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => { ipcRenderer.off(event, wrapped); };
};

const api = {
  'analysis:start': invoke('analysis:start'),
  'analysis:cancel': invoke('analysis:cancel'),
  'on:analysis:progress': subscribe('analysis:progress'),
} satisfies SemioscopeApi;

contextBridge.exposeInMainWorld('semioscope', api);
