/** resampleRegion: resizing keeps a flat colour and exact sizes; a region beyond the image reads black. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resampleRegion, resizeImage } from '../../../native-models/enhance/resampleRegion.ts';
import { pixelAt as px, rgbImage as image } from '../../helpers/rgbImage.ts';

describe('resampling', () => {
  it('keeps a flat colour and sizes exactly, up and down', () => {
    const img = image(40, 30, () => [10, 200, 30]);
    for (const [w, h] of [[400, 300], [7, 5], [40, 30]] as const) {
      const out = resizeImage(img, w, h);
      assert.equal(out.width, w); assert.equal(out.height, h);
      assert.deepEqual(px(out, Math.floor(w / 2), Math.floor(h / 2)), [10, 200, 30]);
      assert.deepEqual(px(out, 0, 0), [10, 200, 30]);
    }
  });

  it('reads black beyond the image', () => {
    const img = image(10, 10, () => [255, 255, 255]);
    const out = resampleRegion(img, { x: -10, y: 0, w: 20, h: 10 }, 20, 10);
    assert.deepEqual(px(out, 2, 5), [0, 0, 0]);
    assert.deepEqual(px(out, 15, 5), [255, 255, 255]);
  });
});
