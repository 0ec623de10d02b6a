/**
 * Rhythm of a keypoint track: the dominant frequency of its movement, for clonic jerking (1-5 Hz), which needs
 * pose sampled well above 2 fps (e.g. `--pose-fps 15`). The x and y tracks are detrended, Hann-windowed and
 * scanned with a direct Fourier sum (times need not be uniform); the spectral peak is refined to 0.01 Hz.
 * No rhythm is reported when the movement is tiny or the peak does not stand out, and only frequencies that
 * fit `minCycles` whole cycles into the track count, and a peak at the lowest of them is a drift: a single
 * shift of position (a step) is not a rhythm.
 */
export interface TrackSample {
  tS: number;
  x: number;
  y: number;
}

export interface RhythmOptions {
  /** Default 0.5 Hz. */
  minHz?: number;
  /** Default 7 Hz (must stay under half the sampling rate). */
  maxHz?: number;
  /** Movement whose standard deviation is below this (px) has no rhythm. Default 1 px. */
  minAmplitudePx?: number;
  /** Peak power over mean power in the band must reach this. Default 4. */
  minPeakRatio?: number;
  /** A rhythm repeats: at least this many cycles must fit in the track's duration. Default 3. */
  minCycles?: number;
}

export interface Rhythm {
  /** Dominant frequency, or null when there is no rhythmic movement. */
  frequencyHz: number | null;
  /** Standard deviation of the detrended movement (px, x and y combined). */
  amplitudePx: number;
  peakRatio: number;
}

export function estimateRhythm(samples: readonly TrackSample[], options: RhythmOptions = {}): Rhythm {
  const { maxHz = 7, minAmplitudePx = 1, minPeakRatio = 4, minCycles = 3 } = options;
  const n = samples.length;
  if (n < 8) return { frequencyHz: null, amplitudePx: 0, peakRatio: 0 };
  const t = samples.map((s) => s.tS);
  const xs = detrend(t, samples.map((s) => s.x));
  const ys = detrend(t, samples.map((s) => s.y));
  const amplitudePx = Math.sqrt(xs.concat(ys).reduce((a, v) => a + v * v, 0) / n);
  const t0 = t[0]!;
  const T = t[n - 1]! - t0 || 1;
  const minHz = Math.max(options.minHz ?? 0.5, minCycles / T);
  if (minHz > maxHz) return { frequencyHz: null, amplitudePx, peakRatio: 0 };
  const w = t.map((ti) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (ti - t0)) / T));
  const power = (f: number) => {
    let xr = 0, xi = 0, yr = 0, yi = 0;
    for (let i = 0; i < n; i++) {
      const ph = 2 * Math.PI * f * (t[i]! - t0);
      const c = Math.cos(ph) * w[i]!;
      const s = Math.sin(ph) * w[i]!;
      xr += xs[i]! * c; xi += xs[i]! * s;
      yr += ys[i]! * c; yi += ys[i]! * s;
    }
    return xr * xr + xi * xi + yr * yr + yi * yi;
  };
  let best = minHz, bestP = -1, sum = 0, count = 0;
  for (let f = minHz; f <= maxHz + 1e-9; f += 0.05) {
    const p = power(f);
    sum += p; count++;
    if (p > bestP) { bestP = p; best = f; }
  }
  for (let f = Math.max(minHz, best - 0.05); f <= Math.min(maxHz, best + 0.05) + 1e-9; f += 0.01) {
    const p = power(f);
    if (p > bestP) { bestP = p; best = f; }
  }
  const peakRatio = sum > 0 ? bestP / (sum / count) : 0;
  // Power rising all the way to the band's lowest frequency is a drift or a step, not an oscillation.
  const atLowerEdge = best < minHz + 0.05;
  const rhythmic = amplitudePx >= minAmplitudePx && peakRatio >= minPeakRatio && !atLowerEdge;
  return { frequencyHz: rhythmic ? Math.round(best * 100) / 100 : null, amplitudePx, peakRatio };
}

/** Remove the least-squares line. */
function detrend(t: readonly number[], v: readonly number[]): number[] {
  const n = v.length;
  const mt = t.reduce((a, b) => a + b, 0) / n;
  const mv = v.reduce((a, b) => a + b, 0) / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) { num += (t[i]! - mt) * (v[i]! - mv); den += (t[i]! - mt) ** 2; }
  const k = den > 0 ? num / den : 0;
  return v.map((vi, i) => vi - mv - k * (t[i]! - mt));
}
