/** PatientTracker: which person is the patient (central, persistent, on the bed) and following them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PatientTracker } from '../../../native-models/enhance/patientTracker.ts';
import type { PersonPose } from '../../../native-models/enhance/poseTypes.ts';
import { stickPose as pose } from '../../helpers/stickPerson.ts';

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
