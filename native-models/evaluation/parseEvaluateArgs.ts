/** Command-line options of `semioscope evaluate`, parsed and validated (UsageError on anything wrong). */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import type { EvaluationMode } from './evaluationTypes.ts';
import type { EvaluationOptions, LabelSource, PredictionSource } from './runEvaluation.ts';

export const EVALUATE_HELP = `Usage: semioscope evaluate --labels <csv> --predictions <csv|analysis.json|folder> --out <dir> [options]

Scores predictions against expert labels per feature, in the layout of the paper's results.

Inputs
  --labels <csv>             Expert labels in the published annotation format (file_name + one column per
                             feature id; cells yes / no / na / empty). Repeat, one file per rater
                             (optionally name=path), to get Cohen's and Fleiss' kappa and a majority-vote
                             consensus that the predictions are then scored against.
  --predictions <path>       A prediction CSV (same shape; cells yes / no / na / fail / empty), analysis.json
                             files, or a folder of them (searched recursively). Matched to labels by file
                             name without extension (x.mp4 matches x.wav). Repeat with
                             model:variant=path (e.g. qwen:base=q.csv qwen:crop=q-crop.csv) to compare
                             several models and input variants in one table. Paths following a
                             --predictions value (a shell glob) join the same set.
  --timed-labels <csv>       Times and sides only, in the layout of the public S³ annotations (e.g.
                             task3_spatial_annotation.csv): file_name, start_time_for_<feature> /
                             end_time_for_<feature>, left_right_<feature>, left_right_arm_movement. Repeatable;
                             merged after the times and sides of a single --labels file (the first given stands).
Timed and lateralized labels (any label file)
  start_time_for_<feature>, end_time_for_<feature>: MM:SS:00 (00:12:00 = 12 s), M:SS (0:12) or seconds (12.5);
                             empty or N/A = none. Three fields not ending in :00 (0:01:59) are ambiguous: not scored.
  left_right_<feature>, left_right_arm_movement: the patient's side, left / l, right / r, bilateral / both,
                             empty or N/A = none. arm_movement is answered by clonic, tonic, arm_flexion,
                             arm_straightening and limb_automatisms (the earliest with a side).
Output
  --out <dir>                Output folder (created if missing).
Options
  --mode binary|paper        binary (default): yes-vs-no per feature; na / fail / empty predictions are
                             reported as coverage and not scored; Wilson 95% intervals, MCC, n.
                             paper: the published conventions (empty labels and failed predictions
                             excluded; sklearn macro average over {yes,no,na} where predictions hold na).
  --bootstrap <n>            Patient-grouped bootstrap replicates for F1 intervals (default 1000, 0 = off).
  --seed <n>                 Bootstrap seed (default 1); the same seed gives the same intervals.
  -h, --help                 This text.

Writes metrics.csv (paper layout; per set in <dir>/<set>/ when several sets), metrics-detailed.csv,
unmatched.csv, comparison.md / comparison.csv (with always-yes and random baselines), f1-chart.svg,
summary.html, evaluation.json; with several label files also agreement-cohen.csv, agreement-fleiss.csv
and consensus-labels.csv; with timed labels timing.csv (onset/offset errors, misses and false alarms apart);
with side labels laterality.csv (accuracy, balanced accuracy, macro-F1, coverage, always-"right").`;

export type ParsedEvaluateArgs = { help: true } | { help: false; options: EvaluationOptions; outDir: string };

const NAME = /^[A-Za-z0-9_.+-]+(:[A-Za-z0-9_.+-]+)?$/;

export function parseEvaluateArgs(argv: readonly string[]): ParsedEvaluateArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        labels: { type: 'string', multiple: true },
        'timed-labels': { type: 'string', multiple: true },
        predictions: { type: 'string', multiple: true },
        out: { type: 'string' },
        mode: { type: 'string' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional.*$/s, '.')}`, 'Run "semioscope evaluate --help" for the options.');
  }
  if (parsed.values.help) return { help: true };

  const labels: LabelSource[] = [];
  const sets = new Map<string, PredictionSource>();
  let current: PredictionSource | null = null;
  for (const t of parsed.tokens ?? []) {
    if (t.kind === 'option' && t.name === 'labels') {
      const { name, path } = splitName(t.value ?? '', '--labels');
      labels.push({ name: name ?? basename(path).replace(/\.[^.]+$/, ''), path });
    } else if (t.kind === 'option' && t.name === 'predictions') {
      const { name, path } = splitName(t.value ?? '', '--predictions');
      const setName = name ?? 'predictions';
      current = sets.get(setName) ?? { name: setName, ...modelAndVariant(setName), paths: [] };
      sets.set(setName, current);
      current.paths.push(path);
    } else if (t.kind === 'positional') {
      if (!current) throw new UsageError(`Unexpected argument "${t.value}".`, 'Prediction paths go after --predictions; run "semioscope evaluate --help".');
      current.paths.push(t.value);
    }
  }
  const names = new Set<string>();
  for (const l of labels) {
    if (names.has(l.name)) throw new UsageError(`Two label files are both named "${l.name}".`, 'Name raters explicitly: --labels rater1=a.csv --labels rater2=b.csv.');
    names.add(l.name);
  }
  if (labels.length === 0) throw new UsageError('Missing --labels <csv>.', 'Run "semioscope evaluate --help" for the options.');
  const out = parsed.values.out;
  if (!out) throw new UsageError('Missing --out <dir>.', 'Run "semioscope evaluate --help" for the options.');
  const mode = (parsed.values.mode ?? 'binary').toLowerCase();
  if (mode !== 'binary' && mode !== 'paper') throw new UsageError(`--mode must be binary or paper, not "${parsed.values.mode}".`);
  return {
    help: false,
    outDir: out,
    options: {
      labels,
      predictions: [...sets.values()],
      mode: mode as EvaluationMode,
      bootstrap: integer(parsed.values.bootstrap, '--bootstrap', 1000, 0, 100_000),
      seed: integer(parsed.values.seed, '--seed', 1, 0, 2 ** 32 - 1),
      timedLabels: [...(parsed.values['timed-labels'] ?? [])],
    },
  };
}

/** `name=path` when the part before `=` looks like a name and the whole value is not an existing file. */
function splitName(value: string, option: string): { name: string | null; path: string } {
  if (value === '') throw new UsageError(`${option} needs a path.`);
  const eq = value.indexOf('=');
  if (eq > 0 && NAME.test(value.slice(0, eq)) && !existsSync(value)) {
    const path = value.slice(eq + 1);
    if (path === '') throw new UsageError(`${option} ${value}: no path after "=".`);
    return { name: value.slice(0, eq), path };
  }
  return { name: null, path: value };
}

function modelAndVariant(name: string): { model: string; variant: string } {
  const i = name.indexOf(':');
  return i < 0 ? { model: name, variant: 'base' } : { model: name.slice(0, i), variant: name.slice(i + 1).toLowerCase() };
}

function integer(raw: string | undefined, option: string, dflt: number, min: number, max: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return n;
}
