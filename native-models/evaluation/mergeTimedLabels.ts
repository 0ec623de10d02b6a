/**
 * The timed and lateralized labels scored against: the times and sides of the (single) label file followed by
 * those of every --timed-labels file, merged per recording. A cell given by an earlier file stands; where a
 * later file gives a different value for it, the disagreement is counted and reported, never silently mixed.
 */
import { FEATURE_IDS } from '../semiology/featureCatalogue.ts';
import type { AnnotationTable, RecordTiming } from './evaluationTypes.ts';
import { LATERALITY_ITEMS } from './lateralityItems.ts';

export interface TimedLabels {
  byKey: Map<string, RecordTiming>;
  timedFeatures: string[];
  lateralityItems: string[];
  warnings: string[];
}

export function mergeTimedLabels(tables: readonly AnnotationTable[], labelKeys: ReadonlySet<string>): TimedLabels {
  const byKey = new Map<string, RecordTiming>();
  const feats = new Set<string>();
  const items = new Set<string>();
  const warnings: string[] = [];
  tables.forEach((t, ti) => {
    for (const f of t.timedFeatures ?? []) feats.add(f);
    for (const i of t.lateralityItems ?? []) items.add(i);
    const disagree = new Map<string, number>();
    let outside = 0;
    for (const r of t.records) {
      if (!r.timing) continue;
      if (ti > 0 && !labelKeys.has(r.key)) outside++;
      const cur = byKey.get(r.key);
      if (!cur) { byKey.set(r.key, { times: new Map(r.timing.times), sides: new Map(r.timing.sides) }); continue; }
      for (const [f, v] of r.timing.times) {
        const old = cur.times.get(f);
        if (!old) { cur.times.set(f, v); continue; }
        if (old.startS !== v.startS || old.endS !== v.endS || Boolean(old.ambiguous) !== Boolean(v.ambiguous)) {
          disagree.set(`start/end_time_for_${f}`, (disagree.get(`start/end_time_for_${f}`) ?? 0) + 1);
        }
      }
      for (const [i, v] of r.timing.sides) {
        const old = cur.sides.get(i);
        if (!old) { cur.sides.set(i, v); continue; }
        if (old.side !== v.side) disagree.set(`side ${i}`, (disagree.get(`side ${i}`) ?? 0) + 1);
      }
    }
    if (disagree.size) {
      const total = [...disagree.values()].reduce((a, b) => a + b, 0);
      warnings.push(`${t.source} disagrees with an earlier label file on ${total} timed/side cell(s) (${[...disagree].map(([k, n]) => `${k}: ${n}`).join(', ')}); the earlier file's values are used.`);
    }
    if (outside) warnings.push(`${t.source}: ${outside} row(s) name recordings that are not in the presence labels; not scored.`);
  });
  return {
    byKey,
    timedFeatures: FEATURE_IDS.filter((f) => feats.has(f)),
    lateralityItems: LATERALITY_ITEMS.map((i) => i.id).filter((i) => items.has(i)),
    warnings,
  };
}
