/** evaluation.json: the whole report as plain JSON for other tools (file names only, never full paths). */
import { basename } from 'node:path';
import { MODE_DESCRIPTION } from './htmlSummary.ts';
import type { EvaluationReport } from './runEvaluation.ts';

export function evaluationJson(r: EvaluationReport, improvedFeatures: readonly string[]): unknown {
  return {
    mode: r.mode,
    modeDescription: MODE_DESCRIPTION[r.mode],
    labels: {
      files: r.options.labels.map((l) => ({ name: l.name, file: basename(l.path) })),
      recordings: r.labels.records.length,
      features: r.labels.features,
    },
    bootstrap: { replicates: r.options.bootstrap, seed: r.options.seed, grouping: 'patient (first @-field of the file name)' },
    sets: r.sets.map((s) => ({
      name: s.name, model: s.model, variant: s.variant, source: s.source,
      matched: s.matched, labelsOnly: s.labelsOnly, predictionsOnly: s.predictionsOnly,
      predictionOnlyFeatures: s.predictionOnlyFeatures, results: s.results,
      timing: s.timing ?? null, laterality: s.laterality ?? null,
    })),
    baselines: Object.fromEntries([...r.baselines].map(([k, b]) => [k, b])),
    improvedFeatures,
    agreement: r.agreement,
    consensusUnresolved: r.consensus ? Object.fromEntries(r.consensus.unresolved) : null,
    warnings: r.warnings,
  };
}
