/**
 * Reads a table in the published annotation format (one row per recording, `file_name` plus one column per
 * feature id, cells yes / no / na / empty; prediction files may also hold `fail`). Quirks handled: byte-order
 * mark, CRLF, extra non-feature columns (gender, start_time, end_time, label), columns in any order,
 * trailing commas. Unknown columns are ignored with a warning that suggests the nearest feature id.
 * The timed and lateralized columns of the S³ layout (timingColumns.ts) are read into each record's `timing`;
 * role `timed` reads only those (a file of times and sides, e.g. S³'s task3_spatial_annotation.csv).
 */
import { InputError } from '../errors.ts';
import { FEATURE_IDS, isFeatureId } from '../semiology/featureCatalogue.ts';
import { closestName } from './closestName.ts';
import { ambiguousWarning, readTimingRow, timingColumns, type AmbiguousCell } from './timingColumns.ts';
import type { AnnotationRecord, AnnotationTable, CellValue } from './evaluationTypes.ts';
import { parseCsv } from './parseCsv.ts';
import { ACCEPTED_CELL_TEXT, parseCellValue } from './parseCellValue.ts';
import { patientIdOf, recordingKey } from './recordingKey.ts';

/** Non-feature columns of the published file; ignored without a warning. */
export const KNOWN_EXTRA_COLUMNS: readonly string[] = ['gender', 'start_time', 'end_time', 'label'];

export type TableRole = 'labels' | 'predictions' | 'timed';

export function importAnnotationCsv(text: string, sourceName: string, role: TableRole): AnnotationTable {
  const csv = parseCsv(text, sourceName);
  const header = csv.header.map((h) => h.toLowerCase());
  const seen = new Set<string>();
  for (const h of header) {
    if (h !== '' && seen.has(h)) throw new InputError(`${sourceName}: the column "${h}" appears twice in the header.`);
    seen.add(h);
  }
  const fileCol = header.indexOf('file_name');
  if (fileCol < 0) {
    throw new InputError(
      `${sourceName}: no "file_name" column. The header reads: ${csv.header.join(', ') || '(empty)'}.`,
      'The first row must name the columns, e.g. "file_name,blank_stare,close_eyes,...".',
    );
  }

  const warnings: string[] = [];
  if (csv.hadBom) warnings.push(`${sourceName}: starts with a UTF-8 byte-order mark (ignored).`);
  const timed = timingColumns(header, csv.header, sourceName);
  const hasTiming = timed.times.length + timed.sides.length > 0;
  warnings.push(...timed.warnings);
  const featureCols: { id: string; col: number }[] = [];
  header.forEach((h, col) => {
    if (col === fileCol || h === '' || timed.handled.has(col)) return;
    if (isFeatureId(h)) {
      if (role !== 'timed') featureCols.push({ id: h, col });
    }
    else if (!KNOWN_EXTRA_COLUMNS.includes(h)) {
      const near = closestName(h, FEATURE_IDS);
      warnings.push(`${sourceName}: ignoring column "${csv.header[col]}": not a feature id in the catalogue` +
        (near ? ` (did you mean "${near}"?)` : '') + '.');
    }
  });
  if (role === 'timed' && !hasTiming) {
    throw new InputError(`${sourceName}: no timed or lateralized column (start_time_for_<feature>, left_right_<feature>, left_right_arm_movement).`,
      'Timed labels follow the layout of the public S³ annotations.');
  }
  if (role !== 'timed' && featureCols.length === 0) {
    throw new InputError(`${sourceName}: none of its columns is a feature id (e.g. blank_stare, tonic).`,
      hasTiming ? 'It has timed or lateralized columns only: give it with --timed-labels.' : `Known feature ids: ${FEATURE_IDS.join(', ')}.`);
  }
  const ambiguous: AmbiguousCell[] = [];

  const records: AnnotationRecord[] = [];
  const byKey = new Map<string, AnnotationRecord>();
  for (const row of csv.rows) {
    const where = `${sourceName} line ${row.line}`;
    if (row.cells.length < header.length) {
      throw new InputError(`${where}: ${row.cells.length} fields, but the header has ${header.length}.`,
        'A row was cut short or a comma is missing.');
    }
    if (row.cells.slice(header.length).some((c) => c.trim() !== '')) {
      throw new InputError(`${where}: ${row.cells.length} fields, but the header has ${header.length}.`,
        'A value probably contains an unquoted comma.');
    }
    const fileName = (row.cells[fileCol] ?? '').trim();
    if (fileName === '') throw new InputError(`${where}: the file_name cell is empty.`);
    const values = new Map<string, CellValue>();
    for (const { id, col } of featureCols) {
      const raw = row.cells[col] ?? '';
      const v = parseCellValue(raw);
      if (v === undefined) {
        throw new InputError(`${where}, column ${id}: "${raw}" is not a valid value (expected ${ACCEPTED_CELL_TEXT}).`);
      }
      if (v === 'fail' && role === 'labels') {
        throw new InputError(`${where}, column ${id}: "fail" is a prediction outcome, not a label.`,
          'Did you swap --labels and --predictions?');
      }
      values.set(id, v);
    }
    const key = recordingKey(fileName);
    const prev = byKey.get(key);
    if (prev) {
      throw new InputError(`${where}: "${fileName}" is the same recording as ${prev.origin} ("${prev.fileName}").`,
        'Each recording may appear once per file.');
    }
    const rec: AnnotationRecord = { key, fileName, patientId: patientIdOf(fileName), origin: `${sourceName} line ${row.line}`, values };
    if (hasTiming) rec.timing = readTimingRow(row.cells, timed, csv.header, where, role === 'predictions' ? 'csv' : 'labels', ambiguous);
    byKey.set(key, rec);
    records.push(rec);
  }
  if (records.length === 0) throw new InputError(`${sourceName} has a header but no rows.`);
  warnings.push(...ambiguousWarning(sourceName, ambiguous));
  const features = FEATURE_IDS.filter((id) => featureCols.some((f) => f.id === id));
  const table: AnnotationTable = { source: sourceName, features, records, warnings };
  if (hasTiming) {
    table.timedFeatures = timed.times.map((t) => t.featureId);
    table.lateralityItems = timed.sides.map((s) => s.itemId);
  }
  return table;
}
