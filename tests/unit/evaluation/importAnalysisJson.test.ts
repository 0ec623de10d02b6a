/** importAnalysisJson: an analysis.json becomes one prediction record; invalid files are rejected naming the field. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importAnalysisJson } from '../../../native-models/evaluation/importAnalysisJson.ts';
import { rejects } from './rejectsInputError.ts';
import { analysis, finding } from './analysisJsonText.ts';

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
    rejects(() => importAnalysisJson(analysis('x.mp4', [], (d) => { d.schemaVersion = 3; }), 'v.json'),
      /^v\.json has schemaVersion 3; this version of semioscope reads schemaVersion 2\./);
    rejects(() => importAnalysisJson(analysis('', []), 'd.json'), /^d\.json: recording\.fileName must not be empty \(got ""\)/);
    rejects(() => importAnalysisJson(analysis('x.mp4', [finding('tonic', false, 'absent')], (d) => { d.findings[0].present = null; }), 'e.json'),
      /^e\.json: findings\[0\]\.present must be false when status is absent \(got null\)/);
    rejects(() => importAnalysisJson(analysis('x.mp4', [finding('tonic', true, 'present')], (d) => { d.findings[0].featureId = 'wobble'; }), 'f.json'),
      /^f\.json: findings\[0\]\.featureId must be one of occur_during_sleep, .*, ictal_vocalization \(got "wobble"\)/);
  });
});
