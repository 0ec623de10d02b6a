/** planSegments: the overlapping segments a recording is cut into, on fixed cases and over many durations. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSegments } from '../../../native-models/media/planSegments.ts';

test('default plan: starts 0, 25, 50, ... and the last segment ends at the recording end', () => {
  assert.deepEqual(planSegments(180).map((s) => [s.startS, s.endS]),
    [[0, 30], [25, 55], [50, 80], [75, 105], [100, 130], [125, 155], [150, 180]]);
  assert.deepEqual(planSegments(55).map((s) => [s.startS, s.endS]), [[0, 30], [25, 55]]);
  assert.deepEqual(planSegments(61).map((s) => [s.startS, s.endS]), [[0, 30], [25, 55], [31, 61]]);
});

test('a recording of 30 s or less is one segment', () => {
  for (const d of [0.5, 1, 12.345, 29.99, 30]) assert.deepEqual(planSegments(d), [{ index: 0, startS: 0, endS: d }]);
});

test('properties hold over many durations and configurations', () => {
  const configs = [{ segmentS: 30, overlapS: 5 }, { segmentS: 10, overlapS: 0 }, { segmentS: 20, overlapS: 19 }, { segmentS: 7.5, overlapS: 2.5 }];
  for (const cfg of configs) {
    for (let d = 0.25; d <= 400; d += 0.37) {
      const dur = Math.round(d * 1000) / 1000;
      const segs = planSegments(dur, cfg);
      assert.equal(segs[0]!.startS, 0);
      assert.equal(segs.at(-1)!.endS, dur, `last segment ends at the end (d=${dur})`);
      segs.forEach((s, i) => {
        assert.equal(s.index, i);
        assert.ok(Math.abs(s.endS - s.startS - Math.min(cfg.segmentS, dur)) < 1e-6, `full-length segments (d=${dur})`);
        if (i > 0) {
          const prev = segs[i - 1]!;
          assert.ok(s.startS > prev.startS && s.endS > prev.endS, `no segment inside the one before (d=${dur})`);
          assert.ok(prev.endS - s.startS >= cfg.overlapS - 1e-6, `overlap at least ${cfg.overlapS} (d=${dur})`);
          if (i < segs.length - 1) assert.ok(Math.abs(s.startS - prev.startS - (cfg.segmentS - cfg.overlapS)) < 1e-6, 'regular step');
        }
      });
    }
  }
});

test('invalid configurations are refused', () => {
  assert.throws(() => planSegments(0), RangeError);
  assert.throws(() => planSegments(60, { segmentS: 10, overlapS: 10 }), RangeError);
  assert.throws(() => planSegments(60, { segmentS: -1 }), RangeError);
});
