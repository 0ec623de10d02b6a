/** importAnnotationCsv on quirky label and prediction CSVs: each either read or rejected naming file, line and column. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importAnnotationCsv } from '../../../native-models/evaluation/importAnnotationCsv.ts';
import { rejects } from './rejectsInputError.ts';

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
