/**
 * Patient keypoints per sampled frame, stored in the engine's SQLite cache file (its own table), keyed like
 * answers: recording sha256, frame time (ms), pose model id, and a sampling key (e.g. `fps2-ls448`: frame
 * times and scale depend on it). An empty array means "no patient found in this frame", which is also cached.
 * Other people's boxes seen in the frame (enhance/otherPeopleWatch.ts) are stored beside them, so a resumed
 * analysis masks care interventions as a fresh one does, and so is the orientation the models saw the frame in
 * (uprightView.ts), so a resumed analysis goes on in it and reports it.
 */
import type { Database } from 'better-sqlite3';
import type { FaceBoxRecord, KeypointRecord } from '../contract/analysisSchema.ts';
import { KEYPOINT_NAMES } from './poseTypes.ts';
import { isOrientation, type Orientation } from './uprightView.ts';

/** One cached frame: the patient's keypoints ([] = no patient) and other people's boxes (source pixels). */
export interface CachedPoseFrame {
  keypoints: KeypointRecord[];
  others: FaceBoxRecord[];
  /** Which way up the models saw the frame (0 for rows stored before orientations were). */
  orientation: Orientation;
}

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
    // Caches made before other people were stored: add the column (their rows have other sampling keys).
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(pose_keypoints)').all().map((c) => c.name);
    if (!columns.includes('others')) db.exec('ALTER TABLE pose_keypoints ADD COLUMN others BLOB');
    // ... and before orientations were (their rows read as upright; their sampling keys differ too).
    if (!columns.includes('orientation')) db.exec('ALTER TABLE pose_keypoints ADD COLUMN orientation INTEGER');
    this.getStmt = db.prepare<[string, number, string, string], Row>(
      'SELECT keypoints, others, orientation FROM pose_keypoints WHERE recording_sha256 = ? AND frame_ms = ? AND pose_model = ? AND sampling_key = ?');
    this.putStmt = db.prepare<[string, number, string, string, Buffer, Buffer | null, number]>(
      'INSERT OR REPLACE INTO pose_keypoints (recording_sha256, frame_ms, pose_model, sampling_key, keypoints, others, orientation) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.rangeStmt = db.prepare<[string, string, string], Row & { frame_ms: number }>(
      'SELECT frame_ms, keypoints, others, orientation FROM pose_keypoints WHERE recording_sha256 = ? AND pose_model = ? AND sampling_key = ? ORDER BY frame_ms');
  }

  /** A frame's keypoints (source pixels; `[]` when cached as "no patient"), other people and orientation, or undefined when not cached. */
  get(recordingSha256: string, tS: number, poseModel: string, samplingKey: string): CachedPoseFrame | undefined {
    const row = this.getStmt.get(recordingSha256, Math.round(tS * 1000), poseModel, samplingKey);
    return row ? decodeRow(row) : undefined;
  }

  put(recordingSha256: string, tS: number, poseModel: string, samplingKey: string, keypoints: readonly KeypointRecord[], others: readonly FaceBoxRecord[] = [], orientation: Orientation = 0): void {
    this.putStmt.run(recordingSha256, Math.round(tS * 1000), poseModel, samplingKey, encodeKeypoints(keypoints), others.length ? encodeBoxes(others) : null, orientation);
  }

  /** Every cached frame of a recording for one model and sampling, in time order. */
  all(recordingSha256: string, poseModel: string, samplingKey: string): Array<{ tS: number } & CachedPoseFrame> {
    return this.rangeStmt.all(recordingSha256, poseModel, samplingKey).map((r) => ({ tS: r.frame_ms / 1000, ...decodeRow(r) }));
  }

  /** Store many frames in one transaction. */
  putMany(recordingSha256: string, poseModel: string, samplingKey: string,
    frames: ReadonlyArray<{ tS: number; keypoints: readonly KeypointRecord[]; others?: readonly FaceBoxRecord[]; orientation?: Orientation }>): void {
    this.db.transaction(() => { for (const f of frames) this.put(recordingSha256, f.tS, poseModel, samplingKey, f.keypoints, f.others, f.orientation); })();
  }
}

interface Row {
  keypoints: Buffer;
  others: Buffer | null;
  orientation: number | null;
}

function decodeRow(r: Row): CachedPoseFrame {
  return { keypoints: decodeKeypoints(r.keypoints), others: decodeBoxes(r.others), orientation: isOrientation(r.orientation) ? r.orientation : 0 };
}

/** Boxes as little-endian float32 (x, y, w, h), 16 bytes each. */
export function encodeBoxes(boxes: readonly FaceBoxRecord[]): Buffer {
  const b = Buffer.alloc(boxes.length * 16);
  boxes.forEach((x, i) => { b.writeFloatLE(x.x, i * 16); b.writeFloatLE(x.y, i * 16 + 4); b.writeFloatLE(x.w, i * 16 + 8); b.writeFloatLE(x.h, i * 16 + 12); });
  return b;
}

export function decodeBoxes(b: Buffer | null): FaceBoxRecord[] {
  if (!b) return [];
  const r = (v: number) => Math.round(v * 10) / 10;
  return Array.from({ length: Math.floor(b.length / 16) }, (_, i) => ({
    x: r(b.readFloatLE(i * 16)), y: r(b.readFloatLE(i * 16 + 4)), w: r(b.readFloatLE(i * 16 + 8)), h: r(b.readFloatLE(i * 16 + 12)),
  }));
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
