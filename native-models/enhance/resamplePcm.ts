/**
 * Mono PCM sample-rate conversion with a Hann-windowed sinc (band-limited to the lower of the two Nyquist
 * rates, so downsampling does not alias). Rational ratios with few phases (16 <-> 48 kHz: 3 or 1 phase) use
 * precomputed polyphase kernels; others interpolate a finely tabulated kernel. Good enough for speech
 * models; not a mastering-grade resampler.
 */
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function resamplePcm(pcm: Float32Array, fromRate: number, toRate: number, halfTaps = 16): Float32Array {
  if (fromRate === toRate) return pcm.slice();
  const ratio = toRate / fromRate;
  const n = Math.floor(pcm.length * ratio);
  const out = new Float32Array(n);
  const cutoff = Math.min(1, ratio); // relative to the input Nyquist
  const width = halfTaps / cutoff; // input samples on each side
  const kernel = (d: number): number => {
    const x = Math.abs(d);
    if (x >= width) return 0;
    const s = x === 0 ? 1 : Math.sin(Math.PI * x * cutoff) / (Math.PI * x * cutoff);
    return cutoff * s * (0.5 + 0.5 * Math.cos((Math.PI * x) / width));
  };
  const g = gcd(Math.round(fromRate), Math.round(toRate));
  const L = Math.round(toRate) / g; // output samples per M input samples
  const M = Math.round(fromRate) / g;
  const L_ = pcm.length;
  if (Number.isInteger(fromRate) && Number.isInteger(toRate) && L <= 64) {
    // Output j sits at input position j*M/L = base + phase/L: L kernels, each over integer offsets.
    const lo = -Math.ceil(width);
    const taps = 2 * Math.ceil(width) + 2;
    const phases: Float32Array[] = [];
    for (let p = 0; p < L; p++) {
      const k = new Float32Array(taps);
      for (let i = 0; i < taps; i++) k[i] = kernel(p / L - (lo + i));
      phases.push(k);
    }
    for (let j = 0; j < n; j++) {
      const num = j * M;
      const base = Math.floor(num / L);
      const k = phases[num - base * L]!;
      const first = base + lo;
      let acc = 0;
      if (first >= 0 && first + taps <= L_) {
        for (let i = 0; i < taps; i++) acc += pcm[first + i]! * k[i]!;
      } else {
        for (let i = 0; i < taps; i++) { const s = first + i; if (s >= 0 && s < L_) acc += pcm[s]! * k[i]!; }
      }
      out[j] = acc;
    }
    return out;
  }
  const RES = 512;
  const table = new Float32Array(Math.ceil(width * RES) + 2);
  for (let i = 0; i < table.length; i++) table[i] = kernel(i / RES);
  for (let j = 0; j < n; j++) {
    const t = j / ratio;
    const a = Math.max(0, Math.ceil(t - width));
    const b = Math.min(L_ - 1, Math.floor(t + width));
    let acc = 0;
    for (let i = a; i <= b; i++) {
      const f = Math.abs(t - i) * RES;
      const fi = Math.floor(f);
      const k0 = table[fi] ?? 0;
      acc += pcm[i]! * (k0 + ((table[fi + 1] ?? 0) - k0) * (f - fi));
    }
    out[j] = acc;
  }
  return out;
}
