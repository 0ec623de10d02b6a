/** Writes every output file of an evaluation into one folder; returns the files written (relative paths). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { annotationCsv } from './annotationCsv.ts';
import { cohenAgreementCsv, fleissAgreementCsv } from './agreementCsv.ts';
import { buildComparisonTable, comparisonCsv, comparisonMarkdown } from './comparisonTable.ts';
import { renderF1Chart } from './f1Chart.ts';
import { htmlSummary } from './htmlSummary.ts';
import { lateralityCsv } from './lateralityCsv.ts';
import { metricsCsv } from './metricsCsv.ts';
import { metricsDetailedCsv } from './metricsDetailedCsv.ts';
import type { EvaluationReport } from './runEvaluation.ts';
import { evaluationJson } from './evaluationJson.ts';
import { timingCsv } from './timingCsv.ts';
import { unmatchedCsv } from './unmatchedCsv.ts';

export async function writeEvaluationOutputs(report: EvaluationReport, outDir: string): Promise<string[]> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw new InputError(`Cannot create the output folder ${outDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const written: string[] = [];
  const put = async (rel: string, text: string): Promise<void> => {
    const full = join(outDir, rel);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, text, 'utf8');
    written.push(rel);
  };
  const { sets } = report;
  if (sets.length === 1) {
    await put('metrics.csv', metricsCsv(sets[0]!));
  } else {
    const used = new Set<string>();
    for (const s of sets) {
      let dir = s.name.replace(/[^A-Za-z0-9._-]+/g, '-');
      while (used.has(dir)) dir += '_';
      used.add(dir);
      await put(join(dir, 'metrics.csv'), metricsCsv(s));
    }
  }
  let comparison = null;
  let chart: string | null = null;
  if (sets.length > 0) {
    await put('metrics-detailed.csv', metricsDetailedCsv(sets, report.baselines));
    await put('unmatched.csv', unmatchedCsv(sets));
    comparison = buildComparisonTable(sets, report.baselines, report.mode);
    await put('comparison.md', comparisonMarkdown(comparison));
    await put('comparison.csv', comparisonCsv(comparison));
    const title = `F1 per feature (${report.mode} mode) vs expert labels`;
    await put('f1-chart.svg', renderF1Chart(sets, report.baselines, { title, standalone: true }));
    chart = renderF1Chart(sets, report.baselines, { title, standalone: false });
  }
  if (sets.some((s) => s.timing)) await put('timing.csv', timingCsv(sets));
  if (sets.some((s) => s.laterality)) await put('laterality.csv', lateralityCsv(sets));
  if (report.agreement) {
    await put('agreement-cohen.csv', cohenAgreementCsv(report.agreement));
    await put('agreement-fleiss.csv', fleissAgreementCsv(report.agreement));
  }
  if (report.consensus) await put('consensus-labels.csv', annotationCsv(report.consensus.table));
  await put('summary.html', htmlSummary(report, comparison, chart));
  await put('evaluation.json', JSON.stringify(evaluationJson(report, comparison?.improvedFeatures ?? []), null, 2) + '\n');
  return written;
}
