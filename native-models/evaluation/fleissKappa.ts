/**
 * Fleiss' kappa (Fleiss 1971) for a fixed number m of ratings per subject: rows are subjects, columns
 * categories, cells the number of raters who chose that category.
 *   P_i = (Σ_j n_ij² - m) / (m(m-1)),  P̄ = mean P_i,  p_j = Σ_i n_ij / (N m),  P̄e = Σ_j p_j²,
 *   kappa = (P̄ - P̄e) / (1 - P̄e).
 */
import { InputError } from '../errors.ts';

export interface FleissResult {
  kappa: number | null;
  meanAgreement: number;
  chanceAgreement: number;
  subjects: number;
  raters: number;
}

export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  const N = counts.length;
  if (N === 0) return { kappa: null, meanAgreement: NaN, chanceAgreement: NaN, subjects: 0, raters: 0 };
  const m = counts[0]!.reduce((a, b) => a + b, 0);
  const k = counts[0]!.length;
  counts.forEach((row, i) => {
    const s = row.reduce((a, b) => a + b, 0);
    if (s !== m || row.length !== k) throw new InputError(`Fleiss' kappa: subject ${i + 1} has ${s} ratings in ${row.length} categories; every subject needs ${m} in ${k}.`);
  });
  if (m < 2) return { kappa: null, meanAgreement: NaN, chanceAgreement: NaN, subjects: N, raters: m };
  let pBar = 0;
  const colTotals = new Array<number>(k).fill(0);
  for (const row of counts) {
    let sq = 0;
    row.forEach((c, j) => {
      sq += c * c;
      colTotals[j]! += c;
    });
    pBar += (sq - m) / (m * (m - 1));
  }
  pBar /= N;
  const pe = colTotals.reduce((acc, t) => acc + (t / (N * m)) ** 2, 0);
  return { kappa: pe < 1 ? (pBar - pe) / (1 - pe) : null, meanAgreement: pBar, chanceAgreement: pe, subjects: N, raters: m };
}
