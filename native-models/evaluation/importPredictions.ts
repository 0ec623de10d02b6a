/**
 * Reads one prediction set from any mix of: prediction CSVs (annotation format, cells yes/no/na/fail/empty),
 * analysis.json files, and folders searched recursively for analysis.json files.
 *
 * Two files for the same recording (e.g. `x.mp4` analysed for vision and `x.wav` for audio) are merged
 * feature by feature; an answer (yes/no) beats an abstention or failure; two different answers are an error.
 * Their onsets and sides merge the same way: a given onset / side beats none; the first file's stands.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../errors.ts';
import { FEATURE_IDS } from '../semiology/featureCatalogue.ts';
import type { AnnotationRecord, AnnotationTable, CellValue, RecordTiming } from './evaluationTypes.ts';
import { importAnalysisJson } from './importAnalysisJson.ts';
import { importAnnotationCsv } from './importAnnotationCsv.ts';

export async function importPredictions(paths: readonly string[]): Promise<AnnotationTable> {
  const records = new Map<string, AnnotationRecord>();
  const warnings: string[] = [];
  const features = new Set<string>();
  const sources: string[] = [];
  const timedFeatures = new Set<string>();
  const lateralityItems = new Set<string>();
  const noteTiming = (t: { timedFeatures?: string[]; lateralityItems?: string[] }): void => {
    for (const f of t.timedFeatures ?? []) timedFeatures.add(f);
    for (const i of t.lateralityItems ?? []) lateralityItems.add(i);
  };

  const add = (rec: AnnotationRecord): void => {
    for (const f of rec.values.keys()) features.add(f);
    const prev = records.get(rec.key);
    if (!prev) {
      records.set(rec.key, rec);
      return;
    }
    if (rec.timing) prev.timing = mergeTiming(prev.timing, rec.timing);
    for (const [f, v] of rec.values) {
      const old = prev.values.get(f) ?? null;
      prev.values.set(f, mergeValue(old, v, f, prev.origin, rec.origin));
    }
  };

  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new InputError(`Prediction file or folder not found: ${p}`);
    if (info.isDirectory()) {
      const files = await listJsonFiles(p);
      let used = 0;
      for (const file of files) {
        const name = basename(file);
        const imported = importAnalysisJson(await readText(file), name);
        if (!imported) {
          warnings.push(`${name}: not an analysis result (no recording/findings); skipped.`);
          continue;
        }
        used++;
        warnings.push(...imported.warnings);
        noteTiming(imported);
        add(imported.record);
      }
      if (used === 0) throw new InputError(`No analysis.json files found in ${p}.`, 'Point --predictions at a folder of analysis results, an analysis.json file or a prediction CSV.');
      sources.push(`${basename(p)}/ (${used} analysis files)`);
    } else if (/\.json$/i.test(p)) {
      const name = basename(p);
      const imported = importAnalysisJson(await readText(p), name);
      if (!imported) throw new InputError(`${name} is JSON but not an analysis result (no recording/findings).`);
      warnings.push(...imported.warnings);
      noteTiming(imported);
      add(imported.record);
      sources.push(name);
    } else {
      const name = basename(p);
      const table = importAnnotationCsv(await readText(p), name, 'predictions');
      warnings.push(...table.warnings);
      noteTiming(table);
      for (const r of table.records) add(r);
      sources.push(name);
    }
  }
  const jsonCount = sources.filter((s) => /\.json$/i.test(s)).length;
  const source = jsonCount > 3
    ? [...sources.filter((s) => !/\.json$/i.test(s)), `${jsonCount} analysis.json files`].join(', ')
    : sources.join(', ');
  const out: AnnotationTable = { source, features: FEATURE_IDS.filter((f) => features.has(f)), records: [...records.values()], warnings };
  if (timedFeatures.size + lateralityItems.size > 0) {
    out.timedFeatures = FEATURE_IDS.filter((f) => timedFeatures.has(f));
    out.lateralityItems = [...lateralityItems];
  }
  return out;
}

/** A given onset / side beats none; between two given ones the first stands. */
function mergeTiming(a: RecordTiming | undefined, b: RecordTiming): RecordTiming {
  if (!a) return b;
  const times = new Map(a.times);
  for (const [f, v] of b.times) if (!times.has(f) || (times.get(f)!.startS === null && v.startS !== null)) times.set(f, v);
  const sides = new Map(a.sides);
  for (const [i, v] of b.sides) if (!sides.has(i) || (sides.get(i)!.side === null && v.side !== null)) sides.set(i, v);
  return { times, sides };
}

function mergeValue(a: CellValue, b: CellValue, feature: string, originA: string, originB: string): CellValue {
  const answered = (v: CellValue): boolean => v === 'yes' || v === 'no';
  if (a === b || b === null) return a;
  if (a === null) return b;
  if (answered(a) && answered(b)) {
    throw new InputError(`Conflicting predictions for ${feature}: ${originA} says ${a}, ${originB} says ${b}.`,
      'Give each analysis of the same recording to a different prediction set (name=path).');
  }
  if (answered(a)) return a;
  if (answered(b)) return b;
  return a === 'na' || b === 'na' ? 'na' : 'fail';
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listJsonFiles(full)));
    else if (e.isFile() && /\.json$/i.test(e.name)) out.push(full);
  }
  return out;
}
