/** buildKeypointTracks: resampling onto the layer's grid, low scores missing, short gaps bridged, long ones not, swaps undone. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKeypointTracks, MAX_INTERPOLATED_GAP_S } from '../../../native-models/signals/keypointTracks.ts';
import { synthFrames } from './syntheticPatient.ts';

describe('buildKeypointTracks', () => {
  it('resamples 30 fps records onto a 15 Hz grid without damping a 4 Hz movement', () => {
    const frames = synthFrames({ durationS: 4, fps: 30, noisePx: 0, move: (t, p) => { p.right_wrist.x += 10 * Math.sin(2 * Math.PI * 4 * t); } });
    const t = buildKeypointTracks(frames, 15);
    assert.equal(t.rateHz, 15);
    assert.equal(t.length, 60);
    const x = Array.from(t.x.right_wrist);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const amp = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length) * Math.SQRT2;
    assert.ok(Math.abs(amp - 10) < 0.5, `amplitude ${amp}`);
  });

  it('low-score points are missing; gaps up to the limit are bridged, longer ones stay missing', () => {
    assert.equal(MAX_INTERPOLATED_GAP_S, 0.2);
    const frames = synthFrames({ durationS: 4, fps: 15, noisePx: 0, dropout: (t, n) => n === 'left_wrist' && ((t > 1 && t < 1.1) || (t > 2 && t < 2.6)) });
    const t = buildKeypointTracks(frames, 15);
    const at = (s: number) => t.x.left_wrist[Math.round(s * 15)]!;
    assert.ok(Number.isFinite(at(1.07)), 'a 2-frame gap is bridged');
    assert.ok(Number.isNaN(at(2.33)), 'a 0.6 s gap is not');
    assert.ok(Number.isFinite(at(3)));
  });

  it('a left/right label swap for one frame is undone by continuity', () => {
    const frames = synthFrames({ durationS: 2, fps: 15, noisePx: 0, swapAt: (t) => Math.abs(t - 1) < 0.01 });
    const t = buildKeypointTracks(frames, 15);
    const i = 15;
    assert.ok(t.x.left_shoulder[i]! > t.x.right_shoulder[i]!, 'left shoulder stays on the left-label side');
    assert.ok(t.x.left_wrist[i]! > t.x.right_wrist[i]!);
  });
});
