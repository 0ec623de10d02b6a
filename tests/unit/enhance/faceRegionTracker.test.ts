/** FaceRegionTracker: a square face region centred on the head keypoints, smoothed, held through short dropouts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaceRegionTracker } from '../../../native-models/enhance/faceRegionTracker.ts';
import { stickPerson as person } from '../../helpers/stickPerson.ts';

describe('FaceRegionTracker', () => {
  it('centres a square on the head, enlarged beyond the head points', () => {
    const f = new FaceRegionTracker().update(0, person(100, 80, 20))!;
    assert.ok(f);
    assert.equal(f.w, f.h);
    assert.ok(Math.abs(f.x + f.w / 2 - 100) < 2 && Math.abs(f.y + f.h / 2 - 78) < 4);
    assert.ok(f.w > 0.9 * 20 * 1.6 && f.w < 60, `side ${f.w}`);
  });

  it('smooths a jump, holds the box through a 1 s dropout and lets go after holdS', () => {
    const t = new FaceRegionTracker({ centreTauS: 0.4, holdS: 2 });
    for (let i = 0; i <= 10; i++) t.update(i * 0.1, person(100, 80, 20));
    const jumped = t.update(1.1, person(140, 80, 20))!;
    const cx = jumped.x + jumped.w / 2;
    assert.ok(cx > 100 && cx < 125, `smoothed centre ${cx}`);
    const held = t.update(2.0, null);
    assert.ok(held && Math.abs(held.x + held.w / 2 - cx) < 1e-9, 'held steady');
    const noHead = person(100, 80, 20).map((k, i) => (i < 5 ? { ...k, score: 0.05 } : k));
    assert.ok(t.update(3.0, noHead), 'still held 1.9 s after the last head keypoints');
    assert.equal(t.update(3.2, noHead), null);
  });
});
