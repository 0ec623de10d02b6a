/** float32ToFloat16Bits: exact half-precision bits (round to nearest even, subnormals, overflow, specials). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { float32ArrayToFloat16, float32ToFloat16Bits } from '../../../native-models/demo/float16.ts';

describe('float32ToFloat16Bits', () => {
  it('converts known values exactly (round to nearest even, subnormals, overflow, specials)', () => {
    const cases: [number, number][] = [
      [0, 0x0000], [-0, 0x8000], [1, 0x3c00], [-2, 0xc000], [0.5, 0x3800], [0.1, 0x2e66], [1 / 3, 0x3555],
      [65504, 0x7bff], [65519.99, 0x7bff], [65520, 0x7c00], [1e6, 0x7c00], [-1e6, 0xfc00],
      [2 ** -14, 0x0400], [2 ** -24, 0x0001], [2 ** -25, 0x0000], [3 * 2 ** -26, 0x0001], [1e-8, 0x0000],
      [1 + 2 ** -11, 0x3c00], [1 + 3 * 2 ** -11, 0x3c02], [2047, 0x67ff], [2049, 0x6800], [2051, 0x6802],
      [Infinity, 0x7c00], [-Infinity, 0xfc00], [NaN, 0x7e00],
    ];
    for (const [value, bits] of cases) {
      assert.equal(float32ToFloat16Bits(value), bits, `${value} -> 0x${bits.toString(16)}`);
    }
    assert.deepEqual([...float32ArrayToFloat16([1, -2, 0.1])], [0x3c00, 0xc000, 0x2e66]);
  });
});
