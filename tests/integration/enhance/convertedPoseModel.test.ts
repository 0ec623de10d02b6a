/**
 * The converted pose models in the user's cache (a test folder, SEMIOSCOPE_CACHE_DIR): the first load converts
 * MoveNet from @vladmandic/human's files and stores it, the next one reads the same bytes back without
 * converting; a damaged copy is converted again, and a changed weights file (cut in half) is not served from
 * the cache but fails to convert.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { convertedModelsDir, loadConvertedModel } from '../../../native-models/enhance/convertedPoseModel.ts';
import { humanModelsDir } from '../../../native-models/enhance/humanModels.ts';
import { corruptModelsDir, tempDir } from './testMedia.ts';

describe('loadConvertedModel', () => {
  const previous = process.env.SEMIOSCOPE_CACHE_DIR;
  before(() => { process.env.SEMIOSCOPE_CACHE_DIR = tempDir('semioscope-onnx-cache-'); });
  after(() => { if (previous === undefined) delete process.env.SEMIOSCOPE_CACHE_DIR; else process.env.SEMIOSCOPE_CACHE_DIR = previous; });
  const movenet = () => path.join(humanModelsDir(), 'movenet-lightning.json');

  it('converts once, then reads the stored model back', async () => {
    const first = await loadConvertedModel(movenet());
    assert.equal(first.fresh, true);
    const stored = readdirSync(convertedModelsDir()).filter((f) => f.endsWith('.onnx'));
    assert.equal(stored.length, 1, `one stored model: ${stored.join(', ')}`);
    const second = await loadConvertedModel(movenet());
    assert.equal(second.fresh, false);
    assert.ok(Buffer.from(second.model).equals(Buffer.from(first.model)), 'the same bytes');
    assert.deepEqual(second.inputs, first.inputs);
    assert.deepEqual(second.outputs, first.outputs);
  });

  it('converts again when the stored copy is damaged', async () => {
    const file = path.join(convertedModelsDir(), readdirSync(convertedModelsDir()).find((f) => f.endsWith('.onnx'))!);
    const good = readFileSync(file);
    writeFileSync(file, good.subarray(0, good.length >> 1));
    const again = await loadConvertedModel(movenet());
    assert.equal(again.fresh, true);
    assert.ok(Buffer.from(again.model).equals(good), 'converted again to the same model');
    assert.ok(readFileSync(file).equals(good), 'and stored again');
  });

  it('does not serve a model whose weights changed: the cut file fails to convert', async () => {
    await loadConvertedModel(path.join(humanModelsDir(), 'centernet.json'), ['tower_0/detections']);
    await assert.rejects(loadConvertedModel(path.join(corruptModelsDir(), 'centernet.json'), ['tower_0/detections']));
  });
});
