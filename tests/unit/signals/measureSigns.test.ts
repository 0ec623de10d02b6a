/**
 * measureSigns on synthetic keypoint tracks (no video): each sign's interval, side and measures come out of a
 * scripted patient, with keypoint jitter, dropouts, momentary left/right label swaps and a second person
 * overlapping the patient; a still or drifting patient with MoveNet-like noise gives no sign; mirroring flips the side; a delay shifts onsets; the
 * frequency holds at 15, 25 and 30 fps. The output always matches the contract schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measuredSignsSchema, type MeasuredSign, type MeasuredSigns } from '../../../native-models/contract/measuredSigns.ts';
import { UsageError } from '../../../native-models/errors.ts';
import { measureSigns } from '../../../native-models/signals/measureSigns.ts';
import { chirpFrequency, chirpPhase, rotateForearm, setElbowAngle, synthFrames, turnHead, type Pose, type SynthOptions } from './syntheticPatient.ts';

const run = (o: SynthOptions, opts: { mirrored?: boolean; otherPeople?: Parameters<typeof measureSigns>[1]['otherPeople']; fps?: number } = {}): MeasuredSigns =>
  measuredSignsSchema.parse(measureSigns(synthFrames(o), { fps: opts.fps ?? o.fps, ...opts }));
const only = (out: MeasuredSigns, id: MeasuredSign['featureId']) => out.signs.filter((s) => s.featureId === id);

/** Right forearm jerking about the elbow, 4 Hz slowing to 1.5 Hz between 5 s and 25 s, 17 deg. */
const slowingClonic = (side: 'left' | 'right' = 'right', on = 5, off = 25, f0 = 4, f1 = 1.5) => (t: number, p: Pose) => {
  if (t >= on && t <= off) rotateForearm(p, side, 0.3 * Math.sin(2 * Math.PI * chirpPhase(t, on, off, f0, f1)));
};

/** `unscored`: a span whose windows lack data (a keypoint gap plus the 3 s window) and may show no rhythm. */
function assertSlowingClonic(out: MeasuredSigns, side: 'left' | 'right', shiftS = 0, unscored: [number, number] = [0, 0]): void {
  const c = only(out, 'clonic');
  assert.equal(c.length, 1, JSON.stringify(out.signs));
  const s = c[0]!;
  assert.equal(s.side, side);
  assert.deepEqual(s.segments, [`${side}_arm`]);
  assert.ok(Math.abs(s.startS - (5 + shiftS)) <= 1, `onset ${s.startS}`);
  assert.ok(Math.abs(s.endS - (25 + shiftS)) <= 1, `offset ${s.endS}`);
  assert.ok(s.measures.frequencyTrendHzPerS! < 0, `trend ${s.measures.frequencyTrendHzPerS}`);
  assert.ok(Math.abs(s.measures.frequencyTrendHzPerS! - -0.125) <= 0.03, `trend ${s.measures.frequencyTrendHzPerS} (script -0.125 Hz/s)`);
  assert.ok(Math.abs(s.measures.frequencyHz! - 2.75) <= 0.25, `median ${s.measures.frequencyHz} Hz (script 2.75)`);
  assert.ok(s.confidence > 0.5 && s.confidence <= 1);
  // Frequency over time: within 0.25 Hz of the script along the interval.
  const series = out.series.find((x) => x.quantity === 'rhythmHz' && x.segment === `${side}_arm`)!;
  let checked = 0;
  series.values.forEach((v, i) => {
    const t = series.startS + i * series.stepS - shiftS;
    if (t < 5 + 1.5 || t > 25 - 1.5) return;
    if (t >= unscored[0] && t <= unscored[1]) return;
    assert.ok(v !== null, `rhythm at ${t} s`);
    assert.ok(Math.abs(v - chirpFrequency(t, 5, 25, 4, 1.5)) <= 0.25, `at ${t} s: ${v} Hz`);
    checked++;
  });
  assert.ok(checked >= 20, `${checked} windows checked`);
}

