import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdRegion } from '../../../native-models/enhance/enhanceFrames.ts';
import { FaceRegionTracker } from '../../../native-models/enhance/faceRegionTracker.ts';
import { PatientTracker } from '../../../native-models/enhance/patientTracker.ts';
import { KEYPOINT_NAMES, type Box, type Keypoint, type PersonPose } from '../../../native-models/enhance/poseTypes.ts';

/** A stick person whose head is at (cx, cy), head size ~s. */
function person(cx: number, cy: number, s: number, score = 0.8): Keypoint[] {
  const at: Record<string, [number, number]> = {
    nose: [0, 0], left_eye: [0.2, -0.15], right_eye: [-0.2, -0.15], left_ear: [0.45, -0.05], right_ear: [-0.45, -0.05],
    left_shoulder: [1, 1.2], right_shoulder: [-1, 1.2], left_elbow: [1.2, 2.5], right_elbow: [-1.2, 2.5],
    left_wrist: [1.2, 3.6], right_wrist: [-1.2, 3.6], left_hip: [0.6, 4], right_hip: [-0.6, 4],
    left_knee: [0.6, 5.8], right_knee: [-0.6, 5.8], left_ankle: [0.6, 7.5], right_ankle: [-0.6, 7.5],
  };
  return KEYPOINT_NAMES.map((name) => ({ name, x: cx + at[name]![0] * s, y: cy + at[name]![1] * s, score }));
}
function pose(box: Box, score = 0.6): PersonPose {
  return { keypoints: person(box.x + box.w / 2, box.y + 10, 10), score, box, detectionScore: 0.5 };
}

describe('FaceRegionTracker', () => {
  it('centres a square on the head, enlarged beyond the head points', () => {
    const f = new FaceRegionTracker().update(0, person(100, 80, 20))!;
    assert.ok(f);
    assert.equal(f.w, f.h);
    assert.ok(Math.abs(f.x + f.w / 2 - 100) < 2 && Math.abs(f.y + f.h / 2 - 78) < 4);
    assert.ok(f.w > 0.9 * 20 * 1.6 && f.w < 60, `side ${f.w}`);
  });

  it('smooths a jump, holds the box through a 1 s dropout and lets go after holdS', () => {
    const t = new FaceRegionTracker({ centreTauS: 0.4, holdS: 2 });
    for (let i = 0; i <= 10; i++) t.update(i * 0.1, person(100, 80, 20));
    const jumped = t.update(1.1, person(140, 80, 20))!;
    const cx = jumped.x + jumped.w / 2;
    assert.ok(cx > 100 && cx < 125, `smoothed centre ${cx}`);
    const held = t.update(2.0, null);
    assert.ok(held && Math.abs(held.x + held.w / 2 - cx) < 1e-9, 'held steady');
    const noHead = person(100, 80, 20).map((k, i) => (i < 5 ? { ...k, score: 0.05 } : k));
    assert.ok(t.update(3.0, noHead), 'still held 1.9 s after the last head keypoints');
    assert.equal(t.update(3.2, noHead), null);
  });
});

describe('PatientTracker', () => {
  const W = 960, H = 540;
  const patientBox = { x: 380, y: 200, w: 200, h: 150 };

  it('chooses the central, persistent person and keeps it when a larger visitor comes and goes', () => {
    const tr = new PatientTracker();
    let chosen: PersonPose | null = null;
    for (let i = 0; i < 60; i++) {
      const t = i * 0.5;
      const poses = [pose(patientBox)];
      if (t >= 5 && t < 20) poses.push(pose({ x: 760 - (t - 5) * 5, y: 40, w: 200, h: 480 }, 0.7));
      chosen = tr.update(t, poses, W, H);
      assert.ok(chosen, `patient at ${t}`);
      assert.equal(chosen.box.x, patientBox.x, `t=${t}: the patient, not the visitor`);
    }
  });

  it('prefers the person on the bed when the bed is given', () => {
    const tr = new PatientTracker({ bed: { x: 600, y: 100, w: 300, h: 400 } });
    const onBed = { x: 650, y: 150, w: 200, h: 300 };
    let chosen: PersonPose | null = null;
    for (let i = 0; i < 10; i++) chosen = tr.update(i * 0.5, [pose(patientBox), pose(onBed)], W, H);
    assert.equal(chosen?.box.x, onBed.x);
  });

  it('follows the patient through small moves and re-chooses after it is lost', () => {
    const tr = new PatientTracker({ lostAfterS: 2 });
    for (let i = 0; i < 10; i++) tr.update(i * 0.5, [pose({ ...patientBox, x: patientBox.x + i * 8 })], W, H);
    const id = tr.patientTrackId;
    assert.ok(tr.patientBox()!.x > patientBox.x + 60);
    for (let i = 10; i < 20; i++) tr.update(i * 0.5, [], W, H);
    const other = { x: 100, y: 100, w: 150, h: 300 };
    const p = tr.update(10, [pose(other)], W, H);
    assert.equal(p?.box.x, other.x);
    assert.notEqual(tr.patientTrackId, id);
  });
});

describe('holdRegion', () => {
  const sq = { x: 100, y: 50, w: 200, h: 200 };
  it('keeps the previous pose region through small moves and follows larger ones', () => {
    assert.equal(holdRegion(null, sq), sq);
    assert.equal(holdRegion(sq, { x: 110, y: 42, w: 206, h: 206 }), sq, 'a 5-px move and 3 % growth are held');
    const moved = { x: 130, y: 50, w: 200, h: 200 };
    assert.equal(holdRegion(sq, moved), moved, 'a 15 % move is followed');
    const grown = { x: 90, y: 40, w: 230, h: 230 };
    assert.equal(holdRegion(sq, grown), grown, 'a 15 % larger person is followed');
  });
});
