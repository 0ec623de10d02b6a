/**
 * The GPU devices a llama-server binary can use: `llama-server --list-devices` (it loads the ggml backends
 * beside it and prints each non-CPU device), plus which GPU backend libraries lie beside it. Asked once per
 * binary and environment (GGML_VK_VISIBLE_DEVICES, CUDA_VISIBLE_DEVICES change the answer).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { redactPaths, runProcess } from '../platform/runProcess.ts';
import { parseDeviceList, type GpuBackend, type ServerDevice } from './chooseComputeBackend.ts';

export interface ListedDevices {
  devices: ServerDevice[];
  /** GPU backend libraries beside the binary (`libggml-vulkan.so`, `libggml-cuda.so`). */
  available: GpuBackend[];
  /** Why the list could not be read, when it could not. */
  error?: string;
}

const known = new Map<string, Promise<ListedDevices>>();

export function gpuLibrariesBeside(binary: string): GpuBackend[] {
  const dir = path.dirname(binary);
  const ext = process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so';
  const prefix = process.platform === 'win32' ? 'ggml-' : 'libggml-';
  return (['vulkan', 'cuda'] as const).filter((b) => existsSync(path.join(dir, `${prefix}${b}.${ext}`)));
}

export function listServerDevices(binary: string): Promise<ListedDevices> {
  const key = `${binary}\0${process.env.GGML_VK_VISIBLE_DEVICES ?? ''}\0${process.env.CUDA_VISIBLE_DEVICES ?? ''}`;
  let listed = known.get(key);
  if (!listed) {
    const available = gpuLibrariesBeside(binary);
    // Initialising a GPU driver (or the software Vulkan device) can take several seconds.
    listed = runProcess(binary, ['--list-devices'], { timeoutMs: 60_000 })
      .then((r) => {
        const text = r.stdout.toString('utf8');
        if (r.code !== 0 || !/Available devices/.test(text)) {
          return { devices: [], available, error: `llama-server --list-devices failed (exit ${r.code}): ${redactPaths(r.stderr.trim().split('\n').slice(-2).join(' '))}` };
        }
        return { devices: parseDeviceList(text), available };
      })
      .catch((e: Error) => ({ devices: [], available, error: redactPaths(e.message) }));
    known.set(key, listed);
  }
  return listed;
}