describe('measureSigns on synthetic keypoint tracks', () => {
  it('a still patient (keypoint jitter only) produces no sign', () => {
    const out = run({ durationS: 40, fps: 15, noisePx: 0.7 });
    assert.deepEqual(out.signs, []);
    assert.deepEqual(out.notMeasurable.map((n) => n.featureId), ['limb_automatisms']);
    assert.ok(out.torsoLengthPx! > 100 && out.torsoLengthPx! < 125, `torso ${out.torsoLengthPx}`);
    assert.equal(out.bodyFrame.labelsSwapped, false);
    assert.ok(out.bodyFrame.patientLeft!.x > 0.99, 'the patient\'s left is the image\'s right for a supine patient seen from above');
  });

  // MoveNet-like noise (syntheticPatient.ts MOVENET_NOISE, measured on real pose): the noise floor of the rhythm
  // criteria. Several seeds, since one lucky seed would prove little.
  const SEEDS = [1, 2, 3, 4, 5, 6];
  const RHYTHM_SIGNS = ['clonic', 'pelvic_thrusting', 'arms_move_simultaneously', 'asynchronous_movement', 'full_body_shaking'];

  it('a still patient with MoveNet-like jitter, shared shifts, dropout runs and outliers produces no sign', () => {
    for (const seed of SEEDS) {
      const out = run({ durationS: 120, fps: 15, poseNoise: 'movenet', seed });
      assert.deepEqual(out.signs, [], `seed ${seed}: ${JSON.stringify(out.signs)}`);
    }
  });

  it('a patient drifting like the bench recording, with MoveNet-like noise, produces no rhythm, coordination or posture sign', () => {
    for (const seed of SEEDS) {
      const out = run({ durationS: 180, fps: 15, poseNoise: 'movenet', drift: true, seed });
      assert.deepEqual(out.signs, [], `seed ${seed}: ${out.signs.filter((s) => RHYTHM_SIGNS.includes(s.featureId)).length} rhythm signs: ${JSON.stringify(out.signs)}`);
    }
  });

  it('the slowing clonic holds under MoveNet-like noise and drift, with no other sign', () => {
    // The jerking wrist stays in view (its gaps are the subject of the dropout test below); the other wrist and
    // the ankles drop out in runs.
    for (const seed of SEEDS.slice(0, 3)) {
      const out = run({ durationS: 35, fps: 15, move: slowingClonic(), poseNoise: 'movenet', drift: true, seed, dropoutRuns: (n) => /left_wrist|ankle/.test(n) });
      const c = only(out, 'clonic');
      assert.equal(c.length, 1, `seed ${seed}: ${JSON.stringify(out.signs)}`);
      assert.equal(c[0]!.side, 'right');
      assert.ok(Math.abs(c[0]!.startS - 5) <= 1 && Math.abs(c[0]!.endS - 25) <= 1, `seed ${seed}: ${c[0]!.startS}-${c[0]!.endS}`);
      assert.ok(Math.abs(c[0]!.measures.frequencyHz! - 2.75) <= 0.25 && c[0]!.measures.frequencyTrendHzPerS! < 0, JSON.stringify(c[0]!.measures));
      assert.deepEqual(out.signs.filter((s) => s.featureId !== 'clonic').map((s) => s.featureId), [], `seed ${seed}`);
    }
  });

  it('clonic of the right arm slowing from 4 to 1.5 Hz: interval, side, median frequency and negative trend', () => {
    assertSlowingClonic(run({ durationS: 35, fps: 15, move: slowingClonic() }), 'right');
  });

  it('holds with dropouts (every 10th wrist sample, a 1.5 s gap) and left/right label swaps for a frame or two', () => {
    const out = run({
      durationS: 35, fps: 15, move: slowingClonic(), noisePx: 0.7,
      dropout: (t, n) => n === 'right_wrist' && (Math.round(t * 15) % 10 === 0 || (t > 12 && t < 13.5)),
      swapAt: (t) => Math.abs(t - 8) < 0.1 || Math.abs(t - 15) < 0.05 || Math.abs(t - 20) < 0.1,
    });
    // Windows within 1.5 s (half a window) of the 12-13.5 s wrist gap have too little data: unscored, not guessed.
    const series = out.series.find((x) => x.quantity === 'rhythmHz' && x.segment === 'right_arm')!;
    assert.ok(series.values.some((v, i) => v === null && Math.abs(series.startS + i * series.stepS - 12.75) < 1), 'windows over the gap unscored');
    assertSlowingClonic(out, 'right', 0, [10.5, 15]);
  });

  it('mirrored recording: the same tracks report the other side', () => {
    assertSlowingClonic(run({ durationS: 35, fps: 15, move: slowingClonic() }, { mirrored: true }), 'left');
  });

  it('a 5 s delay shifts the onset and offset by 5 s', () => {
    const a = only(run({ durationS: 35, fps: 15, move: slowingClonic() }), 'clonic')[0]!;
    const b = only(run({ durationS: 35, fps: 15, delayS: 5, move: slowingClonic() }), 'clonic')[0]!;
    assert.ok(Math.abs(b.startS - a.startS - 5) <= 0.2 && Math.abs(b.endS - a.endS - 5) <= 0.2, `${a.startS}-${a.endS} vs ${b.startS}-${b.endS}`);
    assertSlowingClonic(run({ durationS: 35, fps: 15, delayS: 5, move: slowingClonic() }), 'right', 5);
  });

  for (const fps of [15, 25, 30]) {
    it(`the frequency holds at ${fps} fps`, () => {
      assertSlowingClonic(run({ durationS: 35, fps, move: slowingClonic() }), 'right');
    });
  }

  it('pose at 25 fps measured at the 15 fps layer rate gives the same interval', () => {
    assertSlowingClonic(run({ durationS: 35, fps: 25, move: slowingClonic() }, { fps: 15 }), 'right');
  });

  it('a second person overlapping the patient masks that span as care intervention: their handling is not clonic', () => {
    // The "nurse" shakes the right arm at 3 Hz from 12 s to 20 s while her box covers the patient's arm.
    const otherPeople = Array.from({ length: 35 * 15 }, (_, k) => ({ tS: k / 15, boxes: k / 15 >= 11.5 && k / 15 <= 20.5 ? [{ x: 200, y: 150, w: 150, h: 200 }] : [] }));
    const out = run({ durationS: 35, fps: 15, move: slowingClonic('right', 12, 20, 3, 3) }, { otherPeople });
    assert.deepEqual(out.signs, []);
    assert.equal(out.careIntervention.length, 1);
    assert.ok(out.careIntervention[0]!.startS <= 12 && out.careIntervention[0]!.endS >= 20, JSON.stringify(out.careIntervention));
    // The same movement without the other person is measured.
    assert.equal(only(run({ durationS: 35, fps: 15, move: slowingClonic('right', 12, 20, 3, 3) }), 'clonic').length, 1);
  });

  it('a care span inside a clonic run cuts it; a person far from the patient masks nothing', () => {
    const near = Array.from({ length: 35 * 15 }, (_, k) => ({ tS: k / 15, boxes: k / 15 >= 14 && k / 15 <= 16 ? [{ x: 250, y: 100, w: 100, h: 100 }] : [] }));
    const cut = only(run({ durationS: 35, fps: 15, move: slowingClonic() }, { otherPeople: near }), 'clonic');
    assert.ok(cut.length === 2 && cut[0]!.endS <= 13.5 && cut[1]!.startS >= 16.5, JSON.stringify(cut));
    const far = Array.from({ length: 35 * 15 }, (_, k) => ({ tS: k / 15, boxes: [{ x: 900, y: 10, w: 100, h: 300 }] }));
    const out = run({ durationS: 35, fps: 15, move: slowingClonic() }, { otherPeople: far });
    assert.deepEqual(out.careIntervention, []);
    assertSlowingClonic(out, 'right');
  });

  it('tonic: the right arm raised away from its baseline and held still for 10 s', () => {
    const out = run({ durationS: 40, fps: 15, move: (t, p) => { if (t >= 15 && t < 25) { setElbowAngle(p, 'right', 100); p.right_elbow.x -= 30; p.right_wrist.x -= 30; } } });
    const tonic = only(out, 'tonic');
    assert.equal(tonic.length, 1, JSON.stringify(out.signs));
    assert.equal(tonic[0]!.side, 'right');
    assert.ok(Math.abs(tonic[0]!.startS - 15) <= 1 && Math.abs(tonic[0]!.endS - 25) <= 1, JSON.stringify(tonic[0]));
    assert.ok(tonic[0]!.measures.displacementTorso! >= 0.4, 'beyond the least change of posture that counts');
    assert.equal(only(out, 'clonic').length, 0);
  });

  it('a joint the pose finds rarely (an ankle in 20% of frames, later 0.6 torso lengths from where it was) is no tonic posture', () => {
    const o: SynthOptions = {
      durationS: 60, fps: 15,
      move: (t, p) => { if (t >= 30) { p.left_ankle.x += 0.6 * 112; p.left_ankle.y -= 20; } },
      dropout: (t, n) => n === 'left_ankle' && !((t >= 2 && t < 8) || (t >= 40 && t < 46)),
    };
    assert.deepEqual(only(run(o), 'tonic'), []);
    // The same displacement of an ankle found throughout is measured.
    const seen = only(run({ ...o, dropout: undefined }), 'tonic');
    assert.deepEqual(seen.map((s) => s.side), ['left'], JSON.stringify(seen));
  });

  it('head turning to the patient\'s right for 10 s, with its angle; mirrored says left', () => {
    const o: SynthOptions = { durationS: 40, fps: 15, move: (t, p) => { if (t >= 15 && t < 25) turnHead(p, -60); } };
    const h = only(run(o), 'head_turning');
    assert.equal(h.length, 1);
    assert.equal(h[0]!.side, 'right');
    assert.ok(Math.abs(h[0]!.startS - 15) <= 1 && Math.abs(h[0]!.endS - 25) <= 1, JSON.stringify(h[0]));
    assert.ok(h[0]!.measures.angleDeg! >= 40 && h[0]!.measures.angleDeg! <= 65, `angle ${h[0]!.measures.angleDeg}`);
    assert.ok(h[0]!.measures.earScoreRight! < h[0]!.measures.earScoreLeft!, 'the ear turned to sinks out of view');
    assert.equal(only(run(o, { mirrored: true }), 'head_turning')[0]!.side, 'left');
    // A brief look (1.5 s) is not version.
    assert.equal(only(run({ durationS: 40, fps: 15, move: (t, p) => { if (t >= 15 && t < 16.5) turnHead(p, -60); } }), 'head_turning').length, 0);
  });

  it('figure 4: right elbow extended while the left is flexed, side = the extended arm; flexion and straightening per arm', () => {
    const out = run({ durationS: 40, fps: 15, move: (t, p) => {
      if (t >= 15 && t < 25) { setElbowAngle(p, 'right', 175); setElbowAngle(p, 'left', 70); } else { setElbowAngle(p, 'right', 130); setElbowAngle(p, 'left', 130); }
    } });
    const f4 = only(out, 'figure4');
    assert.equal(f4.length, 1, JSON.stringify(out.signs));
    assert.equal(f4[0]!.side, 'right');
    assert.ok(Math.abs(f4[0]!.startS - 15) <= 1 && Math.abs(f4[0]!.endS - 25) <= 1);
    assert.ok(Math.abs(f4[0]!.measures.elbowAngleDeg! - 175) <= 5 && Math.abs(f4[0]!.measures.flexedElbowAngleDeg! - 70) <= 5);
    assert.deepEqual(only(out, 'arm_flexion').map((s) => s.side), ['left']);
    assert.deepEqual(only(out, 'arm_straightening').map((s) => s.side), ['right']);
    // Resting in the same posture from the start is not a posture sign.
    const rest = run({ durationS: 40, fps: 15, move: (_t, p) => { setElbowAngle(p, 'right', 175); setElbowAngle(p, 'left', 70); } });
    assert.deepEqual(rest.signs, []);
  });

  it('both arms jerking in phase at 3 Hz: simultaneous, phase-locked, not asynchronous', () => {
    const out = run({ durationS: 40, fps: 15, move: (t, p) => { slowingClonic('right', 10, 25, 3, 3)(t, p); slowingClonic('left', 10.5, 25, 3, 3)(t, p); } });
    const sim = only(out, 'arms_move_simultaneously');
    assert.equal(sim.length, 1);
    assert.equal(sim[0]!.side, 'bilateral');
    assert.ok(sim[0]!.measures.onsetDifferenceS! <= 1, JSON.stringify(sim[0]));
    assert.ok(sim[0]!.measures.phaseLocking! >= 0.9 && sim[0]!.measures.frequencyDifferenceHz! <= 0.1);
    assert.equal(only(out, 'asynchronous_movement').length, 0);
  });

  it('arms at 3 Hz and 4.5 Hz starting 2 s apart: asynchronous, with the onset and frequency differences', () => {
    const out = run({ durationS: 40, fps: 15, move: (t, p) => { slowingClonic('right', 10, 25, 3, 3)(t, p); slowingClonic('left', 12, 25, 4.5, 4.5)(t, p); } });
    const a = only(out, 'asynchronous_movement');
    assert.equal(a.length, 1, JSON.stringify(out.signs));
    assert.ok(Math.abs(a[0]!.measures.onsetDifferenceS! - 2) <= 0.5);
    assert.ok(Math.abs(a[0]!.measures.frequencyDifferenceHz! - 1.5) <= 0.2);
    assert.ok(a[0]!.measures.phaseLocking! < 0.6);
    assert.deepEqual(only(out, 'clonic').map((s) => [s.side, s.measures.frequencyHz]).sort(), [['left', 4.5], ['right', 3]]);
  });

  it('the whole body shaking at 3 Hz: full_body_shaking with every segment', () => {
    const out = run({ durationS: 40, fps: 15, move: (t, p) => { if (t >= 10 && t <= 25) for (const k of Object.values(p)) k.x += 6 * Math.sin(2 * Math.PI * 3 * t); } });
    const fb = only(out, 'full_body_shaking');
    assert.equal(fb.length, 1);
    assert.ok(Math.abs(fb[0]!.startS - 10) <= 1 && Math.abs(fb[0]!.endS - 25) <= 1 && Math.abs(fb[0]!.measures.frequencyHz! - 3) <= 0.1);
    assert.equal(fb[0]!.segments.length, 6);
  });

  it('pelvic thrusting: the apparent torso length oscillating at 1.5 Hz, with capped evidence; hips unseen -> not measurable', () => {
    const out = run({ durationS: 40, fps: 15, move: (t, p) => { if (t >= 10 && t <= 25) for (const k of ['left_hip', 'right_hip'] as const) p[k].y += 8 * Math.sin(2 * Math.PI * 1.5 * t); } });
    const pt = only(out, 'pelvic_thrusting');
    assert.equal(pt.length, 1);
    assert.ok(Math.abs(pt[0]!.startS - 10) <= 1 && Math.abs(pt[0]!.endS - 25) <= 1 && pt[0]!.confidence <= 0.4);
    const covered = run({ durationS: 40, fps: 15, dropout: (_t, n) => /hip|knee|ankle/.test(n) });
    assert.ok(covered.notMeasurable.some((n) => n.featureId === 'pelvic_thrusting' && /not measurable from this view/.test(n.reason)));
  });

  it('pose at 2 fps: rhythm signs are not measurable (and say why), postures still are', () => {
    const out = run({ durationS: 40, fps: 2, move: (t, p) => { slowingClonic()(t, p); if (t >= 15 && t < 25) turnHead(p, -60); } });
    assert.equal(only(out, 'clonic').length, 0);
    assert.deepEqual(out.notMeasurable.map((n) => n.featureId).sort(), ['asynchronous_movement', 'clonic', 'full_body_shaking', 'limb_automatisms', 'pelvic_thrusting']);
    assert.equal(only(out, 'head_turning')[0]?.side, 'right');
  });

  it('no patient at all: everything not measurable; a bad rate is a usage error', () => {
    const out = measuredSignsSchema.parse(measureSigns(Array.from({ length: 30 }, (_, k) => ({ tS: k / 15, keypoints: [], face: null })), { fps: 15 }));
    assert.equal(out.signs.length, 0);
    assert.equal(out.notMeasurable.length, 11);
    assert.throws(() => measureSigns([], { fps: 0 }), UsageError);
  });
});
