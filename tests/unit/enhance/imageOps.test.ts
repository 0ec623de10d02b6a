import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cropFace, fitInside } from '../../../native-models/enhance/cropFace.ts';
import { drawSkeleton, LEFT_COLOUR, RIGHT_COLOUR } from '../../../native-models/enhance/drawSkeleton.ts';
import { KEYPOINT_NAMES, type Keypoint } from '../../../native-models/enhance/poseTypes.ts';
import { resampleRegion, resizeImage } from '../../../native-models/enhance/resampleRegion.ts';
import type { RgbImage } from '../../../native-models/media/frameTypes.ts';

function image(w: number, h: number, f: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), (y * w + x) * 3);
  return { width: w, height: h, data };
}
const px = (img: RgbImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];

describe('resampling and face crop', () => {
  it('keeps a flat colour and sizes exactly, up and down', () => {
    const img = image(40, 30, () => [10, 200, 30]);
    for (const [w, h] of [[400, 300], [7, 5], [40, 30]] as const) {
      const out = resizeImage(img, w, h);
      assert.equal(out.width, w); assert.equal(out.height, h);
      assert.deepEqual(px(out, Math.floor(w / 2), Math.floor(h / 2)), [10, 200, 30]);
      assert.deepEqual(px(out, 0, 0), [10, 200, 30]);
    }
  });

  it('crops the region asked for: a red square in a blue frame fills the crop', () => {
    const img = image(200, 100, (x, y) => (x >= 120 && x < 160 && y >= 30 && y < 70 ? [255, 0, 0] : [0, 0, 255]));
    const crop = cropFace(img, { x: 120, y: 30, w: 40, h: 40 }, 160);
    assert.equal(crop.width, 160); assert.equal(crop.height, 160);
    assert.deepEqual(px(crop, 80, 80), [255, 0, 0]);
    assert.deepEqual(px(crop, 3, 3), [255, 0, 0]);
  });

  it('moves a box that sticks out back inside the frame, and reads black beyond the image', () => {
    assert.deepEqual(fitInside({ x: -10, y: 90, w: 20, h: 20 }, 100, 100), { x: 0, y: 80, w: 20, h: 20 });
    const img = image(10, 10, () => [255, 255, 255]);
    const out = resampleRegion(img, { x: -10, y: 0, w: 20, h: 10 }, 20, 10);
    assert.deepEqual(px(out, 2, 5), [0, 0, 0]);
    assert.deepEqual(px(out, 15, 5), [255, 255, 255]);
  });
});

describe('drawSkeleton', () => {
  const kps = (score: (n: string) => number): Keypoint[] => KEYPOINT_NAMES.map((name, i) => {
    const left = name.startsWith('left_');
    const row = Math.floor((i + 1) / 2);
    return { name, x: left ? 30 : name.startsWith('right_') ? 70 : 50, y: 5 + row * 10, score: score(name) };
  });

  it('draws left limbs orange and right limbs blue, leaves the input untouched', () => {
    const frame = image(100, 100, () => [0, 0, 0]);
    const out = drawSkeleton(frame, kps(() => 0.9), 0.3, { thickness: 3 });
    // left_shoulder (30, 35) -> left_elbow (30, 45)
    assert.deepEqual(px(out, 30, 40), [...LEFT_COLOUR]);
    assert.deepEqual(px(out, 70, 40), [...RIGHT_COLOUR]);
    assert.ok(frame.data.every((v) => v === 0));
    // limbs only: no torso line between the shoulders by default
    assert.deepEqual(px(out, 50, 35), [0, 0, 0]);
  });

  it('leaves out low-confidence joints and their segments', () => {
    const frame = image(100, 100, () => [0, 0, 0]);
    const out = drawSkeleton(frame, kps((n) => (n === 'right_elbow' ? 0.1 : 0.9)), 0.3, { thickness: 3 });
    assert.deepEqual(px(out, 70, 40), [0, 0, 0]); // right_shoulder-right_elbow
    assert.deepEqual(px(out, 70, 50), [0, 0, 0]); // right_elbow-right_wrist
    assert.deepEqual(px(out, 30, 50), [...LEFT_COLOUR]);
  });
});
