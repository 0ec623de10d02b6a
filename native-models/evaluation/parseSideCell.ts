/**
 * Parses one side cell (the patient's side) of a laterality column: `left` / `l` / `lt`, `right` / `r` / `rt`,
 * `bilateral` / `both` / `bilat` / `b`, case and surrounding spaces ignored (the public S³ file has `right `);
 * empty, `N/A`, `na`, `none`, `-` mean no side labelled. Returns undefined for anything else.
 */
import type { SideValue } from './evaluationTypes.ts';

const SIDES: Readonly<Record<string, SideValue | null>> = {
  left: 'left', l: 'left', lt: 'left',
  right: 'right', r: 'right', rt: 'right',
  bilateral: 'bilateral', both: 'bilateral', bilat: 'bilateral', b: 'bilateral',
  '': null, 'n/a': null, na: null, none: null, '-': null,
};

export function parseSideCell(raw: string): SideValue | null | undefined {
  const v = SIDES[raw.trim().toLowerCase()];
  return v === undefined ? undefined : v;
}

export const ACCEPTED_SIDE_TEXT = 'left / l, right / r, bilateral / both, or empty / N/A';
