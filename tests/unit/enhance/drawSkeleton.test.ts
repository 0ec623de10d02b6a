/** drawSkeleton: the pose overlay colours left and right limbs and leaves out low-confidence joints. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawSkeleton, LEFT_COLOUR, RIGHT_COLOUR } from '../../../native-models/enhance/drawSkeleton.ts';
import { KEYPOINT_NAMES, type Keypoint } from '../../../native-models/enhance/poseTypes.ts';
import { pixelAt as px, rgbImage as image } from '../../helpers/rgbImage.ts';

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
