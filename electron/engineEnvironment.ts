/**
 * The environment of the engine's utility process. The engine runs bundled (out/main/engineProcess.js), so its
 * worker threads are told where their bundled entries are (SEMIOSCOPE_POSE_WORKER, SEMIOSCOPE_AUDIO_WORKER,
 * read by native-models/enhance/poseEstimatorWorker.ts and enhanceAudioWorker.ts; electron.vite.config.ts
 * builds them beside it). In the packaged app the llama-server build ships in the app's resources
 * (electron-builder.yml: extraResources `llama-server/`), so the engine is told where it is
 * (SEMIOSCOPE_LLAMA_SERVER, which native-models/vlm/llamaServerBinary.ts reads), unless IT set it already.
 * When developing, the engine finds its llama-server build in the build cache as the CLI does.
 */
import path from 'node:path';

/** The worker threads' bundled entries, in the folder of the bundled main and engine (out/main). */
export const WORKER_BUNDLES = { SEMIOSCOPE_POSE_WORKER: 'poseWorker.js', SEMIOSCOPE_AUDIO_WORKER: 'audioWorker.js' } as const;

export function engineEnvironment(o: { isPackaged: boolean; resourcesPath: string; platform: NodeJS.Platform; env: NodeJS.ProcessEnv; mainDir: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...o.env };
  for (const [name, file] of Object.entries(WORKER_BUNDLES)) env[name] ??= path.join(o.mainDir, file);
  if (!o.isPackaged || o.env.SEMIOSCOPE_LLAMA_SERVER) return env;
  const binary = path.join(o.resourcesPath, 'llama-server', o.platform === 'win32' ? 'llama-server.exe' : 'llama-server');
  return { ...env, SEMIOSCOPE_LLAMA_SERVER: binary };
}
