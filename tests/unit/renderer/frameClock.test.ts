/** Frame-accurate player time: frame at a time, seek to a frame's middle, one-frame steps, the clock text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockLabel, formatClock, frameAt, seekTimeOfFrame, stepFrame } from '../../../renderer/src/review/frameClock.ts';

describe('frameClock', () => {
  it('the frame at a time, and the seek time of a frame lands inside it', () => {
    assert.equal(frameAt(0, 30), 0);
    assert.equal(frameAt(1, 30), 30);
    assert.equal(frameAt(1 / 30 - 1e-4, 30), 0);
    for (const n of [0, 1, 29, 30, 5399]) assert.equal(frameAt(seekTimeOfFrame(n, 30), 30), n);
    for (const n of [0, 7, 100]) assert.equal(frameAt(seekTimeOfFrame(n, 29.97), 29.97), n);
  });

  it('one frame forward and back, clamped to the recording', () => {
    const t = seekTimeOfFrame(10, 30);
    assert.equal(frameAt(stepFrame(t, 30, 1, 180), 30), 11);
    assert.equal(frameAt(stepFrame(t, 30, -1, 180), 30), 9);
    assert.equal(frameAt(stepFrame(0, 30, -1, 180), 30), 0);
    assert.equal(frameAt(stepFrame(179.99, 30, 1, 180), 30), 5399);
  });

  it('the clock reads m:ss.mmm with the frame number', () => {
    assert.equal(formatClock(0), '0:00.000');
    assert.equal(formatClock(83.4567), '1:23.457');
    assert.equal(formatClock(3723.5), '1:02:03.500');
    assert.equal(clockLabel(seekTimeOfFrame(0, 30), 30), '0:00.017 · frame 1');
  });
});
