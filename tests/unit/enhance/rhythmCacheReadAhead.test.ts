import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sampleEvery } from '../../../native-models/enhance/enhanceFrames.ts';
import { estimateRhythm } from '../../../native-models/enhance/estimateRhythm.ts';
import { KeypointCache } from '../../../native-models/enhance/keypointCache.ts';
import { KEYPOINT_NAMES } from '../../../native-models/enhance/poseTypes.ts';
import { readAhead } from '../../../native-models/enhance/readAhead.ts';

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

describe('KeypointCache', () => {
  it('stores and loads patient keypoints by recording, time, model and sampling; caches "no patient"', () => {
    const db = new Database(':memory:');
    const c = new KeypointCache(db);
    const kp = KEYPOINT_NAMES.map((name, i) => ({ name, x: 100.5 + i, y: 200.25 + i, score: 0.5 + i / 100 }));
    c.put('a'.repeat(64), 1.5, 'movenet', 'fps2', kp);
    c.put('a'.repeat(64), 2.0, 'movenet', 'fps2', []);
    assert.deepEqual(c.get('a'.repeat(64), 1.5, 'movenet', 'fps2')?.[3], { name: 'left_ear', x: 103.5, y: 203.3, score: 0.53 });
    assert.deepEqual(c.get('a'.repeat(64), 2.0, 'movenet', 'fps2'), []);
    assert.equal(c.get('a'.repeat(64), 1.5, 'movenet', 'fps15'), undefined);
    assert.equal(c.get('a'.repeat(64), 1.5, 'other', 'fps2'), undefined);
    assert.equal(c.get('b'.repeat(64), 1.5, 'movenet', 'fps2'), undefined);
    assert.deepEqual(c.all('a'.repeat(64), 'movenet', 'fps2').map((r) => r.tS), [1.5, 2]);
    new KeypointCache(db); // idempotent schema
    db.close();
  });
});

describe('readAhead and sampleEvery', () => {
  it('yields in order, pulls ahead, and closes the source when the consumer stops', async () => {
    let pulled = 0;
    let closed = false;
    async function* src() {
      try { for (let i = 0; i < 10; i++) { pulled = i + 1; yield i; } } finally { closed = true; }
    }
    const got: number[] = [];
    for await (const v of readAhead(src(), 3)) {
      got.push(v);
      if (v === 0) { await new Promise((r) => setTimeout(r, 10)); assert.ok(pulled >= 3, `pulled ${pulled}`); }
      if (v === 4) break;
    }
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
    assert.ok(closed);
  });
  it('picks the first frame at or after each half second on a 15 fps grid', () => {
    const pick = sampleEvery(0.5);
    const times = Array.from({ length: 30 }, (_, i) => Math.round((i / 15) * 1000) / 1000).filter((t) => pick(t));
    assert.deepEqual(times, [0, 0.533, 1, 1.533]);
    // Asking twice about one frame gives the same answer and does not move the grid.
    const again = sampleEvery(0.5);
    const twice = Array.from({ length: 30 }, (_, i) => Math.round((i / 15) * 1000) / 1000).filter((t) => again(t) && again(t));
    assert.deepEqual(twice, times);
  });
});
