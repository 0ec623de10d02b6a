/**
 * Short-time spectra of a body segment's movement: 3 s windows every 0.5 s, each channel (x and y of each
 * joint, torso lengths) linearly detrended and Hann-windowed, powers summed over the channels and scanned by a
 * direct Fourier sum on a 0.05 Hz grid (from below the band, to see slower movement) with a parabolic peak
 * refinement. A window is scored only when enough of its distal joint is valid; it is rhythmic when the
 * movement is large enough, the peak is the strongest movement in the window (no slower drift outweighs it)
 * and it stands out of the power on both sides of it (prominence). Also the movement envelope (energy above
 * ~1 Hz) that places onsets and offsets finer than the window.
 */
import type { Channel2 } from './segmentSignals.ts';

/** Window length (s). Within the 2-4 s of the issue; 3 s holds >= 2.4 cycles at the 0.8 Hz band edge. */
export const RHYTHM_WINDOW_S = 3;
/** Window step (s). Our heuristic: a 0.5 s grid for intervals and the frequency plot. */
export const RHYTHM_HOP_S = 0.5;
/**
 * Band of rhythms looked for (Hz). Clonic jerks run at ~1-5 Hz and slow before they stop (features.md; the
 * ILAE glossary, Blume et al. 2001); 7 Hz stays under half the default 15 fps.
 */
export const RHYTHM_MIN_HZ = 0.8;
export const RHYTHM_MAX_HZ = 7;
/** Spacing of the frequency grid (Hz). */
export const RHYTHM_GRID_HZ = 0.05;
/**
 * The spectrum is scanned from here (Hz), below the band: a slow drift (breathing, the bed, the patient
 * shifting) leaks into a 3 s window's lowest band frequencies, and only the power below the band shows it.
 * Over 3 s a linear detrend removes what is slower than ~0.2 Hz.
 */
export const RHYTHM_SCAN_MIN_HZ = 0.2;
/** Half-width of a peak's main lobe (Hz): the first null of a Hann window of RHYTHM_WINDOW_S is at 2/T. */
export const MAIN_LOBE_HZ = 2 / RHYTHM_WINDOW_S;
/** A window is scored when at least this share of its samples is valid. Our heuristic. */
export const MIN_VALID_FRACTION = 0.7;
/**
 * Movement smaller than this (RMS of the detrended movement, torso lengths) is not a rhythm: ~1.5 px for a
 * 100 px torso, above MoveNet's jitter on a still person filling the frame. Our heuristic. (A person small
 * in the frame jitters more, in torso lengths: the prominence and persistence criteria carry that case.)
 */
export const MIN_RHYTHM_AMPLITUDE = 0.012;
/**
 * Prominence: the peak's power over the mean power of its flanks, f - 2L..f - L and f + L..f + 2L (L =
 * MAIN_LOBE_HZ), taking the higher flank: a rhythm's power falls on both sides of it, a noise spectrum's does
 * not. The peak-over-band-mean ratio used before (>= 4) is passed by about half of the windows of real MoveNet
 * jitter. Chosen from a noise model and real pose, our measurement (tests/unit/signals/shortTimeRhythm.test.ts
 * re-measures the noise model): white noise in one joint's x and y (MoveNet's jitter moves neighbouring
 * joints partly together, so one joint is the worst case) reaches 12 in 0.8% of independent windows; real
 * MoveNet on a drifting photo (the bench's stand-in recording) in 5%, of which the drift rule above leaves
 * 0.1% rhythmic; the windows of real rhythms (a forearm at 4 -> 1.5 Hz and the bench's 3 Hz shake, real
 * MoveNet) reach it in 100% and 98%. One window is not the test: a run must also hold its frequency over
 * windows that share no data (rhythmicIntervals.ts).
 */
export const MIN_PEAK_PROMINENCE = 12;

export interface RhythmWindow {
  centreS: number;
  /** Enough valid data to judge. */
  scored: boolean;
  rhythmic: boolean;
  /** Dominant frequency of a rhythmic window, else null. */
  frequencyHz: number | null;
  /** The in-band peak's power over its higher flank (see MIN_PEAK_PROMINENCE); 0 when not scored. */
  prominence: number;
  /** RMS of the detrended movement, torso lengths. */
  amplitude: number;
}

export interface RhythmGrid {
  /** Samples per window and per step. */
  windowN: number;
  hopS: number;
  rateHz: number;
  minHz: number;
  maxHz: number;
}

