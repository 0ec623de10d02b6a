/**
 * The environment of the engine's utility process. In the packaged app the llama-server build ships in the
 * app's resources (electron-builder.yml: extraResources `llama-server/`), so the engine is told where it is
 * (SEMIOSCOPE_LLAMA_SERVER, which native-models/vlm/llamaServerBinary.ts reads), unless IT set it already.
 * When developing, the engine finds its build in the build cache as the CLI does.
 */
import path from 'node:path';

export function engineEnvironment(o: { isPackaged: boolean; resourcesPath: string; platform: NodeJS.Platform; env: NodeJS.ProcessEnv }): NodeJS.ProcessEnv {
  if (!o.isPackaged || o.env.SEMIOSCOPE_LLAMA_SERVER) return { ...o.env };
  const binary = path.join(o.resourcesPath, 'llama-server', o.platform === 'win32' ? 'llama-server.exe' : 'llama-server');
  return { ...o.env, SEMIOSCOPE_LLAMA_SERVER: binary };
}
