/**
 * The plain-text summary `semioscope evaluate` prints: mode, inputs, and one line per feature per set; with timed
 * or side labels also the onset/offset errors and the laterality, each next to what it is measured against.
 */
import { basename } from 'node:path';
import type { LateralityResult, PredictionSetResult, TimingResult } from './evaluationTypes.ts';
import { formatFixed3 } from './formatNumber.ts';
import type { EvaluationReport } from './runEvaluation.ts';
import { formatSeconds, formatSources, LATERALITY_DEFINITION, TIMING_DEFINITION } from './timingSummaryText.ts';

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
  if (s.timing) out.push(...timingLines([...s.timing.features, s.timing.overall]));
  if (s.laterality) out.push(...lateralityLines([...s.laterality.items, s.laterality.overall]));
  return out;
}

function timingLines(rows: readonly TimingResult[]): string[] {
  const out = ['', `  Timing. ${TIMING_DEFINITION}`];
  out.push('  ' + ['feature'.padEnd(26), 'onsets', 'hits', 'miss', 'f.al', 'on MAE', 'median', '<=2s ', '<=5s ', 'off MAE', 'median', '<=2s ', '<=5s ', 'sources'].join('  '));
  for (const t of rows) {
    out.push('  ' + [
      t.featureId.padEnd(26), String(t.labelledOnsets).padStart(6), String(t.hits).padStart(4), String(t.misses).padStart(4), String(t.falseAlarms).padStart(4),
      formatSeconds(t.onset.meanS).padStart(6), formatSeconds(t.onset.medianS).padStart(6), formatFixed3(t.onset.within2), formatFixed3(t.onset.within5),
      formatSeconds(t.offset.meanS).padStart(7), formatSeconds(t.offset.medianS).padStart(6), formatFixed3(t.offset.within2), formatFixed3(t.offset.within5),
      formatSources(t.sources),
    ].join('  '));
  }
  return out;
}

function lateralityLines(rows: readonly LateralityResult[]): string[] {
  const out = ['', `  Laterality. ${LATERALITY_DEFINITION}`];
  out.push('  ' + ['item'.padEnd(26), 'sides', 'cover', 'acc  ', 'balacc', 'macroF1', '| right: acc', 'balacc', 'macroF1', 'sources'].join('  '));
  for (const l of rows) {
    out.push('  ' + [
      l.itemId.padEnd(26), String(l.labelled).padStart(5), formatFixed3(l.coverage),
      formatFixed3(l.model.accuracy), formatFixed3(l.model.balancedAccuracy).padEnd(6), formatFixed3(l.model.macroF1).padEnd(7),
      `| ${formatFixed3(l.alwaysRight.accuracy)}`.padStart(11), formatFixed3(l.alwaysRight.balancedAccuracy).padEnd(6), formatFixed3(l.alwaysRight.macroF1).padEnd(7),
      formatSources(l.sources),
    ].join('  '));
  }
  return out;
}
