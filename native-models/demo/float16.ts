/**
 * IEEE 754 binary32 -> binary16 conversion (round to nearest, ties to even), as numpy's `astype(float16)`
 * does for float32 input. Node 20 has no Math.f16round / Float16Array, so this works on the bit pattern.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The 16-bit pattern of `value` rounded to float32 then to float16. NaN -> 0x7e00-style quiet NaN. */
export function float32ToFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0); // Inf, NaN (kept quiet)
  const e = exp - 127 + 15; // re-biased exponent
  if (e >= 0x1f) return sign | 0x7c00; // overflow -> Inf
  if (e <= 0) {
    // subnormal half (or zero): value = M * 2^(exp-150) with M the 24-bit significand; half = M * 2^(e-14)
    if (e < -10) return sign; // below half of the smallest subnormal: rounds to zero
    const m = mant | 0x800000;
    const shift = 14 - e; // 14..24
    let half = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1) === 1)) half++;
    return sign | half; // a carry into 0x400 is the smallest normal, which is right
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1)) half++; // a carry may reach Inf: also right
  return sign | half;
}

/** Converts a whole array (values in native order: write them out with DataView to fix the byte order). */
export function float32ArrayToFloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]!);
  return out;
}
