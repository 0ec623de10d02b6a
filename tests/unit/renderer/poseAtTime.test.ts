/** The overlay's pose at the frame shown: exact samples, interpolation, low-score joints hidden, no pose across gaps. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnhancedFrameRecord } from '../../../native-models/contract/analysisSchema.ts';
import { MAX_INTERPOLATION_GAP_S, poseAtTime } from '../../../renderer/src/review/poseAtTime.ts';

const frame = (tS: number, x: number, score = 0.9, face = true): EnhancedFrameRecord => ({
  tS,
  keypoints: [{ name: 'nose', x, y: 2 * x, score }, { name: 'left_wrist', x: x + 10, y: 0, score: 0.1 }],
  face: face ? { x, y: x, w: 20, h: 20 } : null,
});

describe('poseAtTime', () => {
  const frames = [frame(0, 100), frame(0.5, 200), frame(1, 300), frame(5, 400)];

  it('at a sample: that sample, low-score joints hidden', () => {
    const p = poseAtTime(frames, 0.5);
    assert.deepEqual(p.joints, [{ name: 'nose', x: 200, y: 400 }]);
    assert.deepEqual(p.face, { x: 200, y: 200, w: 20, h: 20 });
  });

  it('between samples: linear interpolation of joints and face box', () => {
    const p = poseAtTime(frames, 0.25);
    assert.deepEqual(p.joints, [{ name: 'nose', x: 150, y: 300 }]);
    assert.deepEqual(p.face, { x: 150, y: 150, w: 20, h: 20 });
  });

  it('nothing before the first sample, after the last, or across a gap', () => {
    assert.deepEqual(poseAtTime(frames, -0.1), { joints: [], face: null });
    assert.deepEqual(poseAtTime(frames, 6), { joints: [], face: null });
    assert.ok(5 - 1 > MAX_INTERPOLATION_GAP_S);
    assert.deepEqual(poseAtTime(frames, 3), { joints: [], face: null });
    assert.equal(poseAtTime(frames, 5).joints.length, 1, 'the last sample itself is shown');
  });

  it('a joint unseen in either neighbour is not invented; a face missing in one is not shown', () => {
    const p = poseAtTime([frame(0, 100), frame(0.5, 200, 0.1, false)], 0.25);
    assert.deepEqual(p, { joints: [], face: null });
  });
});
