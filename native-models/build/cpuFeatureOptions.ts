/**
 * ggml refuses GGML_NATIVE together with GGML_BACKEND_DL on x86 (its run-time feature check needs the
 * instruction sets named), and building every CPU variant (GGML_CPU_ALL_VARIANTS) takes far longer on two
 * cores. So the default build names this CPU's instruction sets itself, read from /proc/cpuinfo: one CPU
 * backend tuned for the build machine, whose score function refuses to load it on a CPU that lacks them.
 */
import { readFileSync } from 'node:fs';

/** The CPU flags of /proc/cpuinfo (the first "flags" line). Empty when unreadable. */
export function readCpuFlags(cpuinfo = (() => { try { return readFileSync('/proc/cpuinfo', 'utf8'); } catch { return ''; } })()): Set<string> {
  const line = /^flags\s*:\s*(.*)$/m.exec(cpuinfo);
  return new Set(line ? line[1]!.trim().split(/\s+/) : []);
}

/** cmake options naming the x86 instruction sets this CPU has (AMX is left off: a separate buffer type). */
export function x86FeatureOptions(flags: ReadonlySet<string>): string[] {
  const all = (...f: string[]) => f.every((x) => flags.has(x));
  const opts: Record<string, boolean> = {
    GGML_SSE42: all('sse4_2'),
    GGML_AVX: all('avx'),
    GGML_F16C: all('f16c'),
    GGML_FMA: all('fma'),
    GGML_AVX2: all('avx2'),
    GGML_BMI2: all('bmi2'),
    GGML_AVX_VNNI: all('avx_vnni'),
    GGML_AVX512: all('avx512f', 'avx512cd', 'avx512vl', 'avx512dq', 'avx512bw'),
    GGML_AVX512_VBMI: all('avx512f', 'avx512vbmi'),
    GGML_AVX512_VNNI: all('avx512f', 'avx512_vnni'),
    GGML_AVX512_BF16: all('avx512f', 'avx512_bf16'),
  };
  return ['-DGGML_NATIVE=OFF', ...Object.entries(opts).map(([k, on]) => `-D${k}=${on ? 'ON' : 'OFF'}`)];
}
