/** agreement-cohen.csv (per feature and rater pair) and agreement-fleiss.csv (per feature and overall). */
import type { AgreementResult } from './raterAgreement.ts';
import { formatCsv, type CsvCell } from './formatCsv.ts';

export function cohenAgreementCsv(a: AgreementResult): string {
  const rows: CsvCell[][] = [['feature', 'rater_a', 'rater_b', 'n', 'observed_agreement', 'chance_agreement', 'cohen_kappa']];
  for (const f of a.features) {
    for (const p of f.pairs) rows.push([f.featureId, p.a, p.b, p.result.n, num(p.result.observed), num(p.result.expected), p.result.kappa]);
  }
  return formatCsv(rows);
}

export function fleissAgreementCsv(a: AgreementResult): string {
  const rows: CsvCell[][] = [['feature', 'raters', 'items', 'mean_agreement', 'chance_agreement', 'fleiss_kappa']];
  for (const f of a.features) rows.push([f.featureId, f.fleiss.raters, f.fleiss.subjects, num(f.fleiss.meanAgreement), num(f.fleiss.chanceAgreement), f.fleiss.kappa]);
  const o = a.overall;
  rows.push(['(all features)', o.raters, o.subjects, num(o.meanAgreement), num(o.chanceAgreement), o.kappa]);
  return formatCsv(rows);
}

function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
