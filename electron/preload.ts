/**
 * Exposes the review API's channels and event subscriptions, and nothing else, to the renderer (context
 * isolation on, sandboxed, built as CommonJS): never the raw ipcRenderer or its event objects. Each channel
 * answers with its ApiReply (contract/reviewApi.ts). Plus one helper
 * that is not a channel: `pathForFile`, the path of a dropped or picked file (webUtils.getPathForFile; Electron
 * >= 32 has no File.path).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiChannel, ApiEvents, RepliedReviewApi } from '../native-models/contract/reviewApi.ts';

/**
 * Main answers every call with an ApiReply (electron/main.ts): the output, or the engine's error as data. It
 * is passed on as it is: an Error rejected across contextBridge would keep only its message, losing the hint,
 * the setting and the exit code; the renderer (renderer/src/semioscopeApi.ts) turns it back into an error.
 */
const invoke = <C extends ApiChannel>(channel: C) => ((input: unknown) => ipcRenderer.invoke(channel, input)) as RepliedReviewApi[C];
const subscribe = <E extends keyof ApiEvents>(event: E) => (listener: (payload: ApiEvents[E]) => void) => {
  const wrapped = (_e: unknown, payload: ApiEvents[E]) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => { ipcRenderer.off(event, wrapped); };
};

// Channel names are written out (not imported from the contract): the sandboxed preload bundles no zod.
const api = {
  'analysis:start': invoke('analysis:start'),
  'analysis:cancel': invoke('analysis:cancel'),
  'media:open': invoke('media:open'),
  'catalogue:get': invoke('catalogue:get'),
  'recordings:list': invoke('recordings:list'),
  'analysis:open': invoke('analysis:open'),
  'models:check': invoke('models:check'),
  'models:list': invoke('models:list'),
  'models:import': invoke('models:import'),
  'review:get': invoke('review:get'),
  'review:record': invoke('review:record'),
  'review:export': invoke('review:export'),
  'review:disagreements': invoke('review:disagreements'),
  'media:peaks': invoke('media:peaks'),
  'media:stills': invoke('media:stills'),
  'on:analysis:progress': subscribe('analysis:progress'),
  'on:analysis:plan': subscribe('analysis:plan'),
  'on:analysis:answer': subscribe('analysis:answer'),
  'on:models:progress': subscribe('models:progress'),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
} satisfies RepliedReviewApi;

contextBridge.exposeInMainWorld('semioscope', api);
