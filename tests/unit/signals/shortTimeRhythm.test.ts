/**
 * shortTimeRhythm's window test against noise models and rhythms (no video): re-measures what
 * MIN_PEAK_PROMINENCE's comment states, so a change of the criterion or its threshold that lets noise through
 * (or loses real rhythms) fails here. Seeded noise, windows taken one window length apart (sharing no data).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_PEAK_PROMINENCE, RHYTHM_HOP_S, RHYTHM_WINDOW_S, shortTimeRhythm, type RhythmWindow } from '../../../native-models/signals/shortTimeRhythm.ts';

const RATE = 15;

function rng(seed: number): () => number {
  let a = seed;
  const u = () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
}

/** One joint's x and y (torso lengths) for `seconds`, each sample made by f(t, gauss). */
function joint(seconds: number, seed: number, f: (t: number, g: () => number) => number): [Float64Array, Float64Array] {
  const g = rng(seed);
  const n = Math.round(seconds * RATE);
  return [Float64Array.from({ length: n }, (_, i) => f(i / RATE, g)), Float64Array.from({ length: n }, (_, i) => f(i / RATE + 1000, g))];
}

/** Windows sharing no data. */
const independent = (w: RhythmWindow[]) => w.filter((_, i) => i % Math.round(RHYTHM_WINDOW_S / RHYTHM_HOP_S) === 0);
const share = (w: RhythmWindow[], p: (x: RhythmWindow) => boolean) => w.filter(p).length / w.length;

describe('shortTimeRhythm against noise and rhythm', () => {
  it('white jitter in one joint: prominence reaches the threshold in ~1% of windows, fewer are rhythmic', () => {
    const [x, y] = joint(3000, 1, (_t, g) => 0.02 * g());
    const w = independent(shortTimeRhythm([[x, y]], 0, RATE));
    assert.ok(w.length >= 900);
    const over = share(w, (v) => v.prominence >= MIN_PEAK_PROMINENCE);
    assert.ok(over <= 0.015, `prominence >= ${MIN_PEAK_PROMINENCE} in ${(100 * over).toFixed(1)}% of white-noise windows`);
    assert.ok(share(w, (v) => v.rhythmic) <= over);
  });

  it('a random walk (drift-like noise) is hardly ever rhythmic: its power rises below the band', () => {
    const [x, y] = joint(3000, 2, () => 0);
    const g = rng(3);
    for (const c of [x, y]) for (let i = 1; i < c.length; i++) c[i] = c[i - 1]! + 0.01 * g();
    const w = independent(shortTimeRhythm([[x, y]], 0, RATE));
    const prominent = share(w, (v) => v.prominence >= MIN_PEAK_PROMINENCE);
    assert.ok(prominent >= 0.05, `the random walk does reach the prominence (${(100 * prominent).toFixed(1)}%): the drift rule is what holds it`);
    assert.ok(share(w, (v) => v.rhythmic) <= 0.01, `${(100 * share(w, (v) => v.rhythmic)).toFixed(1)}% rhythmic`);
  });

  it('the bench recording\'s drift (0.75 torso over 47 s) with jitter is not rhythmic', () => {
    const [x, y] = joint(600, 4, (t, g) => 0.75 * Math.sin((2 * Math.PI * t) / 47) + 0.012 * g());
    const w = shortTimeRhythm([[x, y]], 0, RATE);
    assert.ok(share(w, (v) => v.rhythmic) <= 0.01, `${(100 * share(w, (v) => v.rhythmic)).toFixed(1)}% rhythmic`);
  });

  for (const hz of [1, 1.5, 3, 5]) {
    it(`a ${hz} Hz rhythm of RMS 0.05 torso lengths under jitter and drift is rhythmic in >= 95% of windows, at its frequency`, () => {
      const [x, y] = joint(120, 5, (t, g) => 0.07 * Math.sin(2 * Math.PI * hz * t) + 0.75 * Math.sin((2 * Math.PI * t) / 47) + 0.012 * g());
      const w = shortTimeRhythm([[x, y]], 0, RATE);
      assert.ok(share(w, (v) => v.rhythmic) >= 0.95, `${(100 * share(w, (v) => v.rhythmic)).toFixed(1)}% rhythmic`);
      for (const v of w) if (v.rhythmic) assert.ok(Math.abs(v.frequencyHz! - hz) <= 0.1, `${v.frequencyHz} Hz at ${v.centreS} s`);
    });
  }
});
