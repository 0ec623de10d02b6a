/** CSV reader and importers on quirky inputs: each either handled or rejected with a clear message. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../../native-models/errors.ts';
import { importAnalysisJson } from '../../../native-models/evaluation/importAnalysisJson.ts';
import { importAnnotationCsv } from '../../../native-models/evaluation/importAnnotationCsv.ts';
import { importPredictions } from '../../../native-models/evaluation/importPredictions.ts';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { patientIdOf, recordingKey } from '../../../native-models/evaluation/recordingKey.ts';
import { makeTempDir, writeText } from './evaluationFixtures.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';
import type { Finding } from '../../../native-models/contract/analysisSchema.ts';

const rejects = (fn: () => unknown, pattern: RegExp): void => {
  assert.throws(fn, (e: unknown) => e instanceof InputError && pattern.test(`${e.message} ${e.hint ?? ""}`), String(pattern));
};

describe('parseCsv', () => {
  it('strips a BOM, accepts CRLF, quoted commas/quotes/newlines, and skips blank lines', () => {
    const t = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\r\n', 'f.csv');
    assert.equal(t.hadBom, true);
    assert.deepEqual(t.header, ['a', 'b']);
    assert.deepEqual(t.rows.map((r) => r.cells), [['x, y', 'say "hi"'], ['multi\nline', '2']]);
    assert.deepEqual(t.rows.map((r) => r.line), [2, 4]);
  });
  it('keeps empty cells and reads a file without a final newline', () => {
    assert.deepEqual(parseCsv('a,b,c\n1,,\n,2,', 'f.csv').rows.map((r) => r.cells), [['1', '', ''], ['', '2', '']]);
  });
  it('names the line of an unclosed quote, and rejects an empty file', () => {
    rejects(() => parseCsv('a,b\n1,2\n"oops,3\n', 'f.csv'), /f\.csv: a quoted field that starts on line 3/);
    rejects(() => parseCsv('', 'f.csv'), /f\.csv is empty/);
  });
});

describe('recording keys and patients', () => {
  it('drops directory and extension, so x.mp4 and x.wav match; patient is the first @ field', () => {
    assert.equal(recordingKey('/data/A0002@5-13-2021@UA6693LK@sz_v1.mp4'), 'A0002@5-13-2021@UA6693LK@sz_v1');
    assert.equal(recordingKey('C:\\v\\A0002@x@sz_v1.wav'), 'A0002@x@sz_v1');
    assert.equal(recordingKey('noext'), 'noext');
    assert.equal(patientIdOf('A0002@5-13-2021@UA6693LK@sz_v1.mp4'), 'A0002');
  });
});

describe('importAnnotationCsv', () => {
  const header = 'file_name,gender,blank_stare,tonic,start_time,end_time,label,verbal_responsiveness';
  it('reads the published shape: extra columns ignored, empty = not labelled, na kept, case-insensitive', () => {
    const t = importAnnotationCsv(`\ufeff${header}\r\nA1@d@x@sz_v1.mp4,male,YES,no,3:28,5:05,1,\r\nA1@d@x@sz_v2.mp4,female, no ,na,0:10,1:00,0,yes\r\n`, 'labels.csv', 'labels');
    assert.deepEqual(t.features, ['blank_stare', 'tonic', 'verbal_responsiveness']);
    assert.equal(t.records.length, 2);
    assert.equal(t.records[0]!.values.get('blank_stare'), 'yes');
    assert.equal(t.records[0]!.values.get('verbal_responsiveness'), null);
    assert.equal(t.records[1]!.values.get('blank_stare'), 'no');
    assert.equal(t.records[1]!.values.get('tonic'), 'na');
    assert.equal(t.records[1]!.patientId, 'A1');
    assert.match(t.warnings.join('\n'), /byte-order mark/);
  });
  it('ignores an unknown feature column with a warning that suggests the nearest id', () => {
    const t = importAnnotationCsv('file_name,blank_stare,tonik,wobble\nx.mp4,yes,no,yes\n', 'labels.csv', 'labels');
    assert.deepEqual(t.features, ['blank_stare']);
    assert.match(t.warnings.join('\n'), /ignoring column "tonik": not a feature id in the catalogue \(did you mean "tonic"\?\)/);
    assert.match(t.warnings.join('\n'), /ignoring column "wobble": not a feature id in the catalogue\./);
  });
  it('accepts fail in predictions but not in labels', () => {
    assert.equal(importAnnotationCsv('file_name,tonic\nx.mp4,fail\n', 'p.csv', 'predictions').records[0]!.values.get('tonic'), 'fail');
    rejects(() => importAnnotationCsv('file_name,tonic\nx.mp4,fail\n', 'l.csv', 'labels'), /l\.csv line 2, column tonic: "fail" is a prediction outcome/);
  });
  it('rejects bad files with the file, line and column', () => {
    rejects(() => importAnnotationCsv('video,tonic\nx.mp4,yes\n', 'l.csv', 'labels'), /l\.csv: no "file_name" column/);
    rejects(() => importAnnotationCsv('file_name,gender\nx.mp4,male\n', 'l.csv', 'labels'), /none of its columns is a feature id/);
    rejects(() => importAnnotationCsv('file_name,tonic\nx.mp4,maybe\n', 'l.csv', 'labels'), /line 2, column tonic: "maybe" is not a valid value \(expected yes, no, na, fail or an empty cell\)/);
    rejects(() => importAnnotationCsv('file_name,tonic,clonic\nx.mp4,yes\n', 'l.csv', 'labels'), /line 2: 2 fields, but the header has 3/);
    rejects(() => importAnnotationCsv('file_name,tonic\nx.mp4,yes,no\n', 'l.csv', 'labels'), /unquoted comma/);
    rejects(() => importAnnotationCsv('file_name,tonic\nx.mp4,yes\nx.wav,no\n', 'l.csv', 'labels'), /line 3: "x\.wav" is the same recording as l\.csv line 2/);
    rejects(() => importAnnotationCsv('file_name,tonic\n,yes\n', 'l.csv', 'labels'), /line 2: the file_name cell is empty/);
    rejects(() => importAnnotationCsv('file_name,tonic,tonic\nx,yes,no\n', 'l.csv', 'labels'), /"tonic" appears twice/);
    rejects(() => importAnnotationCsv('file_name,tonic\n', 'l.csv', 'labels'), /has a header but no rows/);
  });
  it('accepts a trailing comma on every row', () => {
    const t = importAnnotationCsv('file_name,tonic\nx.mp4,yes,\n', 'l.csv', 'labels');
    assert.equal(t.records[0]!.values.get('tonic'), 'yes');
  });
});

/** A whole, valid analysis.json text for `fileName`; `edit` may then break or change any part of it. */
function analysis(fileName: string, findings: Finding[], edit: (doc: Record<string, any>) => void = () => {}): string {
  const doc = analysisSkeleton(fileName, findings) as unknown as Record<string, any>;
  edit(doc);
  return JSON.stringify(doc, null, 2);
}
const finding = (featureId: Finding['featureId'], _present: boolean | null, status: Finding['status']): Finding => findingOf(featureId, status);

