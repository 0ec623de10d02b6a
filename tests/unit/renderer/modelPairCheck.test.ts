/** The start screen's line for a model pair that passed the engine's checks (renderer/src/start/ModelPairCheck.tsx). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairSummary } from '../../../renderer/src/start/ModelPairCheck.tsx';

const pair = (hasVision: boolean, hasAudio: boolean, name = 'Qwen2.5 Omni 3B') => ({
  model: { fileName: 'q.gguf', name, architecture: 'qwen2vl' }, mmproj: { fileName: 'mmproj-q.gguf', projectorType: 'qwen2.5o' }, hasVision, hasAudio,
});

describe('ModelPairCheck', () => {
  it('names the model, its architecture and projector, and what it can sense', () => {
    assert.equal(pairSummary(pair(true, true)), 'Qwen2.5 Omni 3B (qwen2vl) with projector qwen2.5o: sees video and hears audio');
    assert.equal(pairSummary(pair(true, false)), 'Qwen2.5 Omni 3B (qwen2vl) with projector qwen2.5o: sees video');
    assert.equal(pairSummary(pair(true, false, '')), 'q.gguf (qwen2vl) with projector qwen2.5o: sees video', 'the file name when the GGUF has no name');
  });
});
