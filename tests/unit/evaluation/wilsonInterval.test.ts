/** wilsonInterval: Wilson score intervals against hand-computed values. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wilsonInterval, Z95 } from '../../../native-models/evaluation/wilsonInterval.ts';

const near = (a: number | undefined, b: number, eps = 1e-6): void => {
  assert.ok(a !== undefined && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

describe('wilsonInterval', () => {
  it('5/10 -> [0.236593, 0.763407]', () => {
    const ci = wilsonInterval(5, 10)!;
    near(ci.lo, 0.236593);
    near(ci.hi, 0.763407);
  });
  it('7/10 -> [0.396778, 0.892209]', () => {
    const ci = wilsonInterval(7, 10)!;
    near(ci.lo, 0.396778);
    near(ci.hi, 0.892209);
  });
  it('0/10 -> [0, z²/(n+z²)] = [0, 0.277533]; 10/10 mirrors it', () => {
    const a = wilsonInterval(0, 10)!;
    near(a.lo, 0);
    near(a.hi, (Z95 * Z95) / (10 + Z95 * Z95));
    near(a.hi, 0.277533);
    const b = wilsonInterval(10, 10)!;
    near(b.lo, 0.722467);
    near(b.hi, 1);
  });
  it('3/4 -> [0.300642, 0.954413] and 1/1 -> [0.206549, 1]', () => {
    near(wilsonInterval(3, 4)!.lo, 0.300642);
    near(wilsonInterval(3, 4)!.hi, 0.954413);
    near(wilsonInterval(1, 1)!.lo, 0.206549);
  });
  it('is undefined for n = 0', () => {
    assert.equal(wilsonInterval(0, 0), null);
  });
});
