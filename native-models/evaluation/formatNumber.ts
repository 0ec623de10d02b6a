/**
 * Number formatting for evaluation outputs.
 *
 * The published metric files were written by pandas: values rounded to 3 decimals with numpy's rounding
 * (round half to even on the scaled value) and printed as the shortest float repr (`0.5`, `0.544`, `39.0`).
 */

/** numpy.round(x, decimals): rint(x * 10^d) / 10^d, ties to even. */
export function roundHalfEven(x: number, decimals = 3): number {
  const scale = 10 ** decimals;
  const y = x * scale;
  const floor = Math.floor(y);
  const diff = y - floor;
  let r: number;
  if (diff > 0.5) r = floor + 1;
  else if (diff < 0.5) r = floor;
  else r = floor % 2 === 0 ? floor : floor + 1;
  const out = r / scale;
  return Object.is(out, -0) ? 0 : out;
}

/** Python-style float repr of a value rounded to 3 decimals: `0.544`, `0.5`, `0.0`, `39.0`. Empty when undefined. */
export function formatPaperNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '';
  const s = String(roundHalfEven(x, 3));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Fixed 3 decimals for tables (`0.544`, `1.000`); an en dash when undefined. */
export function formatFixed3(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return roundHalfEven(x, 3).toFixed(3);
}

/** Value with an interval: `0.544 [0.440, 0.645]`. */
export function formatWithInterval(x: number | null, ci: { lo: number; hi: number } | null): string {
  const v = formatFixed3(x);
  return ci ? `${v} [${formatFixed3(ci.lo)}, ${formatFixed3(ci.hi)}]` : v;
}