describe('importAnalysisJson', () => {
  it('maps present true/false to yes/no, not_assessed to na, failed to fail', () => {
    const r = importAnalysisJson(analysis('A1@x@sz_v1.mp4', [
      finding('blank_stare', true, 'present'), finding('tonic', false, 'absent'),
      finding('clonic', null, 'not_assessed'), finding('figure4', null, 'failed'),
    ]), 'a.json')!;
    assert.equal(r.record.key, 'A1@x@sz_v1');
    assert.deepEqual(Object.fromEntries(r.record.values), { blank_stare: 'yes', tonic: 'no', clonic: 'na', figure4: 'fail' });
  });
  it('warns about demo models; returns null for other JSON', () => {
    const r = importAnalysisJson(analysis('x.mp4', [finding('tonic', true, 'present')], (d) => { d.model.demo = true; }), 'a.json')!;
    assert.match(r.warnings.join('\n'), /a\.json: produced by the random-weight demo model/);
    assert.equal(importAnalysisJson('{"hello":1}', 'b.json'), null);
  });
  it('rejects invalid JSON, other schema versions and wrong fields, naming the file and the field', () => {
    rejects(() => importAnalysisJson('{oops', 'c.json'), /^c\.json is not valid JSON/);
    rejects(() => importAnalysisJson(analysis('x.mp4', [], (d) => { d.schemaVersion = 2; }), 'v.json'),
      /^v\.json has schemaVersion 2; this version of semioscope reads schemaVersion 1\./);
    rejects(() => importAnalysisJson(analysis('', []), 'd.json'), /^d\.json: recording\.fileName must not be empty \(got ""\)/);
    rejects(() => importAnalysisJson(analysis('x.mp4', [finding('tonic', false, 'absent')], (d) => { d.findings[0].present = null; }), 'e.json'),
      /^e\.json: findings\[0\]\.present must be false when status is absent \(got null\)/);
    rejects(() => importAnalysisJson(analysis('x.mp4', [finding('tonic', true, 'present')], (d) => { d.findings[0].featureId = 'wobble'; }), 'f.json'),
      /^f\.json: findings\[0\]\.featureId must be one of occur_during_sleep, .*, ictal_vocalization \(got "wobble"\)/);
  });
});

describe('importPredictions', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  after(() => cleanup());

  it('reads a folder recursively, skips non-analysis JSON, merges x.mp4 (vision) with x.wav (audio)', async () => {
    await writeText(join(dir, 'runs', 'a', 'analysis.json'), analysis('P1@x@sz_v1.mp4', [finding('tonic', true, 'present'), finding('ictal_vocalization', null, 'not_assessed')]));
    await writeText(join(dir, 'runs', 'b', 'analysis.json'), analysis('P1@x@sz_v1.wav', [finding('ictal_vocalization', false, 'absent')]));
    await writeText(join(dir, 'runs', 'c', 'analysis.json'), analysis('P2@y@sz_v1.mp4', [finding('tonic', null, 'failed')]));
    await writeText(join(dir, 'runs', 'settings.json'), '{"theme":"dark"}');
    const t = await importPredictions([join(dir, 'runs')]);
    assert.equal(t.records.length, 2);
    const p1 = t.records.find((r) => r.key === 'P1@x@sz_v1')!;
    assert.equal(p1.values.get('tonic'), 'yes');
    assert.equal(p1.values.get('ictal_vocalization'), 'no');
    assert.deepEqual(t.features, ['tonic', 'ictal_vocalization']);
    assert.match(t.warnings.join('\n'), /settings\.json: not an analysis result/);
  });

  it('rejects conflicting answers for one recording, a missing path and an empty folder', async () => {
    const a = await writeText(join(dir, 'c1.json'), analysis('P3@z@1.mp4', [finding('tonic', true, 'present')]));
    const b = await writeText(join(dir, 'c2.json'), analysis('P3@z@1.mp4', [finding('tonic', false, 'absent')]));
    await assert.rejects(importPredictions([a, b]), /Conflicting predictions for tonic: c1\.json says yes, c2\.json says no/);
    await assert.rejects(importPredictions([join(dir, 'nope.csv')]), /Prediction file or folder not found/);
    await writeText(join(dir, 'empty', 'readme.txt'), 'x');
    await assert.rejects(importPredictions([join(dir, 'empty')]), /No analysis\.json files found/);
  });
});
