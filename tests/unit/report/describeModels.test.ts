/** describeModels: the report's model lines carry no paths, credentials or query strings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeModels } from '../../../native-models/report/describeModels.ts';
import type { ModelInfo } from '../../../native-models/contract/analysisSchema.ts';

test('models are described without paths, credentials or query strings', () => {
  const m: ModelInfo = {
    backend: 'local', name: 'Qwen2.5-Omni-7B', identity: 'x', demo: false, hasVision: true, hasAudio: false,
    files: { model: '/home/dr.smith/models/q.gguf', mmproj: null }, architecture: 'qwen2vl', projectorType: 'qwen2.5o',
    audioModel: { backend: 'remote', name: 'af3', identity: 'y', demo: true, hasVision: false, hasAudio: true,
      endpoint: 'https://user:secret@gpu.example.org:8443/v1?key=abc' },
  };
  const text = describeModels(m).join('\n');
  assert.ok(!text.includes('/home'), text);
  assert.ok(!text.includes('secret') && !text.includes('key=abc'), text);
  assert.match(text, /q\.gguf/);
  assert.match(text, /gpu\.example\.org:8443/);
  assert.match(text, /DEMO/);
});
