/**
 * Builds `llama-server` (with multimodal support, tools/mtmd) from the llama.cpp source that node-llama-cpp
 * ships as a git bundle, offline, into a cache outside the repository keyed by that source's commit and the
 * build options.
 *
 * The default build loads its ggml backends at run time (`GGML_BACKEND_DL`, shared libraries, `$ORIGIN`
 * run path) and gets its GPU backends from node-llama-cpp's prebuilt packages of the same llama.cpp release
 * (build/gpuBackendPackages.ts): `libggml-vulkan.so` (NVIDIA, AMD, Intel) and `libggml-cuda.so` are placed
 * beside the binary, where ggml looks for them. No GPU toolchain is needed here.
 *
 *   npm run build:llama                 build if not cached (CPU backend for this CPU), print the binary's path
 *   npm run build:llama -- --portable   every x86 CPU variant, chosen at run time (for packaging; much slower)
 *   npm run build:llama -- --cpu-only   the older static CPU-only build
 *   npm run build:llama -- --force      rebuild
 *
 * Why a sidecar and not node-llama-cpp's bindings: see README "Architecture". A build tool (layer 7): it
 * spawns cmake and git itself; the engine finds the result through vlm/llamaServerBinary.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, renameSync, copyFileSync, chmodSync, readdirSync, lstatSync, readlinkSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cachedServerDir, findLlamaSource, LLAMA_SERVER_EXE, type ServerBuildKind } from '../vlm/llamaServerBinary.ts';
import { readCpuFlags, x86FeatureOptions } from './cpuFeatureOptions.ts';
import { findPrebuiltBackends, readSourceRelease, type PrebuiltBackend } from './gpuBackendPackages.ts';

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
  /** dl-native (default), dl-portable (every CPU variant) or cpu (static, CPU only). */
  kind?: ServerBuildKind;
}

/** The file written beside the binary naming the GPU backends placed there and where they came from. */
export const BACKENDS_MANIFEST = 'gpu-backends.json';

/** cmake options of each build kind (after the common ones). */
export function cmakeOptionsOf(kind: ServerBuildKind): string[] {
  if (kind === 'cpu') return ['-DGGML_NATIVE=ON', '-DBUILD_SHARED_LIBS=OFF'];
  return ['-DGGML_BACKEND_DL=ON', '-DBUILD_SHARED_LIBS=ON',
    ...(kind === 'dl-portable' ? ['-DGGML_NATIVE=OFF', '-DGGML_CPU_ALL_VARIANTS=ON']
      // x86 refuses GGML_NATIVE with GGML_BACKEND_DL: name this CPU's instruction sets instead.
      : process.arch === 'x64' ? x86FeatureOptions(readCpuFlags()) : ['-DGGML_NATIVE=ON']),
    // The libraries find each other in the binary's folder wherever it is copied; unversioned names, as
    // node-llama-cpp's prebuilt backends expect (they need "libggml-base.so").
    '-DCMAKE_BUILD_RPATH_USE_ORIGIN=ON', '-DCMAKE_PLATFORM_NO_VERSIONED_SONAME=ON'];
}

