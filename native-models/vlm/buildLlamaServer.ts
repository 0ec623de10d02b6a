/**
 * Builds `llama-server` (with multimodal support, tools/mtmd) from the llama.cpp source that node-llama-cpp
 * ships as a git bundle, offline, into a cache outside the repository keyed by that source's commit.
 *
 *   npm run build:llama            build if not cached, print the binary's path
 *   npm run build:llama -- --force rebuild
 *
 * Why a sidecar and not node-llama-cpp's bindings: see README "Architecture".
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, renameSync, copyFileSync, chmodSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LlamaSource {
  bundlePath: string;
  commit: string;
}

export function cacheRoot(): string {
  const base = process.env.SEMIOSCOPE_CACHE_DIR
    ?? (process.env.XDG_CACHE_HOME ? path.join(process.env.XDG_CACHE_HOME, 'semioscope') : path.join(homedir(), '.cache', 'semioscope'));
  return base;
}

export function findLlamaSource(): LlamaSource {
  const require = createRequire(import.meta.url);
  // node-llama-cpp's exports map hides package.json: walk up from its entry point.
  let dir = path.dirname(require.resolve('node-llama-cpp'));
  while (!existsSync(path.join(dir, 'llama', 'gitRelease.bundle')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const bundlePath = path.join(dir, 'llama', 'gitRelease.bundle');
  if (!existsSync(bundlePath)) {
    throw new Error(`llama.cpp source bundle not found at ${bundlePath}; reinstall dependencies with "npm ci".`);
  }
  const heads = execFileSync('git', ['bundle', 'list-heads', bundlePath], { encoding: 'utf8' });
  const commit = heads.trim().split(/\s+/)[0];
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) throw new Error(`Cannot read the commit of ${bundlePath}`);
  return { bundlePath, commit };
}

const exe = process.platform === 'win32' ? '.exe' : '';

export function cachedServerDir(commit: string): string {
  return path.join(cacheRoot(), 'llama-server', `${commit.slice(0, 12)}-${process.platform}-${process.arch}-cpu`);
}

/** Resolution order: explicit path, SEMIOSCOPE_LLAMA_SERVER, the build cache. Null when none exists. */
export function resolveLlamaServerBinary(explicit?: string): string | null {
  for (const p of [explicit, process.env.SEMIOSCOPE_LLAMA_SERVER]) {
    if (p) return existsSync(p) ? p : null;
  }
  try {
    const { commit } = findLlamaSource();
    const p = path.join(cachedServerDir(commit), `llama-server${exe}`);
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

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
  const binary = path.join(outDir, `llama-server${exe}`);
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
  const jobs = String(options.jobs ?? Math.max(1, (await import('node:os')).availableParallelism()));
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
