/**
 * The GPU backends taken from node-llama-cpp's prebuilt packages: the installed packages match the bundled
 * llama.cpp source; a package of another release is refused naming both releases; CUDA 12's fallback is
 * taken only where CUDA 13's runtime is missing; a package without metadata is not used. The packages in the
 * temp folder are fixtures of the real layout (bins/<platform>-<gpu>/, _nlcBuildMetadata.json).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { findPrebuiltBackends, parseBuildMetadata, readSourceRelease, releaseMismatch } from '../../../native-models/build/gpuBackendPackages.ts';
import { readCpuFlags, x86FeatureOptions } from '../../../native-models/build/cpuFeatureOptions.ts';
import { findLlamaSource } from '../../../native-models/vlm/llamaServerBinary.ts';

const root = mkdtempSync(path.join(tmpdir(), 'semioscope-gpu-pkgs-'));
after(() => rmSync(root, { recursive: true, force: true }));
const plat = `${process.platform}-${process.arch}`;
const source = { repo: 'ggml-org/llama.cpp', release: 'v0.5.0' };
const meta = (gpu: string, release: string) => JSON.stringify({ buildOptions: { gpu, llamaCpp: { repo: 'ggml-org/llama.cpp', release } } });

/** A node_modules with fake packages laid out as node-llama-cpp's are. */
function fixture(name: string, packages: { pkg: string; bins: string; lib: string; metadata?: string; version?: string }[]): string {
  const dir = path.join(root, name);
  for (const p of packages) {
    const pkgDir = path.join(dir, 'node_modules', '@node-llama-cpp', p.pkg);
    mkdirSync(path.join(pkgDir, 'bins', p.bins), { recursive: true });
    writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name: `@node-llama-cpp/${p.pkg}`, version: p.version ?? '3.22.1', main: 'index.js' }));
    writeFileSync(path.join(pkgDir, 'index.js'), '');
    writeFileSync(path.join(pkgDir, 'bins', p.bins, p.lib), 'ELF');
    if (p.metadata) writeFileSync(path.join(pkgDir, 'bins', p.bins, '_nlcBuildMetadata.json'), p.metadata);
  }
  return dir;
}

describe('gpuBackendPackages', () => {
  test('the installed packages are of the bundled source\'s release', { skip: process.platform !== 'linux' }, () => {
    const { bundlePath } = findLlamaSource();
    const release = readSourceRelease(path.dirname(bundlePath));
    const { backends } = findPrebuiltBackends(release, path.dirname(bundlePath));
    const vulkan = backends.find((b) => b.backend === 'vulkan');
    assert.ok(vulkan, '@node-llama-cpp/linux-x64-vulkan is installed with node-llama-cpp');
    assert.equal(vulkan.release, release.release);
    assert.match(vulkan.library, /libggml-vulkan\.so$/);
  });

  test('metadata is read; a mismatch is refused naming both releases and what to do', () => {
    assert.deepEqual(parseBuildMetadata(meta('vulkan', 'v0.5.0')), { gpu: 'vulkan', repo: 'ggml-org/llama.cpp', release: 'v0.5.0' });
    assert.throws(() => parseBuildMetadata('{"buildOptions":{}}'), /names no llama.cpp release/);
    assert.equal(releaseMismatch('p', parseBuildMetadata(meta('vulkan', 'v0.5.0')), source), null);
    const dir = fixture('mismatch', [{ pkg: `${plat}-vulkan`, bins: `${plat}-vulkan`, lib: 'libggml-vulkan.so', metadata: meta('vulkan', 'b6000') }]);
    assert.throws(() => findPrebuiltBackends(source, dir),
      new RegExp(`@node-llama-cpp/${plat}-vulkan was built from ggml-org/llama.cpp b6000, but the bundled llama.cpp source is ggml-org/llama.cpp v0.5.0: .*npm ci.*--cpu-only`));
  });

  test('CUDA: the CUDA 13 build unless only CUDA 12\'s runtime is installed; the fallback borrows -cuda\'s metadata', () => {
    const dir = fixture('cuda', [
      { pkg: `${plat}-cuda`, bins: `${plat}-cuda`, lib: 'libggml-cuda.so', metadata: meta('cuda', 'v0.5.0') },
      { pkg: `${plat}-cuda-ext`, bins: `${plat}-cuda/fallback`, lib: 'libggml-cuda.so' },
    ]);
    const with13 = findPrebuiltBackends(source, dir, () => false).backends;
    assert.deepEqual(with13.map((b) => [b.packageName, b.note]), [[`@node-llama-cpp/${plat}-cuda`, 'for the CUDA 13 runtime']]);
    const only12 = findPrebuiltBackends(source, dir, (lib) => lib === 'libcudart.so.13').backends;
    assert.deepEqual(only12.map((b) => b.packageName), [`@node-llama-cpp/${plat}-cuda-ext`]);
    assert.match(only12[0]!.library, /fallback[\\/]libggml-cuda\.so$/);
  });

  test('a package without metadata is skipped with a reason, not trusted', () => {
    const dir = fixture('nometa', [{ pkg: `${plat}-vulkan`, bins: `${plat}-vulkan`, lib: 'libggml-vulkan.so' }]);
    const r = findPrebuiltBackends(source, dir);
    assert.deepEqual(r.backends, []);
    assert.match(r.skipped[0] ?? '', /no build metadata .*not used/);
  });
});

describe('cpuFeatureOptions', () => {
  test('this CPU\'s instruction sets become ggml options, all named (AVX-512 only when its five parts are there)', () => {
    const flags = readCpuFlags('processor : 0\nflags\t\t: fpu sse4_2 avx f16c fma avx2 bmi2 avx512f avx512cd avx512vl avx512dq\n');
    const opts = x86FeatureOptions(flags);
    assert.equal(opts[0], '-DGGML_NATIVE=OFF');
    assert.ok(opts.includes('-DGGML_AVX2=ON') && opts.includes('-DGGML_FMA=ON'));
    assert.ok(opts.includes('-DGGML_AVX512=OFF'), 'avx512bw is missing');
    assert.ok(opts.includes('-DGGML_AVX_VNNI=OFF'));
    assert.equal(opts.length, 12);
    assert.deepEqual([...readCpuFlags('no flags here')], []);
  });
});