export function rhythmGrid(rateHz: number): RhythmGrid {
  return {
    windowN: Math.round(RHYTHM_WINDOW_S * rateHz),
    hopS: Math.max(RHYTHM_HOP_S, 1 / rateHz),
    rateHz,
    minHz: RHYTHM_MIN_HZ,
    maxHz: Math.min(RHYTHM_MAX_HZ, 0.45 * rateHz),
  };
}

/** Start sample of each window. */
export function windowStarts(length: number, g: RhythmGrid): number[] {
  // Starts rounded from exact multiples of the step in seconds, so centres stay on the 0.5 s grid at any rate.
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const s = Math.round(k * g.hopS * g.rateHz);
    if (s + g.windowN > length) break;
    out.push(s);
  }
  return out;
}

export function shortTimeRhythm(channels: readonly Channel2[], startS: number, rateHz: number): RhythmWindow[] {
  const g = rhythmGrid(rateHz);
  const n = channels[0]?.[0].length ?? 0;
  const N = g.windowN;
  // The grid runs from below the band (drift) to one flank above its top (or the Nyquist frequency).
  const freqs: number[] = [];
  const scanMax = Math.min(g.maxHz + 2 * MAIN_LOBE_HZ, rateHz / 2);
  for (let i = 0; ; i++) { const f = RHYTHM_SCAN_MIN_HZ + i * RHYTHM_GRID_HZ; if (f > scanMax + 1e-9) break; freqs.push(f); }
  const inBand = freqs.map((f) => f >= g.minHz - 1e-9 && f <= g.maxHz + 1e-9);
  const hann = Array.from({ length: N }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (N - 1)));
  const cos = freqs.map((f) => Float64Array.from({ length: N }, (_, i) => Math.cos((2 * Math.PI * f * i) / rateHz)));
  const sin = freqs.map((f) => Float64Array.from({ length: N }, (_, i) => Math.sin((2 * Math.PI * f * i) / rateHz)));
  const out: RhythmWindow[] = [];
  for (const s of windowStarts(n, g)) {
    const centreS = startS + (s + (N - 1) / 2) / rateHz;
    // The first channel (the distal joint: wrist, ankle) must be valid; the others add their power when valid.
    const series: number[][] = [];
    channels.forEach(([x, y], ci) => {
      const wx = prepareWindow(x, s, N), wy = prepareWindow(y, s, N);
      if (wx && wy && (ci === 0 || series.length)) series.push(wx, wy);
    });
    if (!series.length) { out.push({ centreS, scored: false, rhythmic: false, frequencyHz: null, prominence: 0, amplitude: 0 }); continue; }
    const amplitude = Math.sqrt(series.reduce((a, w) => a + w.reduce((b, v) => b + v * v, 0), 0) / (N * Math.max(1, series.length / 2)));
    const windowed = series.map((w) => w.map((v, i) => v * hann[i]!));
    const p = freqs.map((_, k) => {
      let sum = 0;
      const c = cos[k]!, sn = sin[k]!;
      for (const w of windowed) {
        let re = 0, im = 0;
        for (let i = 0; i < N; i++) { re += w[i]! * c[i]!; im += w[i]! * sn[i]!; }
        sum += re * re + im * im;
      }
      return sum;
    });
    const peak = spectralPeak(freqs, p, inBand);
    const rhythmic = peak !== null && amplitude >= MIN_RHYTHM_AMPLITUDE && peak.strongest && peak.prominence >= MIN_PEAK_PROMINENCE;
    out.push({ centreS, scored: true, rhythmic, frequencyHz: rhythmic ? Math.round(peak.frequencyHz * 100) / 100 : null, prominence: peak?.prominence ?? 0, amplitude });
  }
  return out;
}

export interface SpectralPeak {
  /** Refined frequency of the highest in-band point (Hz). */
  frequencyHz: number;
  /** Its power over the higher of its flanks' mean powers. */
  prominence: number;
  /** No point of the scan outside the band (below it: drift) is higher, and the peak is not the band's lowest point. */
  strongest: boolean;
}

/** Prominences are capped here (a flank of exactly no power would make it infinite). */
export const MAX_PROMINENCE = 10000;

