/**
 * The timed and lateralized columns of an annotation file in the layout of the public S³ annotations:
 * `start_time_for_<feature>` / `end_time_for_<feature>` (times: see parseTimeCell.ts), `left_right_<item>`
 * (sides: see parseSideCell.ts and lateralityItems.ts), and the columns read but not scored
 * (`justification_for_<feature>`, S³'s `arm_movement_start_time`, `arm_moverment_end_time` (sic),
 * `body_region_onset`).
 */
import { InputError } from '../errors.ts';
import { FEATURE_IDS, isFeatureId } from '../semiology/featureCatalogue.ts';
import { closestName } from './closestName.ts';
import type { RecordTiming, SideCell, TimedValue, TimingSource } from './evaluationTypes.ts';
import { lateralityItemOfColumn, LATERALITY_ITEMS } from './lateralityItems.ts';
import { ACCEPTED_SIDE_TEXT, parseSideCell } from './parseSideCell.ts';
import { ACCEPTED_TIME_TEXT, parseTimeCell } from './parseTimeCell.ts';

/** Columns of the S³ files that are known but not scored. */
export const UNSCORED_TIMED_COLUMNS: readonly string[] = ['arm_movement_start_time', 'arm_movement_end_time', 'arm_moverment_end_time', 'body_region_onset'];

export interface TimingColumns {
  times: { featureId: string; start: number; end: number | null }[];
  sides: { itemId: string; col: number }[];
  /** Every column this reader uses or knowingly ignores, so the caller does not warn about them. */
  handled: Set<number>;
  warnings: string[];
}

/** `header` lower-cased; `rawHeader` as written, for messages. */
export function timingColumns(header: readonly string[], rawHeader: readonly string[], sourceName: string): TimingColumns {
  const warnings: string[] = [];
  const handled = new Set<number>();
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const sides: { itemId: string; col: number }[] = [];
  const unknownFeature = (col: number, id: string): void => {
    const near = closestName(id, FEATURE_IDS);
    warnings.push(`${sourceName}: ignoring column "${rawHeader[col]}": "${id}" is not a feature id in the catalogue` + (near ? ` (did you mean "${near}"?)` : '') + '.');
  };
  header.forEach((h, col) => {
    let m: RegExpExecArray | null;
    if ((m = /^(start|end)_time_for_(.+)$/.exec(h))) {
      handled.add(col);
      const id = m[2]!;
      if (!isFeatureId(id)) return unknownFeature(col, id);
      (m[1] === 'start' ? starts : ends).set(id, col);
    } else if ((m = /^justification_for_(.+)$/.exec(h))) {
      handled.add(col);
    } else if (h.startsWith('left_right_')) {
      handled.add(col);
      const item = lateralityItemOfColumn(h);
      if (item === 'not_lateralizing') warnings.push(`${sourceName}: ignoring column "${rawHeader[col]}": that feature takes no side.`);
      else if (item === null) {
        const near = closestName(h, LATERALITY_ITEMS.map((i) => i.column));
        warnings.push(`${sourceName}: ignoring column "${rawHeader[col]}": not a laterality column` + (near ? ` (did you mean "${near}"?)` : '') + '.');
      } else sides.push({ itemId: item.id, col });
    } else if (UNSCORED_TIMED_COLUMNS.includes(h)) {
      handled.add(col);
    }
  });
  for (const [id, col] of ends) {
    if (!starts.has(id)) warnings.push(`${sourceName}: ignoring column "${rawHeader[col]}": there is no start_time_for_${id}.`);
  }
  const times = FEATURE_IDS.filter((id) => starts.has(id)).map((featureId) => ({ featureId, start: starts.get(featureId)!, end: ends.get(featureId) ?? null }));
  const order = LATERALITY_ITEMS.map((i) => i.id);
  sides.sort((a, b) => order.indexOf(a.itemId) - order.indexOf(b.itemId));
  return { times, sides, handled, warnings };
}

/** Cells that could not be read unambiguously, collected over a file for one warning. */
export interface AmbiguousCell {
  where: string;
  column: string;
  raw: string;
}

export function readTimingRow(cells: readonly string[], cols: TimingColumns, rawHeader: readonly string[], where: string,
  source: TimingSource, ambiguous: AmbiguousCell[]): RecordTiming {
  const times = new Map<string, TimedValue>();
  const read = (col: number): number | null | 'ambiguous' => {
    const raw = cells[col] ?? '';
    const t = parseTimeCell(raw);
    if (t.kind === 'invalid') {
      throw new InputError(`${where}, column ${rawHeader[col]}: "${raw}" is not a time.`, `Accepted: ${ACCEPTED_TIME_TEXT}.`);
    }
    if (t.kind === 'ambiguous') {
      ambiguous.push({ where, column: rawHeader[col]!, raw: raw.trim() });
      return 'ambiguous';
    }
    return t.kind === 'time' ? t.seconds : null;
  };
  for (const { featureId, start, end } of cols.times) {
    const s = read(start);
    const e = end === null ? null : read(end);
    if (s === 'ambiguous') {
      times.set(featureId, { startS: null, endS: null, source, ambiguous: true });
      continue;
    }
    const endS = s === null || e === 'ambiguous' ? null : e;
    if (s !== null && endS !== null && endS < s) {
      throw new InputError(`${where}: end_time_for_${featureId} (${endS} s) is before start_time_for_${featureId} (${s} s).`);
    }
    times.set(featureId, { startS: s, endS, source });
  }
  const sides = new Map<string, SideCell>();
  for (const { itemId, col } of cols.sides) {
    const raw = cells[col] ?? '';
    const side = parseSideCell(raw);
    if (side === undefined) {
      throw new InputError(`${where}, column ${rawHeader[col]}: "${raw}" is not a side.`, `Accepted: ${ACCEPTED_SIDE_TEXT} (the patient's side).`);
    }
    sides.set(itemId, { side, source });
  }
  return { times, sides };
}

/** One warning for a file's ambiguous time cells. */
export function ambiguousWarning(sourceName: string, cells: readonly AmbiguousCell[]): string[] {
  if (cells.length === 0) return [];
  const ex = cells.slice(0, 3).map((c) => `${c.where.replace(/^.* line /, 'line ')} ${c.column} "${c.raw}"`).join('; ');
  return [`${sourceName}: ${cells.length} time cell(s) are ambiguous (three fields whose last is not 00: H:MM:SS or a broken MM:SS:00?), ` +
    `not scored for those recordings: ${ex}${cells.length > 3 ? '; ...' : ''}.`];
}
