/**
 * transcribeSpeech: speech chunking and the per-chunk ASR hook with recording times. It stops with the engine's
 * CancelledError when its signal aborts, including when the ASR function (a fake here: the real one is an HTTP
 * call to llama-server) is cut short with an AbortError.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../native-models/errors.ts';
import { chunkSpeech, transcribeSpeech, type AsrFunction } from '../../../native-models/enhance/transcribeSpeech.ts';

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

describe('transcript hook', () => {
  it('chunks speech: merges close segments, splits long ones', () => {
    assert.deepEqual(chunkSpeech([{ startS: 1, endS: 2 }, { startS: 2.5, endS: 3 }, { startS: 10, endS: 75 }], 1, 30),
      [{ startS: 1, endS: 3 }, { startS: 10, endS: 40 }, { startS: 40, endS: 70 }, { startS: 70, endS: 75 }]);
  });

  it('calls the ASR function per chunk with padded audio and recording times', async () => {
    const rate = 1000;
    const pcm = new Float32Array(20 * rate).map((_, i) => i / rate);
    const seen: number[][] = [];
    const t = await transcribeSpeech(pcm, rate, [{ startS: 2, endS: 4 }, { startS: 12, endS: 13 }], async (chunk, _r, span) => {
      seen.push([span.startS, span.endS, chunk[0]!]);
      return span.startS < 5 ? ' hello ' : '';
    }, { model: 'm', padS: 0.5 });
    assert.deepEqual(seen, [[1.5, 4.5, 1.5], [11.5, 13.5, 11.5]]);
    assert.deepEqual(t, { text: 'hello', segments: [{ startS: 1.5, endS: 4.5, text: 'hello' }], model: 'm' });
    assert.equal(await transcribeSpeech(pcm, rate, [], async () => 'x', { model: 'm' }), null);
  });
});
