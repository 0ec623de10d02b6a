/** estimateRhythm: the movement frequency of a keypoint track, and no rhythm for a still, drifting or stepping track. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateRhythm } from '../../../native-models/enhance/estimateRhythm.ts';

describe('estimateRhythm', () => {
  const track = (f: number, amp: number, fps = 15, s = 6) => Array.from({ length: fps * s }, (_, i) => {
    const t = i / fps;
    return { tS: t, x: 100 + amp * Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(i * 12.9898), y: 50 + 2 * t };
  });
  it('finds 1.5, 3 and 4.5 Hz within 0.05 Hz at 15 fps', () => {
    for (const f of [1.5, 3, 4.5]) {
      const r = estimateRhythm(track(f, 8));
      assert.ok(r.frequencyHz !== null && Math.abs(r.frequencyHz - f) < 0.05, `${f}: ${JSON.stringify(r)}`);
    }
  });
  it('reports no rhythm for a still or drifting track', () => {
    assert.equal(estimateRhythm(track(3, 0)).frequencyHz, null);
    assert.equal(estimateRhythm([]).frequencyHz, null);
  });
  it('reports no rhythm for a single shift of position (a step), which is not a repeating movement', () => {
    // 3.7 s still, with a 3.5-px jump after 1 s and a little jitter: as a keypoint moves when the patient settles.
    const step = Array.from({ length: 56 }, (_, i) => ({ tS: i / 15, x: (i < 15 ? 291 : 287.5) + 0.4 * Math.sin(i * 12.9898), y: 227 + 0.4 * Math.sin(i * 78.233) }));
    const r = estimateRhythm(step);
    assert.equal(r.frequencyHz, null, JSON.stringify(r));
    assert.ok(r.amplitudePx >= 1, 'the step is large enough to be judged on its spectrum');
    // Two cycles of 0.6 Hz in the same window are not enough to call a rhythm either; five cycles are.
    assert.equal(estimateRhythm(track(0.6, 8, 15, 3.7)).frequencyHz, null);
    assert.ok(Math.abs((estimateRhythm(track(1.5, 8, 15, 3.7)).frequencyHz ?? 0) - 1.5) < 0.1);
  });
});
