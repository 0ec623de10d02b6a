/** importPredictions: folders of analysis.json files merged per recording; conflicts and missing inputs rejected. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importPredictions } from '../../../native-models/evaluation/importPredictions.ts';
import { makeTempDir, writeText } from './evaluationFixtures.ts';
import { analysis, finding } from './analysisJsonText.ts';

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
