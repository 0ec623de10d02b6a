/**
 * Mono PCM sample-rate conversion with a Hann-windowed sinc (band-limited to the lower of the two Nyquist
 * rates, so downsampling does not alias). Good enough for speech models; not a mastering-grade resampler.
 */
export function resamplePcm(pcm: Float32Array, fromRate: number, toRate: number, halfTaps = 16): Float32Array {
  if (fromRate === toRate) return pcm.slice();
  const ratio = toRate / fromRate;
  const n = Math.floor(pcm.length * ratio);
  const out = new Float32Array(n);
  const cutoff = Math.min(1, ratio); // relative to the input Nyquist
  const width = halfTaps / cutoff; // input samples on each side
  // Tabulate the kernel finely once and interpolate linearly from the table.
  const RES = 512;
  const table = new Float32Array(Math.ceil(width * RES) + 2);
  for (let i = 0; i < table.length; i++) {
    const x = i / RES;
    const s = x === 0 ? 1 : Math.sin(Math.PI * x * cutoff) / (Math.PI * x * cutoff);
    const w = x >= width ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * x) / width);
    table[i] = cutoff * s * w;
  }
  const k = (d: number): number => {
    const f = Math.abs(d) * RES;
    const i = Math.floor(f);
    const a = table[i] ?? 0;
    const b = table[i + 1] ?? 0;
    return a + (b - a) * (f - i);
  };
  const L = pcm.length;
  for (let j = 0; j < n; j++) {
    const t = j / ratio;
    const lo = Math.max(0, Math.ceil(t - width));
    const hi = Math.min(L - 1, Math.floor(t + width));
    let acc = 0;
    for (let i = lo; i <= hi; i++) acc += pcm[i]! * k(t - i);
    out[j] = acc;
  }
  return out;
}
