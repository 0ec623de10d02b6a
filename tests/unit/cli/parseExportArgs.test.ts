/** parseExportArgs: one folder, --db (default the default cache), --format repeatable and comma lists, unknown formats refused with the nearest. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCachePath } from '../../../native-models/cache/answerCache.ts';
import { EXPORT_FORMATS } from '../../../native-models/contract/exportFormats.ts';
import { UsageError } from '../../../native-models/errors.ts';
import { parseExportArgs, parseFormats } from '../../../native-models/cli/parseExportArgs.ts';

test('defaults: every format, the default cache file', () => {
  assert.deepEqual(parseExportArgs(['out']), { help: false, folder: 'out', dbPath: defaultCachePath(), formats: [...EXPORT_FORMATS] });
});

test('--format repeated and as comma lists, in the order given, each once', () => {
  const a = parseExportArgs(['out', '--db', 'c.sqlite', '--format', 'csv,EAF', '--format', ' audit ', '--format=csv']);
  assert.deepEqual(a, { help: false, folder: 'out', dbPath: 'c.sqlite', formats: ['csv', 'eaf', 'audit'] });
});

test('an unknown format suggests the nearest; empty values and missing folders are usage errors', () => {
  assert.throws(() => parseFormats(['csv,edf']), (e) => e instanceof UsageError && e.message === 'Unknown export format "edf" (did you mean "eaf"?).' && /json, csv, audit, eaf, annotation, pdf/.test(e.hint!));
  assert.throws(() => parseFormats(['annotations']), (e) => e instanceof UsageError && /did you mean "annotation"/.test(e.message));
  assert.throws(() => parseFormats(['xlsx']), (e) => e instanceof UsageError && !/did you mean/.test(e.message));
  assert.throws(() => parseFormats([',']), /The export format is empty/);
  assert.throws(() => parseExportArgs([]), /Give the analysis folder/);
  assert.throws(() => parseExportArgs(['a', 'b']), /exactly one analysis folder \(got 2\)/);
  assert.throws(() => parseExportArgs(['a', '--db', '']), /cache file name is empty/);
  assert.throws(() => parseExportArgs(['a', '--bogus']), UsageError);
  assert.deepEqual(parseExportArgs(['--help']), { help: true });
});
