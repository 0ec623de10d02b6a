/** enhanceFrames' pure helpers: the pose sampling grid (sampleEvery) and holding the pose region (holdRegion). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdRegion, sampleEvery } from '../../../native-models/enhance/enhanceFrames.ts';

describe('sampleEvery', () => {
  it('picks the first frame at or after each half second on a 15 fps grid', () => {
    const pick = sampleEvery(0.5);
    const times = Array.from({ length: 30 }, (_, i) => Math.round((i / 15) * 1000) / 1000).filter((t) => pick(t));
    assert.deepEqual(times, [0, 0.533, 1, 1.533]);
    // Asking twice about one frame gives the same answer and does not move the grid.
    const again = sampleEvery(0.5);
    const twice = Array.from({ length: 30 }, (_, i) => Math.round((i / 15) * 1000) / 1000).filter((t) => again(t) && again(t));
    assert.deepEqual(twice, times);
  });
});

describe('holdRegion', () => {
  const sq = { x: 100, y: 50, w: 200, h: 200 };
  it('keeps the previous pose region through small moves and follows larger ones', () => {
    assert.equal(holdRegion(null, sq), sq);
    assert.equal(holdRegion(sq, { x: 110, y: 42, w: 206, h: 206 }), sq, 'a 5-px move and 3 % growth are held');
    const moved = { x: 130, y: 50, w: 200, h: 200 };
    assert.equal(holdRegion(sq, moved), moved, 'a 15 % move is followed');
    const grown = { x: 90, y: 40, w: 230, h: 230 };
    assert.equal(holdRegion(sq, grown), grown, 'a 15 % larger person is followed');
  });
});
