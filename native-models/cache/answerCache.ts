/**
 * Every model answer in one SQLite file (WAL), keyed by what determines it: recording content hash, segment
 * window, feature, input variant, model identity, catalogue version and sampling. A rerun asks the model
 * nothing already answered; a run that was interrupted resumes where it stopped. Failed answers are not
 * stored, so a rerun retries them.
 */
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { describeFsError, makeFolder } from '../platform/makeFolder.ts';
import { userDataRoot } from '../platform/paths.ts';

export interface AnswerKey {
  recordingSha: string;
  segmentStartS: number;
  segmentEndS: number;
  featureId: string;
  variant: string;
  modelId: string;
  catalogueVersion: number;
  /** Everything about the input that changes what the model saw (fps, max frames, frame size, pose, prompt wording). */
  samplingKey: string;
}

export interface CachedAnswer {
  present: boolean;
  justification: string;
  /** Onset in seconds from the segment start, or null. */
  onsetInSegmentS: number | null;
  promptTokens: number;
  completionTokens: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answers (
  recording_sha TEXT NOT NULL, segment_start_ms INTEGER NOT NULL, segment_end_ms INTEGER NOT NULL,
  feature_id TEXT NOT NULL, variant TEXT NOT NULL, model_id TEXT NOT NULL, catalogue_version INTEGER NOT NULL,
  sampling_key TEXT NOT NULL,
  present INTEGER NOT NULL, justification TEXT NOT NULL, onset_s REAL,
  prompt_tokens INTEGER NOT NULL DEFAULT 0, completion_tokens INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (recording_sha, segment_start_ms, segment_end_ms, feature_id, variant, model_id, catalogue_version, sampling_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS file_hashes (
  path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL, sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS artifacts (
  recording_sha TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (recording_sha, kind, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS segment_keyframes (
  recording_sha TEXT NOT NULL, segment_start_ms INTEGER NOT NULL, segment_end_ms INTEGER NOT NULL,
  variant TEXT NOT NULL, sampling_key TEXT NOT NULL, t_s REAL NOT NULL, jpeg BLOB NOT NULL,
  PRIMARY KEY (recording_sha, segment_start_ms, segment_end_ms, variant, sampling_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS analyses (
  id INTEGER PRIMARY KEY, recording_sha TEXT NOT NULL, file_name TEXT NOT NULL, video_path TEXT NOT NULL,
  model_name TEXT NOT NULL, analysed_at TEXT NOT NULL, json_path TEXT NOT NULL, pdf_path TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS analyses_by_recording ON analyses (recording_sha, id);
CREATE TABLE IF NOT EXISTS review_log (
  id INTEGER PRIMARY KEY, recording_sha TEXT NOT NULL, analysis_id INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'undo', 'signoff')), feature_id TEXT,
  decision TEXT CHECK (decision IS NULL OR decision IN ('confirmed', 'rejected', 'uncertain', 'added')),
  onset_s REAL, offset_s REAL, side TEXT CHECK (side IS NULL OR side IN ('left', 'right', 'bilateral')),
  comment TEXT NOT NULL, reviewer TEXT NOT NULL, at_iso TEXT NOT NULL, replaces INTEGER REFERENCES review_log (id)
);
CREATE INDEX IF NOT EXISTS review_log_by_recording ON review_log (recording_sha, id);
CREATE TRIGGER IF NOT EXISTS review_log_no_update BEFORE UPDATE ON review_log
  BEGIN SELECT RAISE(ABORT, 'review_log is append-only: record a new entry instead'); END;
CREATE TRIGGER IF NOT EXISTS review_log_no_delete BEFORE DELETE ON review_log
  BEGIN SELECT RAISE(ABORT, 'review_log is append-only: record a new entry instead'); END;
`;

const ms = (s: number) => Math.round(s * 1000);

/** The columns each table must have: a file whose tables differ was made by another program or version. */
const EXPECTED_COLUMNS: Record<string, string[]> = {
  answers: ['recording_sha', 'segment_start_ms', 'segment_end_ms', 'feature_id', 'variant', 'model_id', 'catalogue_version', 'sampling_key',
    'present', 'justification', 'onset_s', 'prompt_tokens', 'completion_tokens', 'created_at'],
  file_hashes: ['path', 'size', 'mtime_ms', 'sha256'],
  artifacts: ['recording_sha', 'kind', 'key', 'json'],
  segment_keyframes: ['recording_sha', 'segment_start_ms', 'segment_end_ms', 'variant', 'sampling_key', 't_s', 'jpeg'],
  analyses: ['id', 'recording_sha', 'file_name', 'video_path', 'model_name', 'analysed_at', 'json_path', 'pdf_path', 'json'],
  review_log: ['id', 'recording_sha', 'analysis_id', 'kind', 'feature_id', 'decision', 'onset_s', 'offset_s', 'side', 'comment', 'reviewer', 'at_iso', 'replaces'],
};

/** Turns SQLite's disk errors into a message the user can act on (the file named by its base name only). */
export function explainDbError(e: unknown, dbPath: string): Error {
  if (e instanceof InputError) return e;
  const code = String((e as { code?: string }).code ?? '');
  const message = String((e as Error)?.message ?? e);
  const name = path.basename(dbPath);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full|no space left/i.test(message)) {
    return new InputError(`The disk holding the answer cache "${name}" is full.`, { setting: 'dbPath', cause: e,
      hint: 'Free some space and run again: every answer saved so far is kept and will not be asked again.' });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code.startsWith('SQLITE_IOERR')) {
    return new InputError(`The answer cache "${name}" cannot be opened for writing (${code}).`, { setting: 'dbPath', cause: e,
      hint: 'Choose a cache file in a folder you can write to.' });
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /no such column|has no column/i.test(message)) {
    return new InputError(`"${name}" is not a Semioscope answer cache (or is damaged).`, { setting: 'dbPath', cause: e,
      hint: 'Move it aside or choose another cache file.' });
  }
  if (/^E[A-Z]+$/.test(code)) {
    return new InputError(`The answer cache "${name}" cannot be created or opened (${describeFsError(e)}).`, { setting: 'dbPath', cause: e,
      hint: 'Choose a cache file in a folder you can write to.' });
  }
  return e as Error;
}

export class AnswerCache {
  readonly db: Database.Database;
  private readonly getStmt: Database.Statement;
  private readonly putStmt: Database.Statement;

  constructor(readonly dbPath: string) {
    let db: Database.Database | null = null;
    try {
      if (dbPath !== ':memory:') makeFolder(path.dirname(dbPath));
      db = new Database(dbPath);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
        const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
        if (columns.some((c) => !have.has(c))) {
          throw new InputError(`"${path.basename(dbPath)}" is not a Semioscope answer cache: its table "${table}" has other columns.`,
            { setting: 'dbPath', hint: 'Move it aside or choose another cache file.' });
        }
      }
    } catch (e) {
      db?.close();
      throw explainDbError(e, dbPath);
    }
    this.db = db;
    this.getStmt = this.db.prepare(`SELECT present, justification, onset_s, prompt_tokens, completion_tokens FROM answers
      WHERE recording_sha=? AND segment_start_ms=? AND segment_end_ms=? AND feature_id=? AND variant=? AND model_id=? AND catalogue_version=? AND sampling_key=?`);
    this.putStmt = this.db.prepare(`INSERT INTO answers (recording_sha, segment_start_ms, segment_end_ms, feature_id, variant, model_id, catalogue_version,
      sampling_key, present, justification, onset_s, prompt_tokens, completion_tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
      ON CONFLICT DO NOTHING`);
  }

  private keyArgs(k: AnswerKey): unknown[] {
    return [k.recordingSha, ms(k.segmentStartS), ms(k.segmentEndS), k.featureId, k.variant, k.modelId, k.catalogueVersion, k.samplingKey];
  }

  get(k: AnswerKey): CachedAnswer | null {
    const row = this.getStmt.get(...this.keyArgs(k)) as
      { present: number; justification: string; onset_s: number | null; prompt_tokens: number; completion_tokens: number } | undefined;
    if (!row) return null;
    return { present: row.present === 1, justification: row.justification, onsetInSegmentS: row.onset_s, promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens };
  }

  put(k: AnswerKey, a: CachedAnswer): void {
    try {
      this.putStmt.run(...this.keyArgs(k), a.present ? 1 : 0, a.justification, a.onsetInSegmentS, a.promptTokens, a.completionTokens);
    } catch (e) {
      throw explainDbError(e, this.dbPath);
    }
  }

  countAnswers(recordingSha?: string): number {
    const row = (recordingSha
      ? this.db.prepare('SELECT count(*) n FROM answers WHERE recording_sha=?').get(recordingSha)
      : this.db.prepare('SELECT count(*) n FROM answers').get()) as { n: number };
    return row.n;
  }

  /** SHA-256 of a file, remembered by (path, size, mtime) so multi-GB model files are hashed once. */
  async fileSha256(filePath: string, hash: (p: string) => Promise<string>): Promise<string> {
    const st = statSync(filePath);
    const abs = path.resolve(filePath);
    const row = this.db.prepare('SELECT size, mtime_ms, sha256 FROM file_hashes WHERE path=?').get(abs) as
      { size: number; mtime_ms: number; sha256: string } | undefined;
    if (row && row.size === st.size && row.mtime_ms === Math.round(st.mtimeMs)) return row.sha256;
    const sha = await hash(filePath);
    try {
      this.db.prepare('INSERT OR REPLACE INTO file_hashes (path, size, mtime_ms, sha256) VALUES (?,?,?,?)').run(abs, st.size, Math.round(st.mtimeMs), sha);
    } catch (e) {
      throw explainDbError(e, this.dbPath);
    }
    return sha;
  }

  putKeyframe(recordingSha: string, startS: number, endS: number, variant: string, samplingKey: string, tS: number, jpeg: Buffer): void {
    try {
      this.db.prepare(`INSERT OR REPLACE INTO segment_keyframes (recording_sha, segment_start_ms, segment_end_ms, variant, sampling_key, t_s, jpeg)
        VALUES (?,?,?,?,?,?,?)`).run(recordingSha, ms(startS), ms(endS), variant, samplingKey, tS, jpeg);
    } catch (e) {
      throw explainDbError(e, this.dbPath);
    }
  }

  getKeyframe(recordingSha: string, startS: number, endS: number, variant: string, samplingKey: string): { tS: number; jpeg: Buffer } | null {
    const row = this.db.prepare(`SELECT t_s, jpeg FROM segment_keyframes WHERE recording_sha=? AND segment_start_ms=? AND segment_end_ms=? AND variant=? AND sampling_key=?`)
      .get(recordingSha, ms(startS), ms(endS), variant, samplingKey) as { t_s: number; jpeg: Buffer } | undefined;
    return row ? { tS: row.t_s, jpeg: row.jpeg } : null;
  }

  /** Per-recording results other than answers (pose tracks, audio analysis), so a reopen needs no decoding. */
  putArtifact(recordingSha: string, kind: string, key: string, value: unknown): void {
    try {
      this.db.prepare('INSERT OR REPLACE INTO artifacts (recording_sha, kind, key, json) VALUES (?,?,?,?)').run(recordingSha, kind, key, JSON.stringify(value));
    } catch (e) {
      throw explainDbError(e, this.dbPath);
    }
  }

  getArtifact<T>(recordingSha: string, kind: string, key: string): T | null {
    const row = this.db.prepare('SELECT json FROM artifacts WHERE recording_sha=? AND kind=? AND key=?').get(recordingSha, kind, key) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as T) : null;
  }

  close(): void {
    this.db.close();
  }
}

/** Default cache location in the user's data directory (platform/paths.ts userDataRoot). */
export function defaultCachePath(): string {
  return path.join(userDataRoot(), 'cache.sqlite');
}