/** True when the dynamic loader cannot find a library by its name (`ldconfig -p`, Linux). */
function libraryMissing(): (lib: string) => boolean {
  let listed = '';
  try { listed = execFileSync('ldconfig', ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch { /* none */ }
  return (lib) => !listed.includes(`${lib} `) && !(process.env.LD_LIBRARY_PATH ?? '').split(':').some((d) => d && existsSync(path.join(d, lib)));
}

/** A hard link where the file system allows it (a 150 MB CUDA backend costs no space), else a copy. */
function placeFile(from: string, to: string): void {
  rmSync(to, { force: true });
  try { linkSync(from, to); } catch { copyFileSync(from, to); }
}

/** Places the prebuilt GPU backends in the staged folder and writes the manifest. */
function placeGpuBackends(staged: string, backends: PrebuiltBackend[], skipped: string[]): void {
  for (const b of backends) {
    placeFile(b.library, path.join(staged, `libggml-${b.backend}.so`));
    process.stderr.write(`placed libggml-${b.backend}.so from ${b.packageName} ${b.packageVersion} (llama.cpp ${b.release}${b.note ? `, ${b.note}` : ''})\n`);
  }
  for (const s of skipped) process.stderr.write(`${s}\n`);
  writeFileSync(path.join(staged, BACKENDS_MANIFEST), `${JSON.stringify({
    backends: backends.map((b) => ({ backend: b.backend, file: `libggml-${b.backend}.so`, package: b.packageName, version: b.packageVersion, release: b.release, ...(b.note ? { note: b.note } : {}) })),
  }, null, 2)}\n`);
}

export async function buildLlamaServer(options: BuildOptions = {}): Promise<string> {
  const { bundlePath, commit } = findLlamaSource();
  const kind = options.kind ?? 'dl-native';
  const outDir = cachedServerDir(commit, kind);
  const binary = path.join(outDir, LLAMA_SERVER_EXE);
  // The release check comes first: a mismatch is refused before ten minutes of compiling.
  const gpu = kind === 'cpu' || process.platform !== 'linux'
    ? { backends: [], skipped: [] }
    : findPrebuiltBackends(readSourceRelease(path.dirname(bundlePath)), path.dirname(bundlePath), libraryMissing());
  if (existsSync(binary) && !options.force) {
    // Re-place the GPU backends (node-llama-cpp may have been updated to the same release, or newly installed).
    if (kind !== 'cpu') placeGpuBackends(outDir, gpu.backends, gpu.skipped);
    return binary;
  }

  const work = `${outDir}.build`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.dirname(work), { recursive: true });
  await run('git', ['clone', '--quiet', bundlePath, 'src'], (mkdirSync(work, { recursive: true }), work));
  const src = path.join(work, 'src');
  const hasNinja = (() => { try { execFileSync('ninja', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
  await run('cmake', [
    '-B', 'build', ...(hasNinja ? ['-G', 'Ninja'] : []),
    '-DCMAKE_BUILD_TYPE=Release', '-DLLAMA_OPENSSL=OFF', '-DLLAMA_CURL=OFF',
    // The prebuilt web UI is downloaded at configure time: it must stay off on an offline machine.
    '-DLLAMA_USE_PREBUILT_UI=OFF', '-DLLAMA_BUILD_UI=OFF',
    '-DLLAMA_BUILD_TESTS=OFF', '-DLLAMA_BUILD_EXAMPLES=OFF', '-DLLAMA_BUILD_APP=OFF', ...cmakeOptionsOf(kind),
  ], src);
  const jobs = String(options.jobs ?? Math.max(1, availableParallelism()));
  await run('cmake', ['--build', 'build', '-j', jobs, '--target', 'llama-server'], src);

  const built = path.join(src, 'build', 'bin');
  const staged = `${outDir}.staged`;
  rmSync(staged, { recursive: true, force: true });
  mkdirSync(staged, { recursive: true });
  for (const f of readdirSync(built)) {
    if (f.startsWith('llama-server') || /\.(so|dylib|dll)(\.[0-9.]+)?$/.test(f)) {
      const from = path.join(built, f);
      // Keep symbolic links as links: two copies of one library would be loaded twice.
      if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), path.join(staged, f));
      else {
        copyFileSync(from, path.join(staged, f));
        chmodSync(path.join(staged, f), 0o755);
      }
    }
  }
  if (kind !== 'cpu') placeGpuBackends(staged, gpu.backends, gpu.skipped);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staged, outDir);
  rmSync(work, { recursive: true, force: true });
  return binary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  const kind: ServerBuildKind = process.argv.includes('--cpu-only') ? 'cpu' : process.argv.includes('--portable') ? 'dl-portable' : 'dl-native';
  const jobsArg = process.argv.find((a) => /^-j\d+$/.test(a));
  const t0 = Date.now();
  const existing = !force && existsSync(path.join(cachedServerDir(findLlamaSource().commit, kind), LLAMA_SERVER_EXE));
  buildLlamaServer({ force, kind, ...(jobsArg ? { jobs: Number(jobsArg.slice(2)) } : {}) }).then((p) => {
    const s = ((Date.now() - t0) / 1000).toFixed(1);
    process.stdout.write(existing ? `llama-server (cached): ${p}\n` : `llama-server built in ${s} s: ${p}\n`);
  }, (e: Error) => {
    process.stderr.write(`build:llama failed: ${e.message}\nNeeds cmake, a C++ compiler and git (Debian: apt-get install cmake ninja-build g++ git).\n`);
    process.exit(1);
  });
}
