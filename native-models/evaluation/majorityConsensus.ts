/**
 * Majority-vote consensus of several rater files: a cell takes the value chosen by a strict majority of
 * all raters (2 of 3, 3 of 4, both of 2). Anything else (a tie, too many empty cells) stays empty and is
 * counted as unresolved, so a consensus never rests on a minority of the raters.
 */
import { FEATURE_IDS } from '../semiology/featureCatalogue.ts';
import type { AnnotationRecord, AnnotationTable, CellValue } from './evaluationTypes.ts';
import type { RaterTable } from './raterAgreement.ts';

export interface ConsensusResult {
  table: AnnotationTable;
  /** Cells left empty although at least one rater labelled them, per feature. */
  unresolved: Map<string, number>;
}

export function majorityConsensus(raters: readonly RaterTable[]): ConsensusResult {
  const m = raters.length;
  const features = FEATURE_IDS.filter((f) => raters.every((r) => r.table.features.includes(f)));
  const unresolved = new Map(features.map((f) => [f, 0]));
  const byKey = new Map<string, AnnotationRecord[]>();
  for (const r of raters) {
    for (const rec of r.table.records) {
      const list = byKey.get(rec.key);
      if (list) list.push(rec);
      else byKey.set(rec.key, [rec]);
    }
  }
  const records: AnnotationRecord[] = [];
  for (const [key, recs] of byKey) {
    const values = new Map<string, CellValue>();
    for (const f of features) {
      const votes = new Map<CellValue, number>();
      for (const rec of recs) {
        const v = rec.values.get(f) ?? null;
        if (v !== null) votes.set(v, (votes.get(v) ?? 0) + 1);
      }
      let winner: CellValue = null;
      for (const [v, c] of votes) if (c * 2 > m) winner = v;
      if (winner === null && votes.size > 0) unresolved.set(f, unresolved.get(f)! + 1);
      values.set(f, winner);
    }
    const first = recs[0]!;
    records.push({ key, fileName: first.fileName, patientId: first.patientId, origin: `consensus of ${recs.length} raters`, values });
  }
  return {
    table: { source: `consensus of ${raters.map((r) => r.name).join(', ')}`, features, records, warnings: [] },
    unresolved,
  };
}
