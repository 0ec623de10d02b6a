/** resamplePcm: a tone keeps its pitch through 16 kHz -> 48 kHz and back; content above the new Nyquist is removed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resamplePcm } from '../../../native-models/enhance/resamplePcm.ts';

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
