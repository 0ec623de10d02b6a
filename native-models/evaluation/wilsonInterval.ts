/**
 * Wilson score interval for a binomial proportion k/n (Wilson 1927), the interval statsmodels'
 * proportion_confint(method='wilson') and R's prop.test(correct = FALSE) report:
 *   (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n).
 * Unlike the normal (Wald) interval it stays inside [0, 1] and is sensible at k = 0 or k = n.
 */
import type { Interval } from './evaluationTypes.ts';

/** Two-sided 95% standard normal quantile. */
export const Z95 = 1.959963984540054;

export function wilsonInterval(k: number, n: number, z = Z95): Interval | null {
  if (!(n > 0) || k < 0 || k > n) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}
