/** J / K / L speeds (renderer/src/review/playbackRates.ts): slower to 0.25x, faster to 2x, L from pause plays at 1x, the label. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faster, RATES, rateLabel, slower } from '../../../renderer/src/review/playbackRates.ts';

describe('playbackRates', () => {
  it('every listed rate is reachable: L up from 1x, J down from 2x', () => {
    const up = [1];
    for (let i = 0; i < 5; i++) up.push(faster(up.at(-1)!, false));
    assert.deepEqual(up, [1, 1.5, 2, 2, 2, 2]);
    const down = [2];
    for (let i = 0; i < 5; i++) down.push(slower(down.at(-1)!));
    assert.deepEqual(down, [2, 1.5, 1, 0.5, 0.25, 0.25]);
    assert.deepEqual([...RATES], [0.25, 0.5, 1, 1.5, 2]);
  });

  it('L from pause plays at 1x, whatever the rate was', () => {
    assert.equal(faster(0.25, true), 1);
    assert.equal(faster(2, true), 1);
  });

  it('a rate not in the list steps from the nearest one', () => {
    assert.equal(slower(1.1), 0.5);
    assert.equal(faster(0.3, false), 0.5);
    assert.equal(faster(16, false), 2);
  });

  it('labels the speed as the player shows it', () => {
    assert.deepEqual(RATES.map(rateLabel), ['0.25x', '0.5x', '1x', '1.5x', '2x']);
  });
});
