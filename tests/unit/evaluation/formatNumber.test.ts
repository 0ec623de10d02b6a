/** formatNumber: rounding and printing numbers as in the published files (numpy, pandas). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFixed3, formatPaperNumber, roundHalfEven } from '../../../native-models/evaluation/formatNumber.ts';

describe('number formatting as in the published files', () => {
  it('rounds to 3 decimals half to even on the scaled value, like numpy.round', () => {
    assert.equal(roundHalfEven(0.0625), 0.062);
    assert.equal(roundHalfEven(0.1875), 0.188);
    assert.equal(roundHalfEven(35 / 72), 0.486);
    assert.equal(roundHalfEven(2 / 3), 0.667);
  });
  it('prints like pandas: 0.544, 0.5, 0.0, 39.0; undefined as empty', () => {
    assert.equal(formatPaperNumber(49 / 90), '0.544');
    assert.equal(formatPaperNumber(0.5), '0.5');
    assert.equal(formatPaperNumber(0), '0.0');
    assert.equal(formatPaperNumber(39), '39.0');
    assert.equal(formatPaperNumber(1), '1.0');
    assert.equal(formatPaperNumber(null), '');
    assert.equal(formatFixed3(0.6), '0.600');
    assert.equal(formatFixed3(null), '–');
  });
});
