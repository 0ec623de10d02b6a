/**
 * Agreement between expert raters (one label file each): per feature, Cohen's kappa for every pair of
 * raters (recordings both labelled) and Fleiss' kappa (recordings all raters labelled); overall Fleiss'
 * kappa pooling every (recording, feature) item labelled by all raters. Categories are the values used
 * (yes / no / na); empty cells are "not rated".
 */
import type { AnnotationTable, CellValue } from './evaluationTypes.ts';
import { cohenKappa, type KappaResult } from './cohenKappa.ts';
import { fleissKappa, type FleissResult } from './fleissKappa.ts';

export interface RaterTable {
  name: string;
  table: AnnotationTable;
}

export interface FeatureAgreement {
  featureId: string;
  pairs: { a: string; b: string; result: KappaResult }[];
  fleiss: FleissResult;
}

export interface AgreementResult {
  raters: string[];
  features: FeatureAgreement[];
  overall: FleissResult;
  /** Recordings present in every rater file / in only some. */
  commonRecordings: number;
  partialRecordings: string[];
}

const CATEGORIES = ['yes', 'no', 'na'] as const;

export function raterAgreement(raters: readonly RaterTable[]): AgreementResult {
  const maps = raters.map((r) => new Map(r.table.records.map((rec) => [rec.key, rec])));
  const allKeys = [...new Set(raters.flatMap((r) => r.table.records.map((rec) => rec.key)))];
  const common = allKeys.filter((k) => maps.every((m) => m.has(k)));
  const features = raters[0]!.table.features.filter((f) => raters.every((r) => r.table.features.includes(f)));
  const value = (i: number, key: string, f: string): CellValue => maps[i]!.get(key)?.values.get(f) ?? null;

  const pooled: number[][] = [];
  const out: FeatureAgreement[] = features.map((featureId) => {
    const pairs: FeatureAgreement['pairs'] = [];
    for (let i = 0; i < raters.length; i++) {
      for (let j = i + 1; j < raters.length; j++) {
        const items: { a: string; b: string }[] = [];
        for (const k of common) {
          const a = value(i, k, featureId);
          const b = value(j, k, featureId);
          if (a !== null && b !== null) items.push({ a, b });
        }
        pairs.push({ a: raters[i]!.name, b: raters[j]!.name, result: cohenKappa(items) });
      }
    }
    const rows: number[][] = [];
    for (const k of common) {
      const vals = raters.map((_, i) => value(i, k, featureId));
      if (vals.some((v) => v === null)) continue;
      rows.push(CATEGORIES.map((c) => vals.filter((v) => v === c).length));
    }
    pooled.push(...rows);
    return { featureId, pairs, fleiss: fleissKappa(dropEmptyColumns(rows)) };
  });
  return {
    raters: raters.map((r) => r.name),
    features: out,
    overall: fleissKappa(dropEmptyColumns(pooled)),
    commonRecordings: common.length,
    partialRecordings: allKeys.filter((k) => !common.includes(k)),
  };
}

function dropEmptyColumns(rows: number[][]): number[][] {
  if (rows.length === 0) return rows;
  const keep = rows[0]!.map((_, j) => rows.some((r) => r[j]! > 0));
  return rows.map((r) => r.filter((_, j) => keep[j]));
}
