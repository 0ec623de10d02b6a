/**
 * MotionGate: a frame whose patient region has not changed since MoveNet's last frame is "still"; a one-pixel
 * move of a thin edge, a new region, or a hold longer than maxHoldS is not. Synthetic rgb24 frames.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { greyRegion, MotionGate } from '../../../native-models/enhance/motionGate.ts';
import type { RgbImage } from '../../../native-models/media/frameTypes.ts';

/** A grey 200x120 frame with a dark vertical bar (a limb) 4 px wide and 30 px long at column `x`, plus optional noise. */
function frame(x: number, noise = 0, seed = 1): RgbImage {
  const W = 200, H = 120, data = Buffer.alloc(W * H * 3, 128);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    data[i] = 128 + Math.round(((s % 1000) / 1000 - 0.5) * 2 * noise);
  }
  for (let y = 40; y < 70; y++) for (let c = x; c < x + 4; c++) data.fill(40, (y * W + c) * 3, (y * W + c) * 3 + 3);
  return { width: W, height: H, data };
}
const region = { x: 50, y: 10, w: 100, h: 100 };

describe('MotionGate', () => {
  it('holds a frame where nothing moved, even with small pixel noise', () => {
    const g = new MotionGate();
    g.reference(frame(100, 3, 1), region, 0);
    assert.equal(g.still(frame(100, 3, 2), region, 1 / 15), true);
  });
  it('runs on a one-pixel move of a 4-px wide, 30-px long bar', () => {
    const g = new MotionGate();
    g.reference(frame(100), region, 0);
    assert.equal(g.still(frame(101), region, 1 / 15), false);
  });
  it('compares with the frame MoveNet last ran on, so a slow drift adds up', () => {
    const g = new MotionGate();
    g.reference(frame(100), region, 0);
    assert.equal(g.still(frame(100), region, 0.1), true);
    assert.equal(g.still(frame(101), region, 0.2), false);
  });
  it('runs when the region changed, after reset, and once the hold reaches maxHoldS', () => {
    const g = new MotionGate({ maxHoldS: 1 });
    assert.equal(g.still(frame(100), region, 0), false, 'no reference yet');
    g.reference(frame(100), region, 0);
    assert.equal(g.still(frame(100), { ...region, x: 51 }, 0.1), false);
    assert.equal(g.still(frame(100), region, 1.01), false);
    g.reset();
    assert.equal(g.still(frame(100), region, 0.1), false);
  });
  it('reads the grey levels of the region clipped to the frame', () => {
    const f = frame(100);
    assert.equal(greyRegion(f, { x: -10, y: -10, w: 20, h: 20 }).length, 100);
    assert.equal(greyRegion(f, { x: 300, y: 0, w: 10, h: 10 }).length, 0);
    assert.equal(greyRegion(f, { x: 100, y: 50, w: 1, h: 1 })[0], 40);
  });
});
