/**
 * Exposes the review API's channels and event subscriptions, and nothing else, to the renderer (context
 * isolation on, sandboxed): never the raw ipcRenderer or its event objects.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiChannel, ApiEvents, ApiMethods, ReviewApi } from '../native-models/contract/reviewApi.ts';

const invoke = <C extends ApiChannel>(channel: C) => ((input: unknown) => ipcRenderer.invoke(channel, input)) as ApiMethods[C];
const subscribe = <E extends keyof ApiEvents>(event: E) => (listener: (payload: ApiEvents[E]) => void) => {
  const wrapped = (_e: unknown, payload: ApiEvents[E]) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => { ipcRenderer.off(event, wrapped); };
};

const api = {
  'analysis:start': invoke('analysis:start'),
  'analysis:cancel': invoke('analysis:cancel'),
  'media:open': invoke('media:open'),
  'on:analysis:progress': subscribe('analysis:progress'),
} satisfies ReviewApi;

contextBridge.exposeInMainWorld('semioscope', api);
