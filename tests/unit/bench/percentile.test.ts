/** percentile / median of the benchmarks: interpolated between nearest ranks, empty is NaN, bad p refused. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, percentile } from '../../../native-models/bench/percentile.ts';

describe('percentile', () => {
  it('interpolates between the nearest ranks, whatever the input order', () => {
    const v = [40, 10, 30, 20];
    assert.equal(percentile(v, 0), 10);
    assert.equal(percentile(v, 100), 40);
    assert.equal(median(v), 25);
    assert.ok(Math.abs(percentile(v, 95) - 38.5) < 1e-9);
    assert.deepEqual(v, [40, 10, 30, 20], 'the input is not sorted in place');
  });

  it('is the value itself for one sample, NaN for none', () => {
    assert.equal(percentile([7], 95), 7);
    assert.ok(Number.isNaN(median([])));
  });

  it('refuses a percentile outside 0-100', () => {
    assert.throws(() => percentile([1, 2], 101), RangeError);
    assert.throws(() => percentile([1, 2], Number.NaN), RangeError);
  });
});
