/**
 * A table in the layout of the paper's Table 2: one block of metric rows per feature, one column per input
 * variant (base first, then enhancements), each cell `x|y` across models in the order they were given,
 * an arrow (↑) on features where an enhanced variant beats base F1 for at least one model (compared at
 * the 3 decimals shown), and the chance baselines (always-yes, prevalence-matched random) alongside.
 */
import { FEATURE_IDS, getFeature } from '../semiology/featureCatalogue.ts';
import type { EvaluationMode, FeatureResult, PredictionSetResult } from './evaluationTypes.ts';
import { formatCsv } from './formatCsv.ts';
import { formatFixed3, roundHalfEven } from './formatNumber.ts';
import type { LabelBaseline } from './labelBaselines.ts';

type MetricKey = 'accuracy' | 'precision' | 'recall' | 'f1' | 'coverage';

const METRICS: readonly { key: MetricKey; name: string }[] = [
  { key: 'accuracy', name: 'Accuracy' },
  { key: 'precision', name: 'Precision' },
  { key: 'recall', name: 'Recall' },
  { key: 'f1', name: 'F1 Score' },
];
const COVERAGE = { key: 'coverage' as const, name: 'Coverage' };

export interface ComparisonRow {
  featureId: string;
  featureLabel: string;
  improved: boolean;
  metric: string;
  /** Models contributing to this feature's cells, in cell order. */
  models: string[];
  /** Cell per variant column ('' when no model has that variant for the feature). */
  cells: string[];
  alwaysYes: string;
  random: string;
}

export interface ComparisonTable {
  mode: EvaluationMode;
  variants: string[];
  rows: ComparisonRow[];
  improvedFeatures: string[];
}

export function buildComparisonTable(
  sets: readonly PredictionSetResult[],
  baselines: ReadonlyMap<string, LabelBaseline>,
  mode: EvaluationMode,
): ComparisonTable {
  const models = unique(sets.map((s) => s.model));
  const variants = unique(['base', ...sets.map((s) => s.variant)]).filter((v) => v === 'base' ? sets.some((s) => s.variant === 'base') : true);
  const result = (model: string, variant: string, featureId: string): FeatureResult | undefined =>
    sets.find((s) => s.model === model && s.variant === variant)?.results.find((r) => r.featureId === featureId);
  const metrics = mode === 'binary' ? [...METRICS, COVERAGE] : METRICS;
  const rows: ComparisonRow[] = [];
  const improvedFeatures: string[] = [];

  for (const featureId of FEATURE_IDS) {
    const featureModels = models.filter((m) => variants.some((v) => result(m, v, featureId)));
    if (featureModels.length === 0) continue;
    const featureVariants = variants.map((v) => featureModels.some((m) => result(m, v, featureId)));
    const improved = featureModels.some((m) => {
      const base = result(m, 'base', featureId)?.f1;
      if (base === null || base === undefined) return false;
      return variants.some((v) => {
        const e = v === 'base' ? null : result(m, v, featureId)?.f1;
        return e !== null && e !== undefined && roundHalfEven(e) > roundHalfEven(base);
      });
    });
    if (improved) improvedFeatures.push(featureId);
    const b = baselines.get(featureId);
    for (const { key, name } of metrics) {
      const baseline = (x: LabelBaseline['alwaysYes'] | undefined): string =>
        key === 'coverage' || !x ? '' : formatFixed3(x[key]);
      rows.push({
        featureId,
        featureLabel: getFeature(featureId).label,
        improved,
        metric: name,
        models: featureModels,
        cells: variants.map((v, i) => featureVariants[i]
          ? featureModels.map((m) => formatFixed3(result(m, v, featureId)?.[key] ?? null)).join('|')
          : ''),
        alwaysYes: baseline(b?.alwaysYes),
        random: baseline(b?.random),
      });
    }
  }
  return { mode, variants, rows, improvedFeatures };
}

const title = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function comparisonMarkdown(t: ComparisonTable): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const header = ['Feature', 'Metric', 'Models', ...t.variants.map(title), 'Always yes', 'Random'];
  const lines = [
    `Mode: ${t.mode === 'paper' ? 'paper (published conventions)' : 'binary (abstentions excluded and reported as coverage)'}. ` +
      'Each cell is x|y across the models listed; ↑ marks features where an enhancement improves F1 for at least one model. ' +
      'Baselines: always-yes and prevalence-matched random, computed analytically from the labels.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
  ];
  let last = '';
  for (const r of t.rows) {
    const first = r.featureId !== last;
    last = r.featureId;
    const feature = first ? `${r.featureLabel}${r.improved ? ' ↑' : ''}` : '';
    lines.push(`| ${[feature, r.metric, first ? r.models.join('\\|') : '', ...r.cells.map(esc), r.alwaysYes, r.random].join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

export function comparisonCsv(t: ComparisonTable): string {
  return formatCsv([
    ['feature', 'improved', 'metric', 'models', ...t.variants, 'always_yes', 'random'],
    ...t.rows.map((r) => [r.featureId, r.improved ? 'yes' : 'no', r.metric, r.models.join('|'), ...r.cells, r.alwaysYes, r.random]),
  ]);
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
