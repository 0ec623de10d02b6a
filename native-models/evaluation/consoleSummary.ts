/** The plain-text summary `semioscope evaluate` prints: mode, inputs, and one line per feature per set. */
import { basename } from 'node:path';
import type { PredictionSetResult } from './evaluationTypes.ts';
import { formatFixed3 } from './formatNumber.ts';
import type { EvaluationReport } from './runEvaluation.ts';

export function consoleSummary(r: EvaluationReport): string {
  const lines: string[] = [];
  lines.push(r.mode === 'paper'
    ? 'Mode: paper (published conventions: empty labels and failed predictions excluded; macro average over yes/no/na where na occurs).'
    : 'Mode: binary (yes vs no; na / fail / missing predictions reported as coverage, not scored).');
  lines.push(`Labels: ${r.options.labels.map((l) => basename(l.path)).join(', ')}${r.options.labels.length > 1 ? ' (majority-vote consensus)' : ''}: ${r.labels.records.length} recordings, ${r.labels.features.length} features.`);
  if (r.agreement) {
    lines.push(`Rater agreement: Fleiss' kappa over all features ${formatFixed3(r.agreement.overall.kappa)} (${r.agreement.overall.subjects} items, ${r.agreement.raters.length} raters).`);
  }
  for (const s of r.sets) lines.push('', ...setLines(r, s));
  return lines.join('\n') + '\n';
}

function setLines(r: EvaluationReport, s: PredictionSetResult): string[] {
  const binary = r.mode === 'binary';
  const out = [`Set ${s.name} (${s.source}): ${s.matched} matched, ${s.labelsOnly.length} labels only, ${s.predictionsOnly.length} predictions only.`];
  const head = ['feature'.padEnd(26), 'n'.padStart(4), 'pos'.padStart(4), binary ? 'cover' : 'avg  ', 'acc  ', 'prec ', 'rec  ', 'F1   ', binary ? 'F1 95% CI     ' : '', 'chance F1'];
  out.push('  ' + head.filter(Boolean).join('  '));
  for (const x of s.results) {
    const ci = x.f1Ci ? `[${formatFixed3(x.f1Ci.lo)}, ${formatFixed3(x.f1Ci.hi)}]` : '–';
    out.push('  ' + [
      x.featureId.padEnd(26), String(x.n).padStart(4), String(x.positives).padStart(4),
      binary ? formatFixed3(x.coverage) : (x.averaging === 'macro' ? 'macro' : 'bin  '),
      formatFixed3(x.accuracy), formatFixed3(x.precision), formatFixed3(x.recall), formatFixed3(x.f1),
      binary ? ci.padEnd(14) : '', formatFixed3(r.baselines.get(x.featureId)?.random.f1 ?? null),
    ].filter(Boolean).join('  '));
  }
  return out;
}
