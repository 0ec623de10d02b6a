/**
 * summary.html: a self-contained page (inline CSS and SVG, no scripts, no external URLs: the app never
 * makes network calls) with the mode, inputs, unmatched recordings, the F1 chart, per-set metrics with
 * intervals, the comparison table and rater agreement; with timed or side labels the onset/offset errors
 * and the laterality per set.
 */
import { basename } from 'node:path';
import { getFeature } from '../semiology/featureCatalogue.ts';
import type { ComparisonTable } from './comparisonTable.ts';
import type { LateralityResult, PredictionSetResult, TimingResult } from './evaluationTypes.ts';
import { escapeXml as esc } from './escapeXml.ts';
import { formatFixed3, formatWithInterval } from './formatNumber.ts';
import type { EvaluationReport } from './runEvaluation.ts';
import { formatSeconds, formatSources, LATERALITY_DEFINITION, TIMING_DEFINITION } from './timingSummaryText.ts';

export const MODE_DESCRIPTION = {
  binary: 'Binary mode (default): each feature scored yes-vs-no; abstentions (na), failures and missing predictions are not counted as answers but reported as coverage (answered / labelled); metrics are computed on the answered recordings, with Wilson 95% intervals for accuracy, precision and recall, MCC, and a patient-grouped bootstrap interval for F1.',
  paper: 'Paper mode: reproduces the published evaluation. Recordings with an empty label and failed predictions are excluded; where a feature\'s predictions (or labels) contain na, precision, recall and F1 are the macro average over the observed classes {yes, no, na} with 0 for undefined classes (sklearn average="macro", zero_division=0); otherwise binary with yes as positive and 0 for undefined ratios.',
} as const;

