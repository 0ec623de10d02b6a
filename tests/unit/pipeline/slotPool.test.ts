import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlotPool } from '../../../native-models/pipeline/slotPool.ts';
import { AnswerParseError, batchAnswerGrammar, parseBatchAnswer } from '../../../native-models/semiology/answerSchema.ts';

test('a batched answer is split per feature; a broken part fails alone', () => {
  const content = JSON.stringify({ tonic: { present: true, justification: 'Stiff arms.', onset_s: 4 }, clonic: { present: 'yes' } });
  const out = parseBatchAnswer(content, ['tonic', 'clonic', 'figure4'], 30);
  assert.deepEqual(out.get('tonic'), { present: true, justification: 'Stiff arms.', onset_s: 4 });
  assert.ok(out.get('clonic') instanceof AnswerParseError);
  assert.ok(out.get('figure4') instanceof AnswerParseError, 'a missing feature fails, it is not "no"');
  const garbage = parseBatchAnswer('{"tonic":', ['tonic'], 30);
  assert.ok(garbage.get('tonic') instanceof AnswerParseError);
});

test('the batch grammar lists every feature id in order', () => {
  const g = batchAnswerGrammar(['a_b', 'c']);
  assert.match(g, /^root ::= "\{" "\\"a_b\\":" answer ",\\"c\\":" answer "\}"/);
});

test('the slot pool hands out at most `size` slots and queues the rest in order', async () => {
  const pool = new SlotPool(2);
  const a = await pool.acquire();
  const b = await pool.acquire();
  assert.deepEqual([a, b], [0, 1]);
  const order: number[] = [];
  const c = pool.acquire().then((s) => { order.push(s); return s; });
  const d = pool.acquire().then((s) => { order.push(s); return s; });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [], 'nothing free yet');
  pool.release(b);
  assert.equal(await c, 1);
  pool.release(a);
  assert.equal(await d, 0);
  assert.throws(() => new SlotPool(0), RangeError);
});
