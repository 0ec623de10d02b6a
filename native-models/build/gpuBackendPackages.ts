/**
 * The GPU backends llama-server loads at run time come from node-llama-cpp's own prebuilt packages
 * (`@node-llama-cpp/linux-x64-vulkan`, `-cuda`, `-cuda-ext`), so no GPU toolchain is needed here. They are
 * only ABI-compatible with a ggml built from the same llama.cpp release: this file finds the packages, reads
 * the release their build metadata names, and refuses a mismatch with the bundled source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type GpuBackendName = 'vulkan' | 'cuda';

/** What `_nlcBuildMetadata.json` says about a prebuilt package (the fields used here). */
export interface PrebuiltMetadata {
  gpu: string;
  repo: string;
  release: string;
}

/** One backend library to place beside llama-server. */
export interface PrebuiltBackend {
  backend: GpuBackendName;
  packageName: string;
  packageVersion: string;
  release: string;
  /** The library to place as `libggml-<backend>.so`. */
  library: string;
  note?: string;
}

/** The bundled source's release (`node-llama-cpp/llama/llama.cpp.info.json`: {tag, llamaCppGithubRepo}). */
export interface SourceRelease {
  repo: string;
  release: string;
}

export function parseBuildMetadata(json: string): PrebuiltMetadata {
  const m = JSON.parse(json) as { buildOptions?: { gpu?: unknown; llamaCpp?: { repo?: unknown; release?: unknown } } };
  const o = m.buildOptions;
  if (!o || typeof o.llamaCpp?.release !== 'string' || typeof o.llamaCpp.repo !== 'string') {
    throw new Error('build metadata names no llama.cpp release');
  }
  return { gpu: String(o.gpu ?? ''), repo: o.llamaCpp.repo, release: o.llamaCpp.release };
}

/** Null when the prebuilt library matches the source; otherwise the sentence that refuses it. */
export function releaseMismatch(packageName: string, meta: PrebuiltMetadata, source: SourceRelease): string | null {
  if (meta.repo === source.repo && meta.release === source.release) return null;
  return `${packageName} was built from ${meta.repo} ${meta.release}, but the bundled llama.cpp source is ${source.repo} ${source.release}: `
    + 'its GPU backend would not match the llama-server built here. Install the node-llama-cpp packages of one version (npm ci), '
    + 'or build without GPU backends (npm run build:llama -- --cpu-only).';
}

function packageDir(require: NodeJS.Require, name: string): string | null {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    // The packages' exports map may hide package.json: resolve the entry point and walk up.
    try {
      let dir = path.dirname(require.resolve(name));
      while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
      return existsSync(path.join(dir, 'package.json')) ? dir : null;
    } catch {
      return null;
    }
  }
}

/** The bundled source's release, read beside its git bundle. */
export function readSourceRelease(llamaDir: string): SourceRelease {
  const info = JSON.parse(readFileSync(path.join(llamaDir, 'llama.cpp.info.json'), 'utf8')) as { tag?: string; llamaCppGithubRepo?: string };
  if (!info.tag || !info.llamaCppGithubRepo) throw new Error('node-llama-cpp/llama/llama.cpp.info.json names no release');
  return { repo: info.llamaCppGithubRepo, release: info.tag };
}

/**
 * The GPU backends installed with node-llama-cpp for this platform, checked against the source's release.
 * Throws on a release mismatch; a package that is not installed is simply absent.
 *
 * CUDA: `-cuda` holds a build for the CUDA 13 runtime, `-cuda-ext` a fallback for CUDA 12 (it holds no
 * runtime libraries: libcudart and libcublas come from the NVIDIA driver / CUDA toolkit installed on the
 * workstation). The CUDA 13 build is chosen unless only CUDA 12's runtime is installed.
 */
export function findPrebuiltBackends(source: SourceRelease, fromDir: string, runtimeMissing?: (lib: string) => boolean): { backends: PrebuiltBackend[]; skipped: string[] } {
  const require = createRequire(path.join(fromDir, 'noop.js'));
  const plat = `${process.platform}-${process.arch}`;
  const found: PrebuiltBackend[] = [];
  const skipped: string[] = [];
  const take = (backend: GpuBackendName, pkg: string, binsSub: string, lib: string, note?: string) => {
    const dir = packageDir(require, pkg);
    if (!dir) return null;
    const bins = path.join(dir, 'bins', binsSub);
    const library = path.join(bins, lib);
    const metaFile = path.join(dir, 'bins', `${plat}-${backend}`, '_nlcBuildMetadata.json');
    if (!existsSync(library)) return null;
    const metaPath = existsSync(metaFile) ? metaFile : null;
    const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
    return { backend, packageName: pkg, packageVersion: version, library, metaPath, note };
  };
  const check = (p: NonNullable<ReturnType<typeof take>>, metaFrom?: string): void => {
    const metaPath = p.metaPath ?? metaFrom;
    if (!metaPath) {
      skipped.push(`${p.packageName}: no build metadata (_nlcBuildMetadata.json), so its llama.cpp release cannot be checked; not used.`);
      return;
    }
    const meta = parseBuildMetadata(readFileSync(metaPath, 'utf8'));
    const mismatch = releaseMismatch(p.packageName, meta, source);
    if (mismatch) throw new Error(mismatch);
    found.push({ backend: p.backend, packageName: p.packageName, packageVersion: p.packageVersion, release: meta.release, library: p.library, ...(p.note ? { note: p.note } : {}) });
  };

  const vulkan = take('vulkan', `@node-llama-cpp/${plat}-vulkan`, `${plat}-vulkan`, 'libggml-vulkan.so');
  if (vulkan) check(vulkan);

  const cuda = take('cuda', `@node-llama-cpp/${plat}-cuda`, `${plat}-cuda`, 'libggml-cuda.so', 'for the CUDA 13 runtime');
  const cudaExt = take('cuda', `@node-llama-cpp/${plat}-cuda-ext`, `${plat}-cuda/fallback`, 'libggml-cuda.so', 'for the CUDA 12 runtime (the -cuda-ext fallback)');
  const cudaMeta = cuda?.metaPath ?? undefined;
  const missing = runtimeMissing ?? (() => false);
  // -cuda-ext carries no metadata of its own: it is the extension of -cuda of the same version.
  const extMeta = cuda && cudaExt && cuda.packageVersion === cudaExt.packageVersion ? cudaMeta : undefined;
  if (cuda && (!cudaExt || !missing('libcudart.so.13') || missing('libcudart.so.12'))) check(cuda);
  else if (cudaExt) check(cudaExt, extMeta);
  return { backends: found, skipped };
}
