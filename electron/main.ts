/**
 * The desktop shell's main process: one sandboxed window on the app's own scheme, every item of Electron's
 * security checklist wired from the pure modules in electron/security/, the media protocol
 * (electron/appProtocol.ts), and the IPC contract forwarded to the engine, which runs in a utility process
 * (electron/engineProcess.ts) so the window never freezes. Nothing clinical is decided here.
 */
import { app, BrowserWindow, ipcMain, protocol, session, utilityProcess, type UtilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { API_CHANNELS } from '../native-models/contract/reviewApi.ts';
import { remoteEndpoints } from '../native-models/contract/modelChoice.ts';
import { BackendError } from '../native-models/errors.ts';
import { answerAppRequest, mediaUrl, toResponse } from './appProtocol.ts';
import { OpenedMedia } from '../native-models/platform/openedMedia.ts';
import { createEngineClient, engineArgs, type EngineCall } from './engineProtocol.ts';
import { engineEnvironment } from './engineEnvironment.ts';
import { createIpcHandlers, toReply } from './ipcHandlers.ts';
import { forwardStills } from './stillsForward.ts';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security/appScheme.ts';
import { denyWebviewAttach, denyWindowOpen, guardNavigation } from './security/navigationGuards.ts';
import { beforeRequestDecision, normaliseOrigin } from './security/networkFilter.ts';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from './security/permissions.ts';
import { mainWindowOptions } from './security/windowOptions.ts';

const here = import.meta.dirname;
/** out/renderer beside out/main (electron-vite's layout), else renderer/dist of the app. */
const rendererDir = [path.join(here, '..', 'renderer'), path.join(app.getAppPath(), 'renderer', 'dist')]
  .find((d) => existsSync(path.join(d, 'index.html'))) ?? path.join(app.getAppPath(), 'renderer', 'dist');

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const openedFiles = new OpenedMedia();
/** Model servers the user configured (a remote endpoint in a start request); loopback is always allowed. */
const modelServerOrigins = new Set<string>();

// Every web contents, whatever created it: no navigation away, no new window, no webview.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => { guardNavigation(event, url); });
  contents.on('will-redirect', (event, url) => { guardNavigation(event, url); });
  contents.on('will-frame-navigate', (event) => { guardNavigation(event, event.url); });
  contents.on('will-attach-webview', (event) => { denyWebviewAttach(event); });
  contents.setWindowOpenHandler(denyWindowOpen);
});

let engine: UtilityProcess | null = null;
const listeners = new Set<(m: unknown) => void>();
function engineProcess(): UtilityProcess {
  if (engine) return engine;
  const child = utilityProcess.fork(path.join(here, 'engineProcess.js'), engineArgs({
    analysesDir: path.join(app.getPath('userData'), 'analyses'),
    dbPath: path.join(app.getPath('userData'), 'answers.sqlite'),
  }), { serviceName: 'Semioscope engine', env: engineEnvironment({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, platform: process.platform, env: process.env, mainDir: here }) });
  child.on('message', (m: unknown) => { for (const l of listeners) l(m); });
  child.on('exit', () => {
    engine = null;
    client.failPending(new BackendError('The analysis engine stopped unexpectedly.', { hint: 'Start the analysis again; what was answered is kept in the cache.' }));
  });
  engine = child;
  return child;
}
const client = createEngineClient({
  postMessage: (m: EngineCall) => engineProcess().postMessage(m),
  onMessage: (l) => { listeners.add(l); },
});

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(path.join(here, '..', 'preload', 'preload.cjs')));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX_URL);
  return win;
}

void app.whenReady().then(() => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(denyDevicePermission);
  ses.webRequest.onBeforeRequest((details, callback) => callback(beforeRequestDecision(details, { allowedOrigins: modelServerOrigins })));

  protocol.handle(APP_SCHEME, async (request) =>
    toResponse(await answerAppRequest(request.method, request.url, request.headers, { rendererDir, openedFiles }), request.method));

  const handlers = createIpcHandlers({
    appOrigin: APP_ORIGIN,
    service: client,
    local: {
      // Main serves the media (its protocol), so main keeps the list of opened files.
      'media:open': async ({ path: p }) => {
        const { id, file } = await openedFiles.open(p);
        return { url: mediaUrl(id), name: file.name };
      },
      // The engine builds the stills; main serves them (its registry, its URL).
      'media:stills': forwardStills((input) => client['media:stills'](input, () => {}), openedFiles, mediaUrl),
    },
    onValidInput: async (channel, input) => {
      if (channel !== 'analysis:start') return;
      const start = input as { videoPath: string; models: { main: { kind: string; endpoint?: string | string[] } } };
      await openedFiles.open(start.videoPath, 'videoPath');
      // Every server of the user's pool (and nothing else) may be reached.
      if (start.models.main.kind === 'remote' && start.models.main.endpoint) {
        for (const { url } of remoteEndpoints(start.models.main.endpoint)) {
          const origin = normaliseOrigin(url);
          if (origin) modelServerOrigins.add(origin);
        }
      }
    },
  });
  for (const channel of API_CHANNELS) {
    // The answer is an ApiReply: an error keeps its message, hint, setting and exit code (a thrown error would
    // reach the renderer as "Error invoking remote method ..."); the preload passes it on, the renderer unwraps it.
    ipcMain.handle(channel, (event, raw: unknown) => toReply<unknown>(handlers[channel](
      { frameUrl: event.senderFrame?.url, send: (name, payload) => event.sender.send(name, payload) }, raw)));
  }
  createWindow();
});
app.on('window-all-closed', () => { engine?.kill(); app.quit(); });
