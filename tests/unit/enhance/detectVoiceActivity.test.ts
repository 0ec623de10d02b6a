/** detectVoiceActivity (Silero VAD on onnxruntime) stops with the engine's CancelledError on an aborted signal. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../native-models/errors.ts';
import { detectVoiceActivity, voiceProbabilities } from '../../../native-models/enhance/detectVoiceActivity.ts';

describe('detectVoiceActivity cancellation', () => {
  const pcm = new Float32Array(16000 * 2).map((_, i) => 0.2 * Math.sin(i / 9));

  it('an aborted signal gives CancelledError', async () => {
    await assert.rejects(detectVoiceActivity(pcm, { signal: AbortSignal.abort() }), CancelledError);
    await assert.rejects(voiceProbabilities(pcm, 1536, AbortSignal.abort()), CancelledError);
  });

  it('aborting between model calls gives CancelledError', async () => {
    const ac = new AbortController();
    await voiceProbabilities(pcm.subarray(0, 1536)); // the model is loaded: the next run is all frames
    const run = voiceProbabilities(pcm, 512, ac.signal);
    ac.abort();
    await assert.rejects(run, CancelledError);
  });

  it('without a signal it gives one probability per frame', async () => {
    assert.equal((await voiceProbabilities(pcm, 512)).length, Math.floor(pcm.length / 512));
  });
});
