/** AnswerCache: the SQLite cache of model answers and file hashes, on a real database file in a temp dir. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { AnswerCache, explainDbError } from '../../../native-models/cache/answerCache.ts';
import { InputError } from '../../../native-models/errors.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const key = { recordingSha: 'abc', segmentStartS: 25, segmentEndS: 55, featureId: 'tonic', variant: 'base', modelId: 'm1', catalogueVersion: 1, samplingKey: 'fps=2' };
const answer = { present: true, justification: 'Stiff arms.', onsetInSegmentS: 3.5, promptTokens: 100, completionTokens: 20 };

test('answers survive reopening the file (WAL), keyed by every part of the key', () => {
  const file = path.join(dir, 'a.sqlite');
  const c = new AnswerCache(file);
  assert.equal(c.db.pragma('journal_mode', { simple: true }), 'wal');
  c.put(key, answer);
  c.put(key, { ...answer, present: false });
  c.close();
  const c2 = new AnswerCache(file);
  assert.deepEqual(c2.get(key), answer, 'the first answer is kept; a repeat insert is ignored');
  assert.equal(c2.countAnswers('abc'), 1);
  for (const k of ['recordingSha', 'featureId', 'variant', 'modelId', 'samplingKey'] as const) assert.equal(c2.get({ ...key, [k]: 'other' }), null, k);
  assert.equal(c2.get({ ...key, catalogueVersion: 2 }), null);
  assert.equal(c2.get({ ...key, segmentEndS: 56 }), null);
  c2.close();
});

test('a full disk becomes an actionable message and keeps the answers already saved', () => {
  const file = path.join(dir, 'full.sqlite');
  const c = new AnswerCache(file);
  c.put(key, answer);
  const pages = c.db.pragma('page_count', { simple: true }) as number;
  c.db.pragma(`max_page_count = ${pages}`);
  let err: unknown;
  try {
    for (let i = 0; i < 5000; i++) c.put({ ...key, featureId: `f${i}` }, { ...answer, justification: 'x'.repeat(300) });
  } catch (e) { err = e; }
  assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
  assert.match((err as Error).message, /disk .* is full/);
  assert.deepEqual(c.get(key), answer);
  c.close();
});

test('a file that is not a database is explained', () => {
  assert.match(explainDbError(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }), '/x/c.sqlite').message, /not a Semioscope answer cache/);
});

test('file hashes are remembered by path, size and mtime', async () => {
  const c = new AnswerCache(path.join(dir, 'h.sqlite'));
  let calls = 0;
  const hash = async () => { calls++; return 'f'.repeat(64); };
  const target = path.join(dir, 'h.sqlite');
  assert.equal(await c.fileSha256(target, hash), 'f'.repeat(64));
  c.close();
  const c2 = new AnswerCache(path.join(dir, 'h2.sqlite'));
  const other = path.join(dir, 'other-recording.bin'); // its own file: not one an earlier test made
  writeFileSync(other, 'not a video');
  await c2.fileSha256(other, hash);
  await c2.fileSha256(other, hash);
  assert.equal(calls, 2);
  c2.close();
});
