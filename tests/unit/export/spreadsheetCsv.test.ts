/** spreadsheetCsv: BOM, CRLF between records, RFC 4180 quoting, cells byte-exact (read back with the evaluation's CSV reader). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { secondsCell, spreadsheetCsv } from '../../../native-models/export/spreadsheetCsv.ts';

test('BOM, CRLF records, quoted fields survive exactly', () => {
  const cells = ['Dr 李', ' leading space', 'a, b', 'say "no"', 'two\r\nlines', 'trois\nlignes', 'é'];
  const text = spreadsheetCsv([['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], cells]);
  assert.ok(text.startsWith('\uFEFFh1,'), 'UTF-8 byte-order mark first');
  assert.ok(text.endsWith('\r\n'));
  assert.equal(text.split('\r\n').length, 3 + 1, 'two records, CRLF after each (the quoted CRLF is inside one field)');
  const back = parseCsv(text, 't.csv');
  assert.equal(back.hadBom, true);
  assert.deepEqual(back.rows.map((r) => r.cells), [cells]);
  assert.equal(Buffer.from(text, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
});

test('seconds to the millisecond, empty when unknown', () => {
  assert.equal(secondsCell(12.34567), 12.346);
  assert.equal(secondsCell(null), null);
  assert.equal(secondsCell(undefined), null);
});