/** The in-band peak of a power spectrum on an even grid (`inBand` marks the band's points); null when all power is 0. */
export function spectralPeak(freqs: readonly number[], p: readonly number[], inBand: readonly boolean[]): SpectralPeak | null {
  let k = -1, top = 0;
  for (let i = 0; i < p.length; i++) {
    if (inBand[i] && (k < 0 || p[i]! > p[k]!)) k = i;
    if (p[i]! > p[top]!) top = i;
  }
  if (k < 0 || !(p[k]! > 0)) return null;
  const step = freqs[1]! - freqs[0]!;
  let f = freqs[k]!;
  if (k > 0 && k < p.length - 1) {
    const a = p[k - 1]!, b = p[k]!, c = p[k + 1]!;
    const d = a - 2 * b + c;
    if (d < 0) f += (step * 0.5 * (a - c)) / d;
  }
  const flank = (lo: number, hi: number) => {
    let sum = 0, n = 0;
    freqs.forEach((x, i) => { if (x >= lo - 1e-9 && x <= hi + 1e-9) { sum += p[i]!; n++; } });
    return n ? sum / n : 0;
  };
  const fk = freqs[k]!;
  const side = Math.max(flank(fk - 2 * MAIN_LOBE_HZ, fk - MAIN_LOBE_HZ), flank(fk + MAIN_LOBE_HZ, fk + 2 * MAIN_LOBE_HZ));
  // Power rising to the band's lowest point, or higher below the band, is a drift or a step, not an oscillation.
  const lowest = inBand.indexOf(true);
  const strongest = p[top]! <= p[k]! && k > lowest + 1;
  return { frequencyHz: f, prominence: side > 0 ? Math.min(MAX_PROMINENCE, p[k]! / side) : MAX_PROMINENCE, strongest };
}

/** The window's samples, gaps filled linearly and the least-squares line removed; null when too little is valid. */
export function prepareWindow(c: Float64Array, s: number, N: number): number[] | null {
  const idx: number[] = [];
  for (let i = 0; i < N; i++) if (Number.isFinite(c[s + i]!)) idx.push(i);
  if (idx.length < MIN_VALID_FRACTION * N) return null;
  const v = new Array<number>(N);
  let j = 0;
  for (let i = 0; i < N; i++) {
    while (j + 1 < idx.length && idx[j + 1]! <= i) j++;
    const a = idx[j]!, b = idx[Math.min(j + 1, idx.length - 1)]!;
    if (i <= a || a === b) v[i] = c[s + a]!;
    else if (i >= b) v[i] = c[s + b]!;
    else v[i] = c[s + a]! + ((i - a) / (b - a)) * (c[s + b]! - c[s + a]!);
  }
  const mt = (N - 1) / 2, mv = v.reduce((a, b) => a + b, 0) / N;
  let num = 0, den = 0;
  for (let i = 0; i < N; i++) { num += (i - mt) * (v[i]! - mv); den += (i - mt) ** 2; }
  const k = den > 0 ? num / den : 0;
  return v.map((vi, i) => vi - mv - k * (i - mt));
}

/** Fourier coefficient of `w` at `f` Hz (samples at `rateHz`, time 0 at the first sample). */
export function dft(w: readonly number[], f: number, rateHz: number): { re: number; im: number } {
  let re = 0, im = 0;
  const step = (2 * Math.PI * f) / rateHz;
  for (let i = 0; i < w.length; i++) { re += w[i]! * Math.cos(step * i); im -= w[i]! * Math.sin(step * i); }
  return { re, im };
}

/**
 * Movement energy per sample: each channel minus its 1 s centred mean (what is left is movement above ~1 Hz),
 * squared, summed over channels and averaged over 0.6 s. Only for placing onsets and offsets, never for
 * measuring frequency.
 */
export function movementEnvelope(channels: readonly Channel2[], rateHz: number): Float64Array {
  const n = channels[0]?.[0].length ?? 0;
  const e = new Float64Array(n).fill(NaN);
  const half = Math.max(1, Math.round(rateHz / 2));
  for (const [x, y] of channels) {
    for (const c of [x, y]) {
      const r = centredResidual(c, half);
      for (let i = 0; i < n; i++) if (Number.isFinite(r[i]!)) e[i] = (Number.isFinite(e[i]!) ? e[i]! : 0) + r[i]! * r[i]!;
    }
  }
  return centredMean(e, Math.max(1, Math.round(0.3 * rateHz)));
}

function centredResidual(c: Float64Array, half: number): Float64Array {
  const m = centredMean(c, half);
  return c.map((v, i) => v - m[i]!);
}

function centredMean(c: Float64Array, half: number): Float64Array {
  const n = c.length;
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(c[i]!)) continue;
    let sum = 0, count = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++) if (Number.isFinite(c[j]!)) { sum += c[j]!; count++; }
    if (count > half) out[i] = sum / count;
  }
  return out;
}
