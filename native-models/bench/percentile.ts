/**
 * Percentiles of the benchmarks' timings (seek latency, open time), defined once: linear interpolation
 * between the two nearest ranks (the "type 7" rule of R and NumPy), so p50 of an even count is the mean of
 * the middle two and the figures are comparable across runs and tools.
 */

/** The p-th percentile (0-100) of `values`; NaN for an empty list. The input is not modified. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`A percentile must be from 0 to 100 (got ${p}).`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
