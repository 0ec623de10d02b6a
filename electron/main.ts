/**
 * The desktop shell: one window and the IPC handlers of the contract (electron/ipcHandlers.ts). Nothing
 * clinical is decided here.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_CHANNELS } from '../native-models/contract/reviewApi.ts';
import { createIpcHandlers } from './ipcHandlers.ts';

const rendererIndex = path.join(import.meta.dirname, '..', 'renderer', 'dist', 'index.html');

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280, height: 860, title: 'Semioscope',
    webPreferences: { preload: path.join(import.meta.dirname, 'preload.js'), contextIsolation: true, nodeIntegration: false, sandbox: true },
  });
  void win.loadFile(rendererIndex);
  return win;
}

void app.whenReady().then(() => {
  const handlers = createIpcHandlers({
    appOrigin: pathToFileURL(path.dirname(rendererIndex)).href,
    analysesDir: path.join(app.getPath('userData'), 'analyses'),
  });
  for (const channel of API_CHANNELS) {
    ipcMain.handle(channel, (event, raw: unknown) => handlers[channel](
      { frameUrl: event.senderFrame?.url, send: (name, payload) => event.sender.send(name, payload) }, raw));
  }
  createWindow();
});
app.on('window-all-closed', () => app.quit());
