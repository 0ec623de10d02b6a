/**
 * detectVoiceActivity: speech segments from per-frame probabilities (hysteresis), and Silero VAD on onnxruntime
 * stops with the engine's CancelledError on an aborted signal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../native-models/errors.ts';
import { detectVoiceActivity, segmentsFromProbabilities, voiceProbabilities } from '../../../native-models/enhance/detectVoiceActivity.ts';

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

const opts = { threshold: 0.5, negThreshold: 0.35, minSilenceS: 0.3, minSpeechS: 0.25, padS: 0, durationS: 10 };

describe('VAD segmentation (hysteresis)', () => {
  it('opens above threshold, bridges short dips, closes after minSilence, drops blips', () => {
    const p = new Array(100).fill(0.05); // 0.1 s frames
    for (let i = 10; i < 30; i++) p[i] = 0.9;
    p[20] = 0.2; p[21] = 0.2; // 0.2 s dip: bridged
    for (let i = 50; i < 52; i++) p[i] = 0.9; // 0.2 s blip: dropped
    for (let i = 70; i < 100; i++) p[i] = 0.8; // runs to the end
    const segs = segmentsFromProbabilities(p, 0.1, opts);
    assert.deepEqual(segs, [{ startS: 1, endS: 3 }, { startS: 7, endS: 10 }]);
  });

  it('pads and merges touching segments', () => {
    const p = new Array(40).fill(0);
    for (let i = 5; i < 10; i++) p[i] = 0.9;
    for (let i = 14; i < 20; i++) p[i] = 0.9;
    assert.deepEqual(segmentsFromProbabilities(p, 0.1, { ...opts, padS: 0.3, durationS: 4 }), [{ startS: 0.2, endS: 2.3 }]);
  });
});
