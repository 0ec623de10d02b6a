/**
 * measureSigns on REAL pose over videos made from a real photo (tests/helpers/photoPatientVideo.ts): the
 * footballer of Debian opencv-doc's messi5.jpg with his left forearm cut out and rotated about the elbow by
 * ffmpeg at a rhythm slowing from 4 Hz to 1.5 Hz between 5 s and 25 s. MoveNet + CenterNet run at 15 fps
 * (motion gate on, as in an analysis); the clonic sign must come out on his left with the onset, offset and
 * frequency of the script. Metamorphic relations: the hflip'd video (a mirror image) reports the other side,
 * the video turned 90, 180 and 270 degrees (the pose models see it turned upright: the orientation search)
 * the same side, the video delayed by 5 s every onset 5 s later, and pose at 15,
 * 25 and 30 fps the same frequency. Negatives: the same photo with no rhythm, perfectly still or drifting
 * slowly as on the bench's stand-in recording (with and without the motion gate), gives no rhythm sign.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { EnhancedFrameRecord } from '../../../native-models/contract/analysisSchema.ts';
import { measuredSignsSchema, type MeasuredSign, type MeasuredSigns } from '../../../native-models/contract/measuredSigns.ts';
import { enhanceFrames } from '../../../native-models/enhance/enhanceFrames.ts';
import { createPoseEstimator, type PoseEstimator } from '../../../native-models/enhance/poseEstimator.ts';
import { decodeFrames } from '../../../native-models/media/decodeFrames.ts';
import type { Orientation } from '../../../native-models/enhance/uprightView.ts';
import { measureSigns } from '../../../native-models/signals/measureSigns.ts';
import { forearmHz, makeDriftingPhotoVideo, makeForearmVideo, PHOTO_PATIENT, type ForearmRhythm } from '../../helpers/photoPatientVideo.ts';
import { requireFiles, tempDir } from '../enhance/testMedia.ts';

const SCRIPT: ForearmRhythm = { onS: 5, offS: 25, f0: 4, f1: 1.5, durationS: 30 };
/** A short clip for the pose-rate relation (pose at 30 fps costs twice 15 fps). */
const SHORT: ForearmRhythm = { onS: 2, offS: 12, f0: 4, f1: 2, durationS: 14 };
const RHYTHM_SIGNS: ReadonlyArray<MeasuredSign['featureId']> = ['clonic', 'pelvic_thrusting', 'arms_move_simultaneously', 'asynchronous_movement', 'full_body_shaking'];

