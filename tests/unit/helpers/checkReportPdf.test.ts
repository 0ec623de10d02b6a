/** The report checker's own helpers (tests/helpers/checkReportPdf.ts): pdffonts parsing and text flattening. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flattenText, parsePdffonts } from '../../helpers/checkReportPdf.ts';

test('checker helpers: pdffonts parsing and text flattening', () => {
  const out = [
    'name                                 type              encoding         emb sub uni object ID',
    '------------------------------------ ----------------- ---------------- --- --- --- ---------',
    'BZZZZZ+DejaVuSans                    CID TrueType      Identity-H       yes yes yes     12  0',
    'Helvetica                            Type 1            WinAnsi          no  no  no       7  0',
  ].join('\n');
  assert.deepEqual(parsePdffonts(out), [
    { name: 'BZZZZZ+DejaVuSans', type: 'CID TrueType', embedded: true },
    { name: 'Helvetica', type: 'Type 1', embedded: false },
  ]);
  assert.equal(flattenText('figure-\n4 sign  (1:24)\n→ clonic'), 'figure-4 sign (1:24) → clonic');
});
