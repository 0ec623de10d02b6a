/** seekTargets: seeded and repeatable, mid-frame times inside the recording, no repeated consecutive frame. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom, seekTargets } from '../../../native-models/bench/seekTargets.ts';

describe('seekTargets', () => {
  it('gives the same targets for the same seed, others for another', () => {
    assert.deepEqual(seekTargets(50, 180, 30, 1), seekTargets(50, 180, 30, 1));
    assert.notDeepEqual(seekTargets(50, 180, 30, 1), seekTargets(50, 180, 30, 2));
  });

  it('seeks to the middle of frames before the last one, never the same frame twice in a row', () => {
    const fps = 30;
    const t = seekTargets(200, 180, fps);
    assert.equal(t.length, 200);
    for (const [i, s] of t.entries()) {
      assert.ok(Number.isInteger(s.frame) && s.frame >= 0 && s.frame < 180 * fps - 1, `frame ${s.frame}`);
      assert.ok(Math.abs(s.timeS - (s.frame + 0.5) / fps) < 1e-12);
      assert.equal(Math.floor(s.timeS * fps), s.frame, 'the time falls inside its frame');
      if (i > 0) assert.notEqual(s.frame, t[i - 1]!.frame);
    }
    assert.ok(new Set(t.map((s) => s.frame)).size > 190, 'spread over the recording');
  });

  it('refuses a recording too short to seek in and a bad count', () => {
    assert.throws(() => seekTargets(5, 0.05, 30), RangeError);
    assert.throws(() => seekTargets(-1, 10, 30), RangeError);
    assert.deepEqual(seekTargets(0, 10, 30), []);
  });

  it('draws uniform-looking numbers in [0, 1)', () => {
    const r = seededRandom(42);
    const xs = Array.from({ length: 1000 }, r);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(mean > 0.45 && mean < 0.55, `mean ${mean}`);
  });
});
