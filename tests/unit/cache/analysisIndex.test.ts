/**
 * The list of analyses in the answer cache (cache/analysisIndex.ts): each finished analysis is kept whole, the
 * list shows each recording once by its latest analysis (newest first) with its summary, whether the
 * recording is still there, and never its path; a stored analysis reads back checked against the contract.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { listAnalyses, loadAnalysis, recordAnalysis } from '../../../native-models/cache/analysisIndex.ts';
import { AnswerCache } from '../../../native-models/cache/answerCache.ts';
import { InputError } from '../../../native-models/errors.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-analysis-index-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function analysisOf(fileName: string, sha: string, present: Array<'tonic' | 'clonic'>) {
  const a = analysisSkeleton(fileName, [findingOf('tonic', present.includes('tonic') ? 'present' : 'absent'),
    findingOf('clonic', present.includes('clonic') ? 'present' : 'absent'), findingOf('blank_stare', 'not_assessed')]);
  a.recording.sha256 = sha;
  return a;
}

describe('analysisIndex', () => {
  it('lists each recording once by its latest analysis, newest first, with its summary and whether it is still there', () => {
    const cache = new AnswerCache(path.join(dir, 'list.sqlite'));
    const here = path.join(dir, 'night-bed2.mp4');
    writeFileSync(here, 'video bytes');
    const first = recordAnalysis(cache, { analysis: analysisOf('night-bed2.mp4', 'a'.repeat(64), []), videoPath: here, jsonPath: path.join(dir, 'a1.json'), pdfPath: path.join(dir, 'a1.pdf') });
    const other = recordAnalysis(cache, { analysis: analysisOf('gone.mp4', 'b'.repeat(64), ['clonic']), videoPath: path.join(dir, 'gone.mp4'), jsonPath: 'b.json', pdfPath: 'b.pdf' });
    const latest = recordAnalysis(cache, { analysis: analysisOf('night-bed2.mp4', 'a'.repeat(64), ['tonic']), videoPath: here, jsonPath: path.join(dir, 'a2.json'), pdfPath: path.join(dir, 'a2.pdf') });
    assert.ok(first < other && other < latest);
    const list = listAnalyses(cache);
    assert.deepEqual(list.map((e) => e.id), [latest, other]);
    assert.deepEqual(list[0], { id: latest, sha256: 'a'.repeat(64), fileName: 'night-bed2.mp4', modelName: 'tiny', analysedAt: '2025-03-14T10:22:00.000Z',
      durationS: 30, presentFeatures: ['tonic'], featuresAsked: 2, recordingFound: true });
    assert.equal(list[1]!.recordingFound, false, 'a recording deleted since is listed as not found');
    assert.ok(!JSON.stringify(list).includes(dir), 'the list never carries a path');
    cache.close();
  });

  it('keeps the list in the cache file: a new connection sees it, and a reopen gives the analysis back checked', () => {
    const db = path.join(dir, 'reopen.sqlite');
    const a = analysisOf('r.mp4', 'c'.repeat(64), ['clonic']);
    const w = new AnswerCache(db);
    const id = recordAnalysis(w, { analysis: a, videoPath: '/nowhere/r.mp4', jsonPath: '/out/analysis.json', pdfPath: '/out/report.pdf' });
    w.close();
    const r = new AnswerCache(db);
    const back = loadAnalysis(r, id);
    assert.deepEqual(back.analysis, a);
    assert.equal(back.videoPath, '/nowhere/r.mp4');
    assert.throws(() => loadAnalysis(r, id + 1), (e: unknown) => e instanceof InputError && /No analysis number/.test(e.message) && /list/.test(e.hint ?? ''));
    // A stored analysis this version cannot read is listed, and opening it names the wrong field.
    r.db.prepare('UPDATE analyses SET json=? WHERE id=?').run(JSON.stringify({ ...a, findings: [{ ...a.findings[0], status: 'maybe' }] }), id);
    assert.equal(listAnalyses(r).length, 1);
    assert.throws(() => loadAnalysis(r, id), (e: unknown) => e instanceof InputError && /r\.mp4.*findings\[0\]\.status/.test(e.message));
    r.close();
  });
});
