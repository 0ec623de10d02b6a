/**
 * transcribeSpeech stops with the engine's CancelledError when its signal aborts, including when the ASR
 * function (a fake here: the real one is an HTTP call to llama-server) is cut short with an AbortError.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../native-models/errors.ts';
import { transcribeSpeech, type AsrFunction } from '../../../native-models/enhance/transcribeSpeech.ts';

describe('transcribeSpeech cancellation', () => {
  const pcm = new Float32Array(16000 * 10);
  const speech = [{ startS: 1, endS: 2 }, { startS: 5, endS: 6 }];

  it('an aborted signal gives CancelledError before any ASR call', async () => {
    let calls = 0;
    const asr: AsrFunction = async () => { calls++; return 'x'; };
    await assert.rejects(transcribeSpeech(pcm, 16000, speech, asr, { model: 'fake', signal: AbortSignal.abort() }), CancelledError);
    assert.equal(calls, 0);
  });

  it('an ASR call aborted by the signal (AbortError) gives CancelledError and no further call', async () => {
    const ac = new AbortController();
    let calls = 0;
    const asr: AsrFunction = async () => {
      calls++;
      ac.abort();
      throw new DOMException('This operation was aborted', 'AbortError');
    };
    await assert.rejects(transcribeSpeech(pcm, 16000, speech, asr, { model: 'fake', signal: ac.signal }), CancelledError);
    assert.equal(calls, 1);
  });

  it('an ASR failure that is not a cancellation passes through unchanged', async () => {
    const asr: AsrFunction = async () => { throw new Error('server said no'); };
    await assert.rejects(transcribeSpeech(pcm, 16000, speech, asr, { model: 'fake' }), (e) => !(e instanceof CancelledError) && (e as Error).message === 'server said no');
  });
});
