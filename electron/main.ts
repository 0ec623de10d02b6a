/**
 * The desktop shell: one window, the typed IPC handlers (validate, call the engine, stream progress).
 * Nothing clinical is decided here. Model settings come from SEMIOSCOPE_MODEL / SEMIOSCOPE_MMPROJ until the
 * settings screen exists.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { AnswerCache, defaultCachePath } from '../native-models/cache/answerCache.ts';
import { demoModelPair } from '../native-models/demo/demoModel.ts';
import { analyzeRecording } from '../native-models/pipeline/analyzeRecording.ts';
import { writeFileAtomic } from '../native-models/pipeline/writeFileAtomic.ts';
import { writeReportPdf } from '../native-models/report/writeReportPdf.ts';
import { openLocalBackend } from '../native-models/vlm/modelBackend.ts';
import { validateAnalyzeRequest, type IpcApi } from './ipcContract.ts';

let current: AbortController | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280, height: 860, title: 'Semioscope',
    webPreferences: { preload: path.join(import.meta.dirname, 'preload.js'), contextIsolation: true, nodeIntegration: false, sandbox: true },
  });
  void win.loadFile(path.join(import.meta.dirname, '..', 'renderer', 'dist', 'index.html'));
  return win;
}

const handlers: { [K in keyof IpcApi]: (event: Electron.IpcMainInvokeEvent, ...args: Parameters<IpcApi[K]>) => ReturnType<IpcApi[K]> } = {
  'analysis:start': async (event, raw) => {
    const req = validateAnalyzeRequest(raw);
    current?.abort();
    current = new AbortController();
    const cache = new AnswerCache(defaultCachePath());
    const model = process.env.SEMIOSCOPE_MODEL
      ? { model: process.env.SEMIOSCOPE_MODEL, mmproj: process.env.SEMIOSCOPE_MMPROJ }
      : await demoModelPair();
    const backend = await openLocalBackend(model, 'vision', { fileSha256: cache.fileSha256.bind(cache) });
    try {
      const outDir = path.join(app.getPath('userData'), 'analyses', path.basename(req.videoPath).replace(/\W+/g, '_'));
      const analysis = await analyzeRecording({
        videoPath: req.videoPath, cache, backend, outDir, signal: current.signal,
        sampling: { fps: req.fps ?? 2, maxFrames: req.maxFrames ?? 60, frameSize: req.frameSize ?? 448, segmentS: 30, overlapS: 5 },
        onProgress: (p) => event.sender.send('analysis:progress', p),
      });
      writeFileAtomic(path.join(outDir, 'analysis.json'), JSON.stringify(analysis, null, 2));
      const reportPath = path.join(outDir, 'report.pdf');
      await writeReportPdf(analysis, reportPath, { baseDir: outDir });
      return { analysis, reportPath };
    } finally {
      await backend.dispose();
      cache.close();
    }
  },
  'analysis:cancel': async () => { current?.abort(); },
};

void app.whenReady().then(() => {
  for (const [channel, handler] of Object.entries(handlers)) ipcMain.handle(channel, handler as never);
  createWindow();
});
app.on('window-all-closed', () => app.quit());
