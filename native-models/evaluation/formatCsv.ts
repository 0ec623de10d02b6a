/** Writes rows as CSV (LF line ends, quoting only where needed, no byte-order mark). */
export type CsvCell = string | number | null | undefined;

export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => r.map(formatCell).join(',')).join('\n') + '\n';
}

function formatCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