describe('measureSigns on real pose (MoveNet at 15 fps) over a photo with a rhythmically rotated forearm', () => {
  let est: PoseEstimator;
  const dir = tempDir('semioscope-signals-');
  before(async () => { requireFiles(PHOTO_PATIENT); est = await createPoseEstimator(); });
  after(async () => { await est?.dispose(); });

  interface MeasureOptions { fps?: number; longSide?: number; motionGate?: boolean; orientation?: Orientation; minWithPatient?: number }

  /**
   * Real pose over the video (the orientation searched, as in an analysis), then measureSigns. `orientation`:
   * the way the video shows the patient lying; every pose frame must have been seen that way up.
   */
  async function measure(video: string, o: MeasureOptions = {}): Promise<MeasuredSigns> {
    const fps = o.fps ?? 15;
    const records: EnhancedFrameRecord[] = [];
    const seen = new Set<Orientation>();
    const frames = decodeFrames(video, { fps, longSide: o.longSide ?? 548 });
    for await (const e of enhanceFrames(frames, { estimator: est, ...(o.motionGate === false ? { motionGate: false } : {}) })) {
      records.push(e.record);
      seen.add(e.orientation);
    }
    assert.deepEqual([...seen], [o.orientation ?? 0], 'every frame seen the way the patient lies');
    assert.ok(records.filter((r) => r.keypoints.length === 17).length >= (o.minWithPatient ?? 0.95) * records.length, 'patient found in the frames');
    return measuredSignsSchema.parse(measureSigns(records, { fps }));
  }

  function report(name: string, out: MeasuredSigns): void {
    for (const s of out.signs) {
      console.log(`# ${name}: ${s.featureId} ${s.side} ${s.startS}-${s.endS} s` + (s.featureId === 'clonic'
        ? `, ${s.measures.frequencyHz} Hz, trend ${s.measures.frequencyTrendHzPerS} Hz/s, amplitude ${s.measures.amplitudeTorso} torso, prominence ${s.measures.prominence}, evidence ${s.confidence}` : ''));
    }
    if (!out.signs.length) console.log(`# ${name}: no sign`);
  }

  /** The one clonic sign of the patient's `side` arm, on the script (shifted by `delayS`), and no other sign. */
  function checkClonic(out: MeasuredSigns, side: 'left' | 'right', r: ForearmRhythm = SCRIPT, delayS = 0): MeasuredSign {
    const clonic = out.signs.filter((s) => s.featureId === 'clonic');
    assert.equal(clonic.length, 1, `one clonic sign: ${JSON.stringify(out.signs)}`);
    const main = clonic[0]!;
    assert.equal(main.side, side);
    assert.deepEqual(main.segments, [`${side}_arm`]);
    const hz = (t: number) => forearmHz(r, t - delayS);
    assert.ok(Math.abs(main.startS - (r.onS + delayS)) <= 1, `onset ${main.startS} s (script ${r.onS + delayS} s)`);
    assert.ok(Math.abs(main.endS - (r.offS + delayS)) <= 1, `offset ${main.endS} s (script ${r.offS + delayS} s)`);
    assert.ok(main.measures.frequencyTrendHzPerS! < 0, `slowing: trend ${main.measures.frequencyTrendHzPerS}`);
    assert.ok(Math.abs(main.measures.frequencyHz! - hz((main.startS + main.endS) / 2)) <= 0.25, `median ${main.measures.frequencyHz} Hz`);
    const series = out.series.find((s) => s.quantity === 'rhythmHz' && s.segment === `${side}_arm`)!;
    let checked = 0;
    series.values.forEach((v, i) => {
      const t = series.startS + i * series.stepS;
      if (t < r.onS + delayS + 1.5 || t > r.offS + delayS - 1.5) return;
      assert.ok(v !== null, `rhythm at ${t} s`);
      assert.ok(Math.abs(v - hz(t)) <= 0.25, `at ${t} s: ${v} Hz, script ${hz(t).toFixed(2)} Hz`);
      checked++;
    });
    assert.ok(checked >= 2 * (r.offS - r.onS - 3), `${checked} windows checked`);
    // The still arm (and legs) echo the jerking forearm a little in the pose model's keypoints: no sign of theirs.
    assert.deepEqual(out.signs.filter((s) => s !== main).map((s) => `${s.featureId} ${s.side}`), [], 'no other sign');
    return main;
  }

  let original: Promise<MeasuredSigns> | null = null;
  const originalSigns = () => (original ??= (async () => {
    const video = path.join(dir, 'forearm.mp4');
    makeForearmVideo(video, SCRIPT);
    return measure(video);
  })());

  it('reports clonic of the left arm with the script onset, offset and slowing frequency, and nothing else', async () => {
    const out = await originalSigns();
    report('original', out);
    checkClonic(out, 'left');
  });

  it('the hflip\'d video reports the right arm', async () => {
    const video = path.join(dir, 'forearm-hflip.mp4');
    makeForearmVideo(video, { ...SCRIPT, post: 'hflip' });
    const out = await measure(video);
    report('hflip', out);
    checkClonic(out, 'right');
  });

  // The patient lying head right, head down and head left in the picture (a camera mounted another way):
  // the pose runs on the frame turned upright (the orientation searched) and the keypoints come back in the
  // picture's pixels, so the signals layer sees him lying that way. His left is still his left, and it points
  // down, left and up the picture in turn (upright, the photo's right: he faces the camera).
  for (const [degrees, filter, leftPoints] of [
    [90, 'transpose=1', (p: { x: number; y: number }) => p.y > 0.7],
    [180, 'hflip,vflip', (p: { x: number; y: number }) => p.x < -0.7],
    [270, 'transpose=2', (p: { x: number; y: number }) => p.y < -0.7],
  ] as const) {
    it(`the video turned ${degrees} degrees (${filter}) reports the same side, the left`, async () => {
      const video = path.join(dir, `forearm-turned-${degrees}.mp4`);
      makeForearmVideo(video, { ...SCRIPT, post: filter });
      const out = await measure(video, { orientation: degrees });
      report(`turned ${degrees}`, out);
      assert.ok(leftPoints(out.bodyFrame.patientLeft!), `his left in the picture: ${JSON.stringify(out.bodyFrame)}`);
      checkClonic(out, 'left');
    });
  }

  it('the video delayed by 5 s shifts every onset and offset by 5 s', async () => {
    const video = path.join(dir, 'forearm-delayed.mp4');
    makeForearmVideo(video, { ...SCRIPT, delayS: 5 });
    const out = await measure(video);
    report('delayed 5 s', out);
    const a = checkClonic(await originalSigns(), 'left');
    const b = checkClonic(out, 'left', SCRIPT, 5);
    assert.ok(Math.abs(b.startS - a.startS - 5) <= 0.2 && Math.abs(b.endS - a.endS - 5) <= 0.2, `${a.startS}-${a.endS} s vs ${b.startS}-${b.endS} s`);
  });

  it('pose at 15, 25 and 30 fps measures the same rhythm (a 14 s clip, 4 -> 2 Hz)', async () => {
    const video = path.join(dir, 'forearm-short.mp4');
    makeForearmVideo(video, SHORT);
    const found: MeasuredSign[] = [];
    for (const fps of [15, 25, 30]) {
      const out = await measure(video, { fps });
      report(`${fps} fps`, out);
      assert.equal(out.rateHz, fps);
      found.push(checkClonic(out, 'left', SHORT));
    }
    const f = found.map((s) => s.measures.frequencyHz!);
    assert.ok(Math.max(...f) - Math.min(...f) <= 0.15, `median frequencies ${f.join(', ')} Hz`);
  });

  for (const [name, drift, motionGate, durationS] of [['perfectly still', false, true, 30], ['drifting slowly', true, true, 60], ['drifting slowly, motion gate off', true, false, 60]] as const) {
    it(`the photo ${name}, with no rhythm, gives no rhythm, coordination or posture sign`, async () => {
      const video = path.join(dir, `photo-${drift ? 'drift' : 'still'}.mp4`);
      if (!existsSync(video)) makeDriftingPhotoVideo(video, durationS, drift);
      // As on the bench recording: the whole 960x540 room decoded to 448 px, the person ~38 px of torso.
      const out = await measure(video, { longSide: 448, motionGate });
      report(name, out);
      assert.ok(out.torsoLengthPx! > 60, `patient measured (torso ${out.torsoLengthPx} px)`);
      assert.deepEqual(out.signs.filter((s) => RHYTHM_SIGNS.includes(s.featureId)), [], 'no rhythm or coordination sign');
      assert.deepEqual(out.signs, [], 'no sign at all');
    });
  }
});
