/**
 * A small RFC 4180 CSV reader for annotation and prediction files: strips a UTF-8 byte-order mark, accepts
 * LF / CRLF / CR line ends, quoted fields with embedded commas, quotes and line breaks, and skips blank lines.
 */
import { InputError } from '../errors.ts';

export interface CsvRow {
  /** 1-based line number where the row starts, for messages. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  /** True when the text started with a byte-order mark (common in Excel exports). */
  hadBom: boolean;
}

export function parseCsv(text: string, sourceName: string): CsvTable {
  const hadBom = text.charCodeAt(0) === 0xfeff;
  const s = hadBom ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  let line = 1;
  let rowLine = 1;

  const endField = (): void => {
    cells.push(field);
    field = '';
    quotedField = false;
  };
  const endRow = (): void => {
    endField();
    const blank = cells.length === 1 && cells[0] === '';
    if (!blank) records.push({ line: rowLine, cells });
    cells = [];
  };

  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '' && !quotedField) {
      inQuotes = true;
      quotedField = true;
      field = '';
    } else if (c === ',') {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) {
    throw new InputError(`${sourceName}: a quoted field that starts on line ${rowLine} is never closed.`,
      'Check for a stray double quote (") in that row.');
  }
  if (field !== '' || cells.length > 0) endRow();

  const first = records.shift();
  if (!first) throw new InputError(`${sourceName} is empty: expected a header row such as "file_name,blank_stare,...".`);
  return { header: first.cells.map((h) => h.trim()), rows: records, hadBom };
}