export function htmlSummary(report: EvaluationReport, comparison: ComparisonTable | null, chartSvg: string | null): string {
  const parts: string[] = [];
  parts.push(`<h1>Evaluation against expert labels</h1>`);
  parts.push(`<p class="mode"><strong>${report.mode === 'paper' ? 'Paper mode' : 'Binary mode'}.</strong> ${esc(capitalise(MODE_DESCRIPTION[report.mode].replace(/^[^:]*: /, '')))}</p>`);
  parts.push(inputsSection(report));
  if (report.warnings.length) {
    parts.push(`<h2>Notes on the inputs</h2><ul>${report.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  }
  if (chartSvg) parts.push(`<h2>F1 per feature</h2><figure>${chartSvg}</figure>`);
  for (const s of report.sets) parts.push(setSection(report, s));
  for (const s of report.sets) if (s.timing) parts.push(timingSection(s.name, [...s.timing.features, s.timing.overall]));
  for (const s of report.sets) if (s.laterality) parts.push(lateralitySection(s.name, [...s.laterality.items, s.laterality.overall]));
  if (comparison && report.sets.length > 1) parts.push(comparisonSection(comparison));
  if (report.agreement) parts.push(agreementSection(report));
  parts.push(`<h2>Definitions</h2><ul>
<li>Precision = TP/(TP+FP); recall = TP/(TP+FN); F1 = 2TP/(2TP+FP+FN); accuracy = (TP+TN)/n; MCC = (TP·TN−FP·FN)/√((TP+FP)(TP+FN)(TN+FP)(TN+FN)).</li>
<li>Wilson interval: the score interval for a binomial proportion, sensible for small n and for 0 or n successes.</li>
<li>Bootstrap: patients (first @-field of the file name) are resampled with replacement, all of a patient's recordings kept together; percentile 95% interval; seeded, so reruns give the same numbers.</li>
<li>Baselines: always-yes and a random rater saying yes at the label prevalence p, computed analytically (random F1 = p; always-yes F1 = 2p/(1+p)). An F1 near these is no better than chance.</li>
</ul>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Semioscope evaluation</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#111827;max-width:1100px}
table{border-collapse:collapse;margin:8px 0 20px;font-size:13px}
th,td{border:1px solid #d1d5db;padding:3px 7px;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
th{background:#f3f4f6}
.mode{background:#eef2ff;padding:8px 12px;border-radius:4px}
.muted{color:#6b7280}
</style></head><body>
${parts.join('\n')}
</body></html>
`;
}

function inputsSection(r: EvaluationReport): string {
  const labelNames = r.options.labels.map((l) => esc(basename(l.path))).join(', ');
  const rows = r.sets.map((s) => `<tr><td>${esc(s.name)}</td><td>${esc(s.source)}</td><td>${s.matched}</td><td>${s.labelsOnly.length}</td><td>${s.predictionsOnly.length}</td></tr>`);
  const unmatched = r.sets.filter((s) => s.labelsOnly.length + s.predictionsOnly.length > 0).map((s) =>
    `<details><summary>${esc(s.name)}: unmatched recordings</summary><ul>${[
      ...s.labelsOnly.map((f) => `<li>${esc(f)} <span class="muted">(labels only)</span></li>`),
      ...s.predictionsOnly.map((f) => `<li>${esc(f)} <span class="muted">(predictions only)</span></li>`),
    ].join('')}</ul></details>`);
  return `<h2>Inputs</h2>
<p>Labels: ${labelNames}${r.options.labels.length > 1 ? ' (majority-vote consensus of the raters)' : ''}: ${r.labels.records.length} recordings, ${r.labels.features.length} features.</p>
${rows.length ? `<table><tr><th>Prediction set</th><th>Source</th><th>Matched</th><th>Labels only</th><th>Predictions only</th></tr>${rows.join('')}</table>` : ''}
${unmatched.join('\n')}`;
}

function setSection(report: EvaluationReport, s: PredictionSetResult): string {
  const binary = report.mode === 'binary';
  const head = ['Feature', 'n', 'Positives', binary ? 'Coverage' : 'Averaging', 'Accuracy', 'Precision', 'Recall', 'F1', 'MCC', 'Patients', 'Chance F1'];
  const rows = s.results.map((r) => {
    const b = report.baselines.get(r.featureId);
    return `<tr><td>${esc(getFeature(r.featureId).label)}</td><td>${r.n}</td><td>${r.positives}</td>` +
      `<td>${binary ? `${formatFixed3(r.coverage)} (${r.answered}/${r.labelled})` : (r.averaging === 'macro' ? `macro ${esc(r.macroClasses.join('/'))}` : 'binary')}</td>` +
      `<td>${formatWithInterval(r.accuracy, r.accuracyCi)}</td><td>${formatWithInterval(r.precision, r.precisionCi)}</td>` +
      `<td>${formatWithInterval(r.recall, r.recallCi)}</td><td>${formatWithInterval(r.f1, r.f1Ci)}</td><td>${formatFixed3(r.mcc)}</td>` +
      `<td>${r.patients}</td><td>${formatFixed3(b?.random.f1 ?? null)}</td></tr>`;
  });
  return `<h2>${esc(s.name)}</h2><table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

function featureName(id: string): string {
  return id === 'all' ? 'All (pooled)' : id === 'arm_movement' ? 'Arm movement' : getFeature(id).label;
}

function timingSection(set: string, rows: readonly TimingResult[]): string {
  const head = ['Feature', 'Labelled onsets', 'Hits', 'Misses', 'False alarms', 'Onset MAE s', 'Median s', 'Bias s', '≤ 2 s', '≤ 5 s',
    'Offset MAE s', 'Median s', '≤ 2 s', '≤ 5 s', 'No predicted offset', 'Sources'];
  const body = rows.map((t) => `<tr><td>${esc(featureName(t.featureId))}</td><td>${t.labelledOnsets}</td><td>${t.hits}</td><td>${t.misses}</td><td>${t.falseAlarms}</td>` +
    `<td>${formatSeconds(t.onset.meanS)}</td><td>${formatSeconds(t.onset.medianS)}</td><td>${formatSeconds(t.onset.biasS)}</td><td>${formatFixed3(t.onset.within2)}</td><td>${formatFixed3(t.onset.within5)}</td>` +
    `<td>${formatSeconds(t.offset.meanS)}</td><td>${formatSeconds(t.offset.medianS)}</td><td>${formatFixed3(t.offset.within2)}</td><td>${formatFixed3(t.offset.within5)}</td>` +
    `<td>${t.offsetNotPredicted}</td><td>${esc(formatSources(t.sources))}</td></tr>`);
  return `<h2>${esc(set)}: onsets and offsets</h2><p class="muted">${esc(TIMING_DEFINITION)}</p><table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${body.join('')}</table>`;
}

function lateralitySection(set: string, rows: readonly LateralityResult[]): string {
  const head = ['Item', 'Labelled sides (L/R/bilateral)', 'Coverage', 'Accuracy', 'Balanced accuracy', 'Macro-F1', 'Always "right": accuracy', 'balanced', 'macro-F1', 'Sources'];
  const body = rows.map((l) => `<tr><td>${esc(featureName(l.itemId))}</td><td>${l.labelled} (${l.labelCounts.left}/${l.labelCounts.right}/${l.labelCounts.bilateral})</td>` +
    `<td>${formatFixed3(l.coverage)} (${l.answered}/${l.labelled})</td><td>${formatFixed3(l.model.accuracy)}</td><td>${formatFixed3(l.model.balancedAccuracy)}</td><td>${formatFixed3(l.model.macroF1)}</td>` +
    `<td>${formatFixed3(l.alwaysRight.accuracy)}</td><td>${formatFixed3(l.alwaysRight.balancedAccuracy)}</td><td>${formatFixed3(l.alwaysRight.macroF1)}</td><td>${esc(formatSources(l.sources))}</td></tr>`);
  return `<h2>${esc(set)}: laterality</h2><p class="muted">${esc(LATERALITY_DEFINITION)}</p><table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${body.join('')}</table>`;
}

function comparisonSection(t: ComparisonTable): string {
  const head = ['Feature', 'Metric', 'Models', ...t.variants, 'Always yes', 'Random'];
  let last = '';
  const rows = t.rows.map((r) => {
    const first = r.featureId !== last;
    last = r.featureId;
    return `<tr><td>${first ? esc(r.featureLabel) + (r.improved ? ' ↑' : '') : ''}</td><td>${esc(r.metric)}</td><td>${first ? esc(r.models.join('|')) : ''}</td>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}<td>${esc(r.alwaysYes)}</td><td>${esc(r.random)}</td></tr>`;
  });
  return `<h2>Comparison</h2><p class="muted">Cells are x|y across the models listed; ↑: an enhancement improves F1 for at least one model.</p><table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

function agreementSection(report: EvaluationReport): string {
  const a = report.agreement!;
  const pairNames = a.features[0]?.pairs.map((p) => `${p.a} vs ${p.b}`) ?? [];
  const rows = a.features.map((f) => `<tr><td>${esc(getFeature(f.featureId).label)}</td>${f.pairs.map((p) => `<td>${formatFixed3(p.result.kappa)} <span class="muted">(n=${p.result.n})</span></td>`).join('')}<td>${formatFixed3(f.fleiss.kappa)} <span class="muted">(n=${f.fleiss.subjects})</span></td><td>${report.consensus?.unresolved.get(f.featureId) ?? 0}</td></tr>`);
  return `<h2>Rater agreement</h2><p>Fleiss' kappa over all features: <strong>${formatFixed3(a.overall.kappa)}</strong> (${a.overall.subjects} items, ${a.raters.length} raters). Labels scored against: majority-vote consensus (a strict majority of all raters; otherwise left empty).</p>
<table><tr><th>Feature</th>${pairNames.map((n) => `<th>Cohen ${esc(n)}</th>`).join('')}<th>Fleiss</th><th>Unresolved</th></tr>${rows.join('')}</table>`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
