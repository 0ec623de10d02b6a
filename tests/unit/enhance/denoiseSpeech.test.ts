/** denoiseSpeech stops with the engine's CancelledError when its signal aborts, before or during the run. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../native-models/errors.ts';
import { denoiseSpeech } from '../../../native-models/enhance/denoiseSpeech.ts';

describe('denoiseSpeech cancellation', () => {
  const pcm = new Float32Array(48000 * 20).map((_, i) => 0.1 * Math.sin(i / 7)); // 2000 RNNoise frames

  it('an aborted signal gives CancelledError', async () => {
    await assert.rejects(denoiseSpeech(pcm, 48000, { signal: AbortSignal.abort() }), CancelledError);
  });

  it('aborting during the run gives CancelledError', async () => {
    const ac = new AbortController();
    setImmediate(() => ac.abort()); // runs at the denoiser's first pause, 500 frames in
    await assert.rejects(denoiseSpeech(pcm, 48000, { signal: ac.signal }), CancelledError);
  });

  it('without a signal it returns audio of the input length', async () => {
    assert.equal((await denoiseSpeech(pcm.subarray(0, 4800), 48000)).length, 4800);
  });
});
