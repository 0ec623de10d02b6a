/** parseCsv on quirky inputs (BOM, CRLF, quoted fields, blank lines), rejecting broken files with the line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { rejects } from './rejectsInputError.ts';

describe('parseCsv', () => {
  it('strips a BOM, accepts CRLF, quoted commas/quotes/newlines, and skips blank lines', () => {
    const t = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\r\n', 'f.csv');
    assert.equal(t.hadBom, true);
    assert.deepEqual(t.header, ['a', 'b']);
    assert.deepEqual(t.rows.map((r) => r.cells), [['x, y', 'say "hi"'], ['multi\nline', '2']]);
    assert.deepEqual(t.rows.map((r) => r.line), [2, 4]);
  });
  it('keeps empty cells and reads a file without a final newline', () => {
    assert.deepEqual(parseCsv('a,b,c\n1,,\n,2,', 'f.csv').rows.map((r) => r.cells), [['1', '', ''], ['', '2', '']]);
  });
  it('names the line of an unclosed quote, and rejects an empty file', () => {
    rejects(() => parseCsv('a,b\n1,2\n"oops,3\n', 'f.csv'), /f\.csv: a quoted field that starts on line 3/);
    rejects(() => parseCsv('', 'f.csv'), /f\.csv is empty/);
  });
});
