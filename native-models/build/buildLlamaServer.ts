/**
 * Builds `llama-server` (with multimodal support, tools/mtmd) from the llama.cpp source that node-llama-cpp
 * ships as a git bundle, offline, into a cache outside the repository keyed by that source's commit.
 *
 *   npm run build:llama            build if not cached, print the binary's path
 *   npm run build:llama -- --force rebuild
 *
 * Why a sidecar and not node-llama-cpp's bindings: see README "Architecture". A build tool (layer 7): it
 * spawns cmake and git itself; the engine finds the result through vlm/llamaServerBinary.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, renameSync, copyFileSync, chmodSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cachedServerDir, findLlamaSource, LLAMA_SERVER_EXE, resolveLlamaServerBinary } from '../vlm/llamaServerBinary.ts';

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stderr.write(`$ ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with code ${code}`))));
  });
}

export interface BuildOptions {
  force?: boolean;
  jobs?: number;
}

export async function buildLlamaServer(options: BuildOptions = {}): Promise<string> {
  const { bundlePath, commit } = findLlamaSource();
  const outDir = cachedServerDir(commit);
  const binary = path.join(outDir, LLAMA_SERVER_EXE);
  if (existsSync(binary) && !options.force) return binary;

  const work = `${outDir}.build`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.dirname(work), { recursive: true });
  await run('git', ['clone', '--quiet', bundlePath, 'src'], (mkdirSync(work, { recursive: true }), work));
  const src = path.join(work, 'src');
  const hasNinja = (() => { try { execFileSync('ninja', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
  await run('cmake', [
    '-B', 'build', ...(hasNinja ? ['-G', 'Ninja'] : []),
    '-DCMAKE_BUILD_TYPE=Release', '-DGGML_NATIVE=ON', '-DLLAMA_OPENSSL=OFF', '-DLLAMA_CURL=OFF',
    // The prebuilt web UI is downloaded at configure time: it must stay off on an offline machine.
    '-DLLAMA_USE_PREBUILT_UI=OFF', '-DLLAMA_BUILD_UI=OFF',
    '-DLLAMA_BUILD_TESTS=OFF', '-DLLAMA_BUILD_EXAMPLES=OFF', '-DLLAMA_BUILD_APP=OFF', '-DBUILD_SHARED_LIBS=OFF',
  ], src);
  const jobs = String(options.jobs ?? Math.max(1, availableParallelism()));
  await run('cmake', ['--build', 'build', '-j', jobs, '--target', 'llama-server'], src);

  const built = path.join(src, 'build', 'bin');
  const staged = `${outDir}.staged`;
  rmSync(staged, { recursive: true, force: true });
  mkdirSync(staged, { recursive: true });
  for (const f of readdirSync(built)) {
    if (f.startsWith('llama-server') || /\.(so|dylib|dll)$/.test(f)) {
      copyFileSync(path.join(built, f), path.join(staged, f));
      chmodSync(path.join(staged, f), 0o755);
    }
  }
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staged, outDir);
  rmSync(work, { recursive: true, force: true });
  return binary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  const t0 = Date.now();
  const existing = force ? null : resolveLlamaServerBinary();
  buildLlamaServer({ force }).then((p) => {
    const s = ((Date.now() - t0) / 1000).toFixed(1);
    process.stdout.write(existing ? `llama-server (cached): ${p}\n` : `llama-server built in ${s} s: ${p}\n`);
  }, (e: Error) => {
    process.stderr.write(`build:llama failed: ${e.message}\nNeeds cmake, a C++ compiler and git (Debian: apt-get install cmake ninja-build g++ git).\n`);
    process.exit(1);
  });
}
