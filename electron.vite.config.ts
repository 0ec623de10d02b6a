/**
 * Builds the desktop app with electron-vite: main and the engine's utility process from electron/ (ESM, as
 * the package is "type": "module") with the engine's pose and audio worker threads, the preload as CommonJS (a sandboxed preload cannot be ESM), and the
 * React renderer from renderer/. Output: out/main, out/preload and renderer/dist (with `--outDir X`: X/main, X/preload, X/renderer).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Syntax Node 20 runs (the engine's `await using` lowered), as the CLI needs: Electron's own Node runs it
      // too, and the suite loads the bundled engine in the Node it tests with.
      target: 'node20',
      rolldownOptions: {
        // The engine's worker threads are entries of their own: bundled into engineProcess.js they could not
        // be started (a worker needs a file), and their source entries load TypeScript through tsx.
        input: {
          main: resolve(root, 'electron/main.ts'),
          engineProcess: resolve(root, 'electron/engineProcess.ts'),
          poseWorker: resolve(root, 'native-models/enhance/poseWorkerMain.ts'),
          audioWorker: resolve(root, 'native-models/enhance/audioWorkerMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload gets only a small require() (electron, events, timers, url): bundle everything.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      // renderer/dist: where the loopback review bridge serves it from too (`--outDir X` puts it in X/renderer).
      outDir: resolve(root, 'renderer/dist'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
