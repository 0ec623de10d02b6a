/**
 * Patient-grouped (cluster) percentile bootstrap: resample patients with replacement, keep all of each
 * drawn patient's recordings, recompute the statistic. Recordings of one patient are not independent
 * (several seizures, same semiology), so resampling recordings would give intervals that are too narrow.
 */
import type { Interval } from './evaluationTypes.ts';
import type { RandomSource } from './seededRandom.ts';

export interface BootstrapResult {
  interval: Interval | null;
  /** Replicates whose statistic was defined (e.g. F1 needs a positive label or prediction). */
  defined: number;
  replicates: number;
}

export function patientBootstrap<T>(
  rows: readonly T[],
  patientOf: (row: T) => string,
  statistic: (rows: readonly T[]) => number | null,
  replicates: number,
  random: RandomSource,
  level = 0.95,
): BootstrapResult {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const p = patientOf(r);
    const g = groups.get(p);
    if (g) g.push(r);
    else groups.set(p, [r]);
  }
  const clusters = [...groups.keys()].sort().map((k) => groups.get(k)!);
  if (clusters.length === 0 || replicates <= 0) return { interval: null, defined: 0, replicates: Math.max(0, replicates) };
  const values: number[] = [];
  const sample: T[] = [];
  for (let b = 0; b < replicates; b++) {
    sample.length = 0;
    for (let i = 0; i < clusters.length; i++) {
      const c = clusters[Math.floor(random() * clusters.length)]!;
      for (const r of c) sample.push(r);
    }
    const v = statistic(sample);
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return { interval: null, defined: 0, replicates };
  values.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { interval: { lo: quantile(values, alpha), hi: quantile(values, 1 - alpha) }, defined: values.length, replicates };
}

/** Linear interpolation between order statistics (numpy's default 'linear' method). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}
