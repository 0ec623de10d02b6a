/** readAhead: pulls a source ahead of its consumer, in order, and closes the source when the consumer stops. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAhead } from '../../../native-models/enhance/readAhead.ts';

describe('readAhead', () => {
  it('yields in order, pulls ahead, and closes the source when the consumer stops', async () => {
    let pulled = 0;
    let closed = false;
    async function* src() {
      try { for (let i = 0; i < 10; i++) { pulled = i + 1; yield i; } } finally { closed = true; }
    }
    const got: number[] = [];
    for await (const v of readAhead(src(), 3)) {
      got.push(v);
      if (v === 0) { await new Promise((r) => setTimeout(r, 10)); assert.ok(pulled >= 3, `pulled ${pulled}`); }
      if (v === 4) break;
    }
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
    assert.ok(closed);
  });
});
