/**
 * The analyses already made, kept in the answer cache's SQLite file next to the answers they came from: each
 * finished run adds a row with its whole analysis.json, so the review app lists the recordings analysed on
 * this workstation and reopens one instantly, asking no model and decoding nothing. The recording's path is
 * stored to play it again; it is never shown or logged (base names only), and a recording moved or deleted
 * since is reported as such rather than failing the reopen.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { parseAnalysisJson } from '../contract/parseAnalysisJson.ts';
import type { AnalysedRecording } from '../contract/analysedRecording.ts';
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { explainDbError, type AnswerCache } from './answerCache.ts';

interface Row { id: number; recording_sha: string; file_name: string; video_path: string; model_name: string; analysed_at: string; json_path: string; pdf_path: string; json: string }

/** Adds a finished analysis (the latest one of a recording is the one listed and reopened). */
export function recordAnalysis(cache: AnswerCache, a: { analysis: AnalysisResult; videoPath: string; jsonPath: string; pdfPath: string }): number {
  try {
    const r = cache.db.prepare(`INSERT INTO analyses (recording_sha, file_name, video_path, model_name, analysed_at, json_path, pdf_path, json)
      VALUES (?,?,?,?,?,?,?,?)`).run(a.analysis.recording.sha256, a.analysis.recording.fileName, path.resolve(a.videoPath), a.analysis.model.name,
      a.analysis.analysedAt, path.resolve(a.jsonPath), path.resolve(a.pdfPath), JSON.stringify(a.analysis));
    return Number(r.lastInsertRowid);
  } catch (e) {
    throw explainDbError(e, cache.dbPath);
  }
}

/** The analysed recordings, most recently analysed first, each by its latest analysis. */
export function listAnalyses(cache: AnswerCache, limit = 200): AnalysedRecording[] {
  const rows = cache.db.prepare(`SELECT a.* FROM analyses a
    JOIN (SELECT recording_sha, max(id) id FROM analyses GROUP BY recording_sha) latest ON latest.id = a.id
    ORDER BY a.id DESC LIMIT ?`).all(limit) as Row[];
  return rows.map((row) => {
    // The summary comes from the stored JSON; a row this version cannot read is still listed, by name.
    let analysis: { recording?: { durationS?: number }; findings?: Array<{ featureId: string; status: string }> } = {};
    try { analysis = JSON.parse(row.json); } catch { /* listed without a summary; opening it says what is wrong */ }
    const findings = Array.isArray(analysis.findings) ? analysis.findings : [];
    return {
      id: row.id, sha256: row.recording_sha, fileName: row.file_name, modelName: row.model_name, analysedAt: row.analysed_at,
      durationS: Number(analysis.recording?.durationS ?? 0),
      presentFeatures: findings.filter((f) => f.status === 'present').map((f) => f.featureId),
      featuresAsked: findings.filter((f) => f.status !== 'not_assessed').length,
      recordingFound: existsSync(row.video_path),
    };
  });
}

/** One stored analysis with where its recording and outputs were; checked against the contract. */
export function loadAnalysis(cache: AnswerCache, id: number): { analysis: AnalysisResult; videoPath: string; jsonPath: string; pdfPath: string } {
  const row = cache.db.prepare('SELECT * FROM analyses WHERE id=?').get(id) as Row | undefined;
  if (!row) {
    throw new InputError(`No analysis number ${id} is in the answer cache "${path.basename(cache.dbPath)}".`,
      { setting: 'id', hint: 'Choose a recording from the list, or analyse it again.' });
  }
  return { analysis: parseAnalysisJson(row.json, `${row.file_name} (analysis ${id})`), videoPath: row.video_path, jsonPath: row.json_path, pdfPath: row.pdf_path };
}
