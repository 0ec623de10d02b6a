import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segmentsFromProbabilities } from '../../../native-models/enhance/detectVoiceActivity.ts';
import { resamplePcm } from '../../../native-models/enhance/resamplePcm.ts';
import { chunkSpeech, transcribeSpeech } from '../../../native-models/enhance/transcribeSpeech.ts';

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

describe('resamplePcm', () => {
  it('keeps a 440 Hz tone at 440 Hz from 16 kHz to 48 kHz and back, and removes content above the new Nyquist', () => {
    const tone = (f: number, rate: number, n: number) => new Float32Array(n).map((_, i) => Math.sin((2 * Math.PI * f * i) / rate));
    const up = resamplePcm(tone(440, 16000, 16000), 16000, 48000);
    assert.equal(up.length, 48000);
    const ref = tone(440, 48000, 48000);
    let err = 0;
    for (let i = 1000; i < 47000; i++) err = Math.max(err, Math.abs(up[i]! - ref[i]!));
    assert.ok(err < 0.02, `max error ${err}`);
    const down = resamplePcm(tone(12000, 48000, 48000), 48000, 16000);
    let e = 0;
    for (let i = 500; i < 15500; i++) e += down[i]! ** 2;
    assert.ok(Math.sqrt(e / 15000) < 0.05, 'a 12 kHz tone does not alias into 16 kHz audio');
  });
});
