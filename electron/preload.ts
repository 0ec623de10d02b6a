/** Exposes the IPC contract's channels, and nothing else, to the renderer (context isolation on). */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, IPC_EVENTS } from './ipcContract.ts';

const api: Record<string, unknown> = {};
for (const channel of IPC_CHANNELS) api[channel] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
for (const event of IPC_EVENTS) {
  api[`on:${event}`] = (listener: (payload: unknown) => void) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.off(event, wrapped);
  };
}
contextBridge.exposeInMainWorld('semioscope', api);
