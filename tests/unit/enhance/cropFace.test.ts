/** cropFace: the face region asked for fills the square crop; a box that sticks out is moved back inside. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cropFace, fitInside } from '../../../native-models/enhance/cropFace.ts';
import { pixelAt as px, rgbImage as image } from '../../helpers/rgbImage.ts';

describe('face crop', () => {
  it('crops the region asked for: a red square in a blue frame fills the crop', () => {
    const img = image(200, 100, (x, y) => (x >= 120 && x < 160 && y >= 30 && y < 70 ? [255, 0, 0] : [0, 0, 255]));
    const crop = cropFace(img, { x: 120, y: 30, w: 40, h: 40 }, 160);
    assert.equal(crop.width, 160); assert.equal(crop.height, 160);
    assert.deepEqual(px(crop, 80, 80), [255, 0, 0]);
    assert.deepEqual(px(crop, 3, 3), [255, 0, 0]);
  });

  it('moves a box that sticks out back inside the frame', () => {
    assert.deepEqual(fitInside({ x: -10, y: 90, w: 20, h: 20 }, 100, 100), { x: 0, y: 80, w: 20, h: 20 });
  });
});
