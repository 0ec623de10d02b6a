/** KeypointCache: patient keypoints stored in SQLite by recording, time, model and sampling (an in-memory database). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { KeypointCache } from '../../../native-models/enhance/keypointCache.ts';
import { KEYPOINT_NAMES } from '../../../native-models/enhance/poseTypes.ts';

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
