/**
 * Patient keypoints per sampled frame, stored in the engine's SQLite cache file (its own table), keyed like
 * answers: recording sha256, frame time (ms), pose model id, and a sampling key (e.g. `fps2-ls448`: frame
 * times and scale depend on it). An empty array means "no patient found in this frame", which is also cached.
 */
import type { Database } from 'better-sqlite3';
import type { KeypointRecord } from '../contract/analysisSchema.ts';
import { KEYPOINT_NAMES } from './poseTypes.ts';

export class KeypointCache {
  private readonly getStmt;
  private readonly putStmt;
  private readonly rangeStmt;

  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS pose_keypoints (
      recording_sha256 TEXT NOT NULL,
      frame_ms INTEGER NOT NULL,
      pose_model TEXT NOT NULL,
      sampling_key TEXT NOT NULL,
      keypoints BLOB NOT NULL,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      PRIMARY KEY (recording_sha256, pose_model, sampling_key, frame_ms)
    ) WITHOUT ROWID`);
    this.getStmt = db.prepare<[string, number, string, string], { keypoints: Buffer }>(
      'SELECT keypoints FROM pose_keypoints WHERE recording_sha256 = ? AND frame_ms = ? AND pose_model = ? AND sampling_key = ?');
    this.putStmt = db.prepare<[string, number, string, string, Buffer]>(
      'INSERT OR REPLACE INTO pose_keypoints (recording_sha256, frame_ms, pose_model, sampling_key, keypoints) VALUES (?, ?, ?, ?, ?)');
    this.rangeStmt = db.prepare<[string, string, string], { frame_ms: number; keypoints: Buffer }>(
      'SELECT frame_ms, keypoints FROM pose_keypoints WHERE recording_sha256 = ? AND pose_model = ? AND sampling_key = ? ORDER BY frame_ms');
  }

  /** Keypoints (source pixels) for a frame, `[]` when cached as "no patient", undefined when not cached. */
  get(recordingSha256: string, tS: number, poseModel: string, samplingKey: string): KeypointRecord[] | undefined {
    const row = this.getStmt.get(recordingSha256, Math.round(tS * 1000), poseModel, samplingKey);
    return row ? decodeKeypoints(row.keypoints) : undefined;
  }

  put(recordingSha256: string, tS: number, poseModel: string, samplingKey: string, keypoints: readonly KeypointRecord[]): void {
    this.putStmt.run(recordingSha256, Math.round(tS * 1000), poseModel, samplingKey, encodeKeypoints(keypoints));
  }

  /** Every cached frame of a recording for one model and sampling, in time order. */
  all(recordingSha256: string, poseModel: string, samplingKey: string): Array<{ tS: number; keypoints: KeypointRecord[] }> {
    return this.rangeStmt.all(recordingSha256, poseModel, samplingKey).map((r) => ({ tS: r.frame_ms / 1000, keypoints: decodeKeypoints(r.keypoints) }));
  }

  /** Store many frames in one transaction. */
  putMany(recordingSha256: string, poseModel: string, samplingKey: string, frames: ReadonlyArray<{ tS: number; keypoints: readonly KeypointRecord[] }>): void {
    this.db.transaction(() => { for (const f of frames) this.put(recordingSha256, f.tS, poseModel, samplingKey, f.keypoints); })();
  }
}

/** 17 x (x, y, score) as little-endian float32 (204 bytes); empty buffer for "no patient". */
export function encodeKeypoints(kp: readonly KeypointRecord[]): Buffer {
  if (kp.length === 0) return Buffer.alloc(0);
  const b = Buffer.alloc(KEYPOINT_NAMES.length * 12);
  const byName = new Map(kp.map((k) => [k.name, k]));
  KEYPOINT_NAMES.forEach((name, i) => {
    const k = byName.get(name);
    b.writeFloatLE(k?.x ?? 0, i * 12);
    b.writeFloatLE(k?.y ?? 0, i * 12 + 4);
    b.writeFloatLE(k?.score ?? 0, i * 12 + 8);
  });
  return b;
}

export function decodeKeypoints(b: Buffer): KeypointRecord[] {
  if (b.length < KEYPOINT_NAMES.length * 12) return [];
  const r = (v: number, d: number) => Math.round(v * d) / d;
  return KEYPOINT_NAMES.map((name, i) => ({
    name,
    x: r(b.readFloatLE(i * 12), 10),
    y: r(b.readFloatLE(i * 12 + 4), 10),
    score: r(b.readFloatLE(i * 12 + 8), 1000),
  }));
}
