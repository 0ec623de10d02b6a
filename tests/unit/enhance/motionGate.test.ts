/**
 * MotionGate: a frame whose patient region has not changed since MoveNet's last frame is "still"; a one-pixel
 * move of a thin edge, a new region, or a hold longer than maxHoldS is not. `hold` also follows a slide of the
 * whole region's content (sub-pixel, with the shift to move the keypoints by), but not a limb moving against
 * the slid body, nor one moving bar on a plain region. Synthetic rgb24 frames.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { greyRegion, MAX_SHIFT_PX, MotionGate } from '../../../native-models/enhance/motionGate.ts';
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

/** Smooth blobs of texture everywhere (a body on a patterned sheet), seen shifted by (sx, sy), with an optional dark bar (a forearm) moved by `barDx` against it. */
function textured(sx: number, sy: number, barDx: number | null = null): RgbImage {
  const W = 200, H = 120, data = Buffer.alloc(W * H * 3);
  const blobs = Array.from({ length: 40 }, (_, k) => ({ x: (k * 37) % 200, y: (k * 53) % 120, r: 4 + (k % 4) * 2, v: (k % 3) * 90 - 90 }));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v = 128;
      for (const b of blobs) v += b.v * Math.exp(-(((x - sx - b.x) ** 2 + (y - sy - b.y) ** 2) / (2 * b.r * b.r)));
      if (barDx !== null && y >= 40 && y < 70) v -= 90 * Math.max(0, Math.min(1, 2.5 - Math.abs(x - sx - 100 - barDx)));
      data.fill(Math.max(0, Math.min(255, Math.round(v))), (y * W + x) * 3, (y * W + x) * 3 + 3);
    }
  }
  return { width: W, height: H, data };
}

describe('MotionGate.hold', () => {
  it('holds an unchanged region with no shift', () => {
    const g = new MotionGate();
    g.reference(textured(0, 0), region, 0);
    assert.deepEqual(g.hold(textured(0, 0), region, 1 / 15), { dx: 0, dy: 0 });
  });

  it('follows a sub-pixel slide of the whole region and gives its shift, frame after frame', () => {
    const g = new MotionGate();
    g.reference(textured(0, 0), region, 0);
    for (const [k, sx, sy] of [[1, 0.7, -0.4], [2, 1.2, -0.7], [3, 1.8, -1.1], [4, 2.5, -1.4]] as const) {
      const h = g.hold(textured(sx, sy), region, k / 15);
      assert.ok(h, `slide ${sx},${sy} held`);
      assert.ok(Math.abs(h.dx - sx) < 0.1 && Math.abs(h.dy - sy) < 0.1, `shift ${h.dx.toFixed(2)},${h.dy.toFixed(2)} for ${sx},${sy}`);
    }
  });

  it('runs when a forearm moves a pixel against the slid body', () => {
    const g = new MotionGate();
    g.reference(textured(0, 0, 0), region, 0);
    assert.ok(g.hold(textured(0.5, 0.3, 0), region, 1 / 15), 'the body and forearm sliding together is held');
    assert.equal(g.hold(textured(0.5, 0.3, 1), region, 2 / 15), null);
  });

  it('runs when one bar moves on a plain region (too little texture to call it a slide)', () => {
    const g = new MotionGate();
    g.reference(frame(100), region, 0);
    assert.equal(g.hold(frame(101), region, 1 / 15), null);
  });

  it('runs past MAX_SHIFT_PX, past maxHoldS, and when slides are not followed', () => {
    const g = new MotionGate({ maxHoldS: 1 });
    g.reference(textured(0, 0), region, 0);
    assert.equal(g.hold(textured(MAX_SHIFT_PX + 1, 0), region, 1 / 15), null, 'too far');
    assert.ok(g.hold(textured(0.6, 0), region, 2 / 15));
    assert.equal(g.hold(textured(0.6, 0), region, 1.01), null, 'held too long');
    const strict = new MotionGate({ followShift: false });
    strict.reference(textured(0, 0), region, 0);
    assert.equal(strict.hold(textured(0.6, 0), region, 1 / 15), null);
  });
});
