/**
 * KeypointCache: patient keypoints, other people's boxes and the orientation the models saw the frame in,
 * stored in SQLite by recording, time, model and sampling (an in-memory database); a cache file from before
 * other people (or orientations) were stored gets the column, and its rows read as upright.
 */
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
    assert.deepEqual(c.get('a'.repeat(64), 1.5, 'movenet', 'fps2')?.keypoints[3], { name: 'left_ear', x: 103.5, y: 203.3, score: 0.53 });
    assert.deepEqual(c.get('a'.repeat(64), 2.0, 'movenet', 'fps2'), { keypoints: [], others: [], orientation: 0 });
    assert.equal(c.get('a'.repeat(64), 1.5, 'movenet', 'fps15'), undefined);
    assert.equal(c.get('a'.repeat(64), 1.5, 'other', 'fps2'), undefined);
    assert.equal(c.get('b'.repeat(64), 1.5, 'movenet', 'fps2'), undefined);
    assert.deepEqual(c.all('a'.repeat(64), 'movenet', 'fps2').map((r) => r.tS), [1.5, 2]);
    new KeypointCache(db); // idempotent schema
    db.close();
  });

  it('stores other people\'s boxes with a frame\'s keypoints', () => {
    const db = new Database(':memory:');
    const c = new KeypointCache(db);
    const visitor = { x: 1480.5, y: 110.25, w: 426.4, h: 915.6 };
    c.put('a'.repeat(64), 3, 'movenet', 'fps15', [], [visitor]);
    assert.deepEqual(c.get('a'.repeat(64), 3, 'movenet', 'fps15'), { keypoints: [], others: [{ x: 1480.5, y: 110.3, w: 426.4, h: 915.6 }], orientation: 0 });
    c.putMany('a'.repeat(64), 'movenet', 'fps15', [{ tS: 4, keypoints: [], others: [visitor, visitor] }, { tS: 5, keypoints: [] }]);
    assert.deepEqual(c.all('a'.repeat(64), 'movenet', 'fps15').map((f) => f.others.length), [1, 2, 0]);
    db.close();
  });

  it('adds the others column to a cache file made before it', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE pose_keypoints (recording_sha256 TEXT NOT NULL, frame_ms INTEGER NOT NULL, pose_model TEXT NOT NULL,
      sampling_key TEXT NOT NULL, keypoints BLOB NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      PRIMARY KEY (recording_sha256, pose_model, sampling_key, frame_ms)) WITHOUT ROWID`);
    db.prepare('INSERT INTO pose_keypoints (recording_sha256, frame_ms, pose_model, sampling_key, keypoints) VALUES (?, ?, ?, ?, ?)').run('c'.repeat(64), 1000, 'movenet', 'old', Buffer.alloc(0));
    const c = new KeypointCache(db);
    assert.deepEqual(c.get('c'.repeat(64), 1, 'movenet', 'old'), { keypoints: [], others: [], orientation: 0 }, 'an old row reads with nobody else, upright');
    c.put('c'.repeat(64), 2, 'movenet', 'new', [], [{ x: 1, y: 2, w: 3, h: 4 }]);
    assert.equal(c.get('c'.repeat(64), 2, 'movenet', 'new')?.others.length, 1);
    db.close();
  });

  it('stores the orientation the models saw each frame in', () => {
    const db = new Database(':memory:');
    const c = new KeypointCache(db);
    c.put('d'.repeat(64), 1, 'movenet', 'fps15', [], [], 90);
    c.putMany('d'.repeat(64), 'movenet', 'fps15', [{ tS: 2, keypoints: [], orientation: 270 }, { tS: 3, keypoints: [] }, { tS: 4, keypoints: [], orientation: 180 }]);
    assert.equal(c.get('d'.repeat(64), 1, 'movenet', 'fps15')?.orientation, 90);
    assert.deepEqual(c.all('d'.repeat(64), 'movenet', 'fps15').map((f) => f.orientation), [90, 270, 0, 180]);
    // A value no orientation has (a damaged row) reads as upright rather than as a turn the views cannot make.
    db.prepare('UPDATE pose_keypoints SET orientation = 45 WHERE frame_ms = 1000').run();
    assert.equal(c.get('d'.repeat(64), 1, 'movenet', 'fps15')?.orientation, 0);
    db.close();
  });
});
