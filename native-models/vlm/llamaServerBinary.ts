/**
 * Finds the llama-server binary at run time: an explicit path, SEMIOSCOPE_LLAMA_SERVER, or the one
 * `npm run build:llama` (build/buildLlamaServer.ts) cached for the llama.cpp source node-llama-cpp ships.
 * Reads the source's commit from the git bundle's header itself, so running needs no git.
 *
 * The cache holds one folder per build kind: `-dl-native` (backends loaded at run time, GPU backends placed
 * beside it: preferred), `-dl-portable` (the same with every CPU variant), `-cpu` (the older CPU-only build).
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheRoot } from '../platform/paths.ts';

export interface LlamaSource {
  bundlePath: string;
  commit: string;
}

export const LLAMA_SERVER_EXE = `llama-server${process.platform === 'win32' ? '.exe' : ''}`;

/** The commit a git bundle's header names first ("# v2 git bundle" then "<sha> <ref>" lines). */
export function bundleHeadCommit(bundlePath: string): string {
  const fd = openSync(bundlePath, 'r');
  let head: string;
  try {
    const b = Buffer.alloc(4096);
    head = b.subarray(0, readSync(fd, b, 0, b.length, 0)).toString('latin1');
  } finally {
    closeSync(fd);
  }
  const lines = head.split('\n');
  if (!/^# v[23] git bundle$/.test(lines[0] ?? '')) throw new Error(`${path.basename(bundlePath)} is not a git bundle`);
  const ref = lines.slice(1).find((l) => /^[0-9a-f]{40} /.test(l));
  if (!ref) throw new Error(`Cannot read the commit of ${path.basename(bundlePath)}`);
  return ref.slice(0, 40);
}

export function findLlamaSource(): LlamaSource {
  const require = createRequire(import.meta.url);
  // node-llama-cpp's exports map hides package.json: walk up from its entry point.
  let dir = path.dirname(require.resolve('node-llama-cpp'));
  while (!existsSync(path.join(dir, 'llama', 'gitRelease.bundle')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const bundlePath = path.join(dir, 'llama', 'gitRelease.bundle');
  if (!existsSync(bundlePath)) {
    throw new Error('The llama.cpp source bundle of node-llama-cpp is missing; reinstall dependencies with "npm ci".');
  }
  return { bundlePath, commit: bundleHeadCommit(bundlePath) };
}

/** Build kinds, best first: what `npm run build:llama` writes (see build/buildLlamaServer.ts). */
export const SERVER_BUILD_KINDS = ['dl-native', 'dl-portable', 'cpu'] as const;
export type ServerBuildKind = (typeof SERVER_BUILD_KINDS)[number];

export function cachedServerDir(commit: string, kind: ServerBuildKind = 'cpu'): string {
  return path.join(cacheRoot(), 'llama-server', `${commit.slice(0, 12)}-${process.platform}-${process.arch}-${kind}`);
}

/** Resolution order: explicit path, SEMIOSCOPE_LLAMA_SERVER, the build cache (best kind first). Null when none exists. */
export function resolveLlamaServerBinary(explicit?: string): string | null {
  for (const p of [explicit, process.env.SEMIOSCOPE_LLAMA_SERVER]) {
    if (p) return existsSync(p) ? p : null;
  }
  try {
    const { commit } = findLlamaSource();
    for (const kind of SERVER_BUILD_KINDS) {
      const p = path.join(cachedServerDir(commit, kind), LLAMA_SERVER_EXE);
      if (existsSync(p)) return p;
    }
    return null;
  } catch {
    return null;
  }
}
