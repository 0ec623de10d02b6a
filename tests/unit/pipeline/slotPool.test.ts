/** SlotPool: the llama-server slots handed out to parallel requests, at most `size` at once, in order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlotPool } from '../../../native-models/pipeline/slotPool.ts';

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
