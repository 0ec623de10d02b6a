/**
 * Packages the desktop app with electron-builder, offline: from an unpacked Electron (or its release zip),
 * with the llama-server build from the build cache as an extra resource, and better-sqlite3 rebuilt for
 * Electron's ABI against Electron's own headers (no download from electronjs.org or GitHub).
 *
 *   npm run package -- --dir            an unpacked app in out/dist (the offline path; installers need
 *                                       electron-builder's AppImage/NSIS tools, fetched on a connected machine)
 *   npm run package -- --electron-dist DIR|ZIP --electron-headers DIR|TAR.GZ --no-build
 *
 * What it needs, and where it looks (README "Release procedure" says how to get them on a connected machine):
 *   Electron   --electron-dist, SEMIOSCOPE_ELECTRON_DIST, node_modules/electron/dist, <cache>/electron/<version>/
 *   headers    --electron-headers, SEMIOSCOPE_ELECTRON_HEADERS, <cache>/electron/<version>/ (node_headers/ or the
 *              node-v<version>-headers.tar.gz there, unpacked on first use), ~/.electron-gyp/<version>/
 *   llama-server  the `npm run build:llama -- --portable` build (any x86-64 CPU), else this machine's build
 * A build tool (layer 7): it spawns electron-vite, tar and electron-builder itself.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { cacheRoot } from '../platform/paths.ts';
import { cachedServerDir, findLlamaSource, LLAMA_SERVER_EXE, type ServerBuildKind } from '../vlm/llamaServerBinary.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Target {
  version: string;
  platform: NodeJS.Platform;
  arch: string;
}

/** electron-builder's and Electron's release names of the platform. */
const platformName = (p: NodeJS.Platform): string => (p === 'win32' ? 'win32' : p === 'darwin' ? 'darwin' : 'linux');
const executableOf = (p: NodeJS.Platform): string => (p === 'win32' ? 'electron.exe' : p === 'darwin' ? 'Electron.app' : 'electron');

export function electronZipName(t: Target): string {
  return `electron-v${t.version}-${platformName(t.platform)}-${t.arch}.zip`;
}

export function electronCacheDir(version: string, root = cacheRoot()): string {
  return path.join(root, 'electron', version);
}

/** The places an unpacked Electron (or its release zip) is looked for, in order; one given by flag or variable is the only one. */
export function electronDistCandidates(t: Target, o: { explicit?: string; env?: NodeJS.ProcessEnv; repo?: string; cache?: string } = {}): string[] {
  const chosen = o.explicit || (o.env ?? process.env).SEMIOSCOPE_ELECTRON_DIST;
  if (chosen) return [path.resolve(chosen)];
  return [path.join(o.repo ?? REPO, 'node_modules', 'electron', 'dist'), electronCacheDir(t.version, o.cache)];
}

/** What a candidate holds: the zip, an unpacked Electron of the right version, or why not. */
export function inspectElectronDist(candidate: string, t: Target): { ok: string } | { no: string } {
  if (!existsSync(candidate)) return { no: 'does not exist' };
  if (statSync(candidate).isFile()) {
    return path.basename(candidate) === electronZipName(t) ? { ok: candidate } : { no: `is not ${electronZipName(t)}` };
  }
  if (existsSync(path.join(candidate, electronZipName(t)))) return { ok: candidate };
  if (!existsSync(path.join(candidate, executableOf(t.platform)))) return { no: `has neither ${electronZipName(t)} nor an unpacked Electron (${executableOf(t.platform)})` };
  const versionFile = path.join(candidate, 'version');
  const found = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : 'unknown';
  return found === t.version ? { ok: candidate } : { no: `holds Electron ${found}, not ${t.version}` };
}

/** The unpacked Electron (or release zip) to package from; an actionable UsageError when there is none. */
export function findElectronDist(t: Target, o: Parameters<typeof electronDistCandidates>[1] = {}): string {
  const tried: string[] = [];
  for (const c of electronDistCandidates(t, o)) {
    const r = inspectElectronDist(c, t);
    if ('ok' in r) return r.ok;
    tried.push(`  ${c}: ${r.no}`);
  }
  const zip = electronZipName(t);
  const dir = electronCacheDir(t.version, o.cache);
  throw new UsageError(`No unpacked Electron ${t.version} for ${platformName(t.platform)}-${t.arch}: electron-builder cannot package offline without one.\n` +
    `Looked in:\n${tried.join('\n')}\n` +
    `Put the Electron release zip ${zip} (or an unpacked Electron ${t.version} folder) in ${dir}/, or pass --electron-dist DIR|ZIP or set SEMIOSCOPE_ELECTRON_DIST.`, {
    hint: `On a connected machine download https://github.com/electron/electron/releases/download/v${t.version}/${zip} and check it against ` +
      `SHASUMS256.txt of the same release (or run "npm install" there without ELECTRON_SKIP_BINARY_DOWNLOAD: it unpacks Electron into node_modules/electron/dist), ` +
      `then copy it to this machine (README "Release procedure").`,
  });
}

