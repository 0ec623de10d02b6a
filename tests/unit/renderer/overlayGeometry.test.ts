/** The overlay's geometry (renderer/src/review/overlayGeometry.ts): letterboxing, rotation into the upright frame, mapping onto the canvas. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containBox, toCanvas, uprightPoint } from '../../../renderer/src/review/overlayGeometry.ts';

describe('overlayGeometry', () => {
  it('letterboxes a 4:3 video in a 16:9 element (pillars left and right)', () => {
    assert.deepEqual(containBox(1600, 900, 320, 240), { x: 200, y: 0, w: 1200, h: 900 });
    assert.deepEqual(containBox(800, 800, 320, 160), { x: 0, y: 200, w: 800, h: 400 });
    assert.deepEqual(containBox(0, 900, 320, 240), { x: 0, y: 0, w: 0, h: 0 });
  });

  it('maps display pixels through the content box', () => {
    const box = containBox(1600, 900, 320, 240);
    assert.deepEqual(toCanvas(0, 0, 320, 240, box), { x: 200, y: 0 });
    assert.deepEqual(toCanvas(320, 240, 320, 240, box), { x: 1400, y: 900 });
    assert.deepEqual(toCanvas(160, 120, 320, 240, box), { x: 800, y: 450 });
  });

  it('leaves upright points alone (the engine decodes with the rotation applied) and turns stored-orientation points clockwise', () => {
    assert.deepEqual(uprightPoint(10, 20, 90, 240, 320), { x: 10, y: 20 });
    // A 320x240 stored picture shown rotated 90 degrees: display 240x320; its top-left corner lands top-right.
    assert.deepEqual(uprightPoint(0, 0, 90, 240, 320, false), { x: 240, y: 0 });
    assert.deepEqual(uprightPoint(320, 0, 90, 240, 320, false), { x: 240, y: 320 });
    assert.deepEqual(uprightPoint(0, 0, 180, 320, 240, false), { x: 320, y: 240 });
    assert.deepEqual(uprightPoint(0, 0, 270, 240, 320, false), { x: 0, y: 320 });
    assert.deepEqual(uprightPoint(5, 7, 0, 320, 240, false), { x: 5, y: 7 });
  });
});
