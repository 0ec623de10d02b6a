/**
 * Cohen's kappa for two raters on nominal categories: (po - pe) / (1 - pe), where po is the observed
 * agreement and pe = Σ_c (share of rater A choosing c)(share of rater B choosing c).
 */

export interface KappaResult {
  kappa: number | null;
  observed: number;
  expected: number;
  /** Items rated by both. */
  n: number;
}

export function cohenKappa(pairs: readonly { a: string; b: string }[]): KappaResult {
  const n = pairs.length;
  if (n === 0) return { kappa: null, observed: NaN, expected: NaN, n };
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  let agree = 0;
  for (const { a, b } of pairs) {
    ca.set(a, (ca.get(a) ?? 0) + 1);
    cb.set(b, (cb.get(b) ?? 0) + 1);
    if (a === b) agree++;
  }
  let pe = 0;
  for (const [c, k] of ca) pe += (k / n) * ((cb.get(c) ?? 0) / n);
  const po = agree / n;
  // When both raters use one and the same category for every item, chance agreement is 1: kappa is undefined.
  return { kappa: pe < 1 ? (po - pe) / (1 - pe) : null, observed: po, expected: pe, n };
}