/** A folder with include/node/node_version.h of Electron's Node, unpacking the release's headers tarball if needed. */
export async function findElectronHeaders(t: Target, o: { explicit?: string; env?: NodeJS.ProcessEnv; cache?: string; home?: string } = {}): Promise<string> {
  const env = o.env ?? process.env;
  const cacheDir = electronCacheDir(t.version, o.cache);
  const tarName = `node-v${t.version}-headers.tar.gz`;
  const candidates = [o.explicit, env.SEMIOSCOPE_ELECTRON_HEADERS, path.join(cacheDir, 'node_headers'), path.join(cacheDir, tarName), path.join(o.home ?? homedir(), '.electron-gyp', t.version)]
    .filter((p): p is string => Boolean(p));
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    if (statSync(c).isFile() && c.endsWith('.tar.gz')) {
      const out = path.join(path.dirname(c), 'node_headers.unpacking');
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      await run('tar', ['-xzf', c, '-C', out, '--strip-components=1'], REPO);
      const final = path.join(path.dirname(c), 'node_headers');
      rmSync(final, { recursive: true, force: true });
      renameSync(out, final);
      if (existsSync(path.join(final, 'include', 'node', 'node_version.h'))) return final;
      continue;
    }
    if (existsSync(path.join(c, 'include', 'node', 'node_version.h'))) return c;
  }
  throw new UsageError(`Electron ${t.version}'s C headers are missing: better-sqlite3 must be rebuilt for Electron's ABI with them, and cannot be downloaded here.\n` +
    `Looked in: ${candidates.join(', ')}.`, {
    hint: `On a connected machine download https://www.electronjs.org/headers/v${t.version}/${tarName}` +
      `${t.platform === 'win32' ? ` and https://www.electronjs.org/headers/v${t.version}/win-${t.arch}/node.lib` : ''} and put it in ${cacheDir}/ (or pass --electron-headers).`,
  });
}

/** The llama-server build to ship: the portable one (every x86-64 CPU), else this machine's, else the CPU-only one. */
export function findServerBuild(commit: string): { dir: string; kind: ServerBuildKind } {
  for (const kind of ['dl-portable', 'dl-native', 'cpu'] as const) {
    const dir = cachedServerDir(commit, kind);
    if (existsSync(path.join(dir, LLAMA_SERVER_EXE))) return { dir, kind };
  }
  throw new UsageError('No llama-server build in the build cache.', { hint: 'Run "npm run build:llama -- --portable" first (it builds offline from the bundled llama.cpp source).' });
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stderr.write(`$ ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited with code ${code}`))));
  });
}

/** Copies the server build into out/llama-server (links kept as links), where electron-builder.yml takes it from. */
function stageServer(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) {
    const src = path.join(from, f);
    if (lstatSync(src).isSymbolicLink()) symlinkSync(readlinkSync(src), path.join(to, f));
    else if (lstatSync(src).isFile()) copyFileSync(src, path.join(to, f));
  }
}

export async function packageApp(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({ args: argv, strict: true, options: {
    dir: { type: 'boolean' }, 'electron-dist': { type: 'string' }, 'electron-headers': { type: 'string' }, 'no-build': { type: 'boolean' },
  } });
  const version = JSON.parse(readFileSync(path.join(REPO, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
  const t: Target = { version, platform: process.platform, arch: process.arch };
  // Everything that can be missing is checked before anything is built.
  const dist = findElectronDist(t, { explicit: v['electron-dist'] });
  const headers = await findElectronHeaders(t, { explicit: v['electron-headers'] });
  const server = findServerBuild(findLlamaSource().commit);
  if (server.kind !== 'dl-portable') process.stderr.write(`package: shipping the ${server.kind} llama-server build: it may need this machine's CPU features; build with "npm run build:llama -- --portable" for other PCs\n`);
  stageServer(server.dir, path.join(REPO, 'out', 'llama-server'));
  const bin = (n: string) => path.join(REPO, 'node_modules', '.bin', process.platform === 'win32' ? `${n}.cmd` : n);
  if (!v['no-build']) await run(bin('electron-vite'), ['build'], REPO);
  // node-gyp (inside electron-builder's rebuild) builds against these headers instead of downloading them.
  const env = { ...process.env, npm_config_nodedir: headers, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  await run(bin('electron-builder'), [`--${platformName(t.platform) === 'win32' ? 'win' : platformName(t.platform) === 'darwin' ? 'mac' : 'linux'}`,
    ...(v.dir ? ['--dir'] : []), '--publish', 'never', `-c.electronDist=${dist}`], REPO, env);
  process.stderr.write(`package: done: ${path.join(REPO, 'out', 'dist')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  packageApp(process.argv.slice(2)).catch((e: unknown) => {
    const err = e as UsageError;
    process.stderr.write(`package: ${err.message}\n${err.hint ? `${err.hint}\n` : ''}`);
    process.exit(err instanceof UsageError ? err.exitCode : 1);
  });
}
