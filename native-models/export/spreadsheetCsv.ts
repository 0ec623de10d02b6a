/**
 * The CSV a hospital PC opens in Excel: UTF-8 with a byte-order mark (without it Excel on Windows reads the
 * file in the machine's ANSI code page, so a reviewer "Dr 李" or a comment "右側" opens as mojibake; with it,
 * every version since 2007 reads UTF-8), CRLF between records (RFC 4180), and RFC 4180 quoting from
 * evaluation/formatCsv.ts (a field with a comma, quote or line break is quoted; line breaks inside a quoted
 * comment stay as typed). Cells are written exactly as given: nothing is trimmed, cut or re-encoded.
 */
import { formatCsv, type CsvCell } from '../evaluation/formatCsv.ts';

export const UTF8_BOM = '\uFEFF';

export function spreadsheetCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((r) => formatCsv([r]).slice(0, -1)).join('\r\n') + '\r\n';
}

/** Recording seconds as a cell: rounded to the millisecond, empty when unknown. */
export function secondsCell(s: number | null | undefined): number | null {
  return s === null || s === undefined ? null : Math.round(s * 1000) / 1000;
}
