/** Parses one annotation / prediction cell: yes, no, na, fail or empty (case and surrounding spaces ignored). */
import type { CellValue } from './evaluationTypes.ts';

const VALUES: Readonly<Record<string, CellValue>> = {
  yes: 'yes',
  no: 'no',
  na: 'na',
  'n/a': 'na',
  fail: 'fail',
  failed: 'fail',
  '': null,
};

/** Returns the value, or undefined when the text is not one of the accepted spellings. */
export function parseCellValue(raw: string): CellValue | undefined {
  const v = VALUES[raw.trim().toLowerCase()];
  return v === undefined ? undefined : v;
}

export const ACCEPTED_CELL_TEXT = 'yes, no, na, fail or an empty cell';
