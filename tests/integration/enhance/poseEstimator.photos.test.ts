/** Real pose models on real photos of people: keypoints land on the body, the face crop holds the face. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cropFace } from '../../../native-models/enhance/cropFace.ts';
import { drawSkeleton, LEFT_COLOUR, RIGHT_COLOUR } from '../../../native-models/enhance/drawSkeleton.ts';
import { FaceRegionTracker } from '../../../native-models/enhance/faceRegionTracker.ts';
import { createPoseEstimator, type PoseEstimator } from '../../../native-models/enhance/poseEstimator.ts';
import { KP, type Box, type PersonPose } from '../../../native-models/enhance/poseTypes.ts';
import { resizeLongSide } from '../../../native-models/enhance/resampleRegion.ts';
import { faceApiSample, loadJpeg, MESSI, requireFiles } from './testMedia.ts';

const inside = (b: Box, x: number, y: number, margin = 0) =>
  x >= b.x + margin * b.w && x <= b.x + (1 - margin) * b.w && y >= b.y + margin * b.h && y <= b.y + (1 - margin) * b.h;
const kp = (p: PersonPose, name: keyof typeof KP) => p.keypoints[KP[name]]!;

describe('pose on real photos (MoveNet Lightning + CenterNet on onnxruntime-node)', () => {
  let est: PoseEstimator;
  before(async () => { est = await createPoseEstimator(); });
  after(async () => { await est?.dispose(); });

  it('finds the footballer in messi5.jpg with nose in his face box and legs below hips', async () => {
    requireFiles(MESSI);
    const img = loadJpeg(MESSI);
    const poses = await est.estimate(img);
    assert.ok(poses.length >= 1);
    const p = poses.reduce((a, b) => (b.box.w * b.box.h > a.box.w * a.box.h ? b : a));
    assert.ok(p.score > 0.35, `mean keypoint score ${p.score}`);
    const nose = kp(p, 'nose');
    assert.ok(nose.score > 0.3);
    // The face is at roughly (245, 110) in this 548x342 photo.
    assert.ok(Math.abs(nose.x - 245) < 25 && Math.abs(nose.y - 112) < 25, `nose at ${nose.x},${nose.y}`);
    const hipY = (kp(p, 'left_hip').y + kp(p, 'right_hip').y) / 2;
    const shoulderY = (kp(p, 'left_shoulder').y + kp(p, 'right_shoulder').y) / 2;
    assert.ok(nose.y < shoulderY && shoulderY < hipY, 'nose above shoulders above hips');
    assert.ok(kp(p, 'left_knee').y > hipY && kp(p, 'right_knee').y > hipY, 'knees below hips');
    const face = new FaceRegionTracker().update(0, p.keypoints)!;
    assert.ok(face && inside(face, nose.x, nose.y, 0.2), 'nose well inside the face box');
    assert.ok(inside(p.box, face.x + face.w / 2, face.y + face.h / 2), 'face centre inside the person box');
  });

  it('standing people in face-api sample6: everyone found, confident wrists below shoulders, face crops hold the face', async () => {
    const img = resizeLongSide(loadJpeg(faceApiSample(6)), 960);
    const poses = await est.estimate(img);
    const people = poses.filter((p) => p.score > 0.25);
    assert.ok(people.length >= 3, `found ${people.length} people`);
    let wrists = 0;
    for (const p of people) {
      const nose = kp(p, 'nose');
      assert.ok(inside(p.box, nose.x, nose.y), 'nose inside the person box');
      const shoulderY = Math.max(kp(p, 'left_shoulder').y, kp(p, 'right_shoulder').y);
      for (const w of [kp(p, 'left_wrist'), kp(p, 'right_wrist')]) {
        if (w.score < 0.3) continue;
        wrists++;
        assert.ok(w.y > shoulderY + 50, `wrist y ${w.y} below shoulders ${shoulderY}`);
      }
      const face = new FaceRegionTracker().update(0, p.keypoints);
      assert.ok(face, 'face region from head keypoints');
      for (const name of ['nose', 'left_eye', 'right_eye'] as const) {
        assert.ok(inside(face, kp(p, name).x, kp(p, name).y, 0.15), `${name} inside the face crop`);
      }
      const eyes = Math.hypot(kp(p, 'left_eye').x - kp(p, 'right_eye').x, kp(p, 'left_eye').y - kp(p, 'right_eye').y);
      assert.ok(face.w > 2.5 * eyes && face.w < 8 * eyes, `face box ${face.w}px for eyes ${eyes}px apart`);
      const crop = cropFace(img, face, 448);
      assert.equal(Math.max(crop.width, crop.height), 448);
    }
    assert.ok(wrists >= 3, `${wrists} confident wrists`);
  });

  it('the skeleton overlay draws left limbs orange and right limbs blue, on a copy', async () => {
    requireFiles(MESSI);
    const img = loadJpeg(MESSI);
    const [p] = await est.estimate(img);
    assert.ok(p);
    const out = drawSkeleton(img, p.keypoints, 0.3, { thickness: 4 });
    const at = (x: number, y: number) => [...out.data.subarray((Math.round(y) * out.width + Math.round(x)) * 3, (Math.round(y) * out.width + Math.round(x)) * 3 + 3)];
    const mid = (a: keyof typeof KP, b: keyof typeof KP) => [(kp(p, a).x + kp(p, b).x) / 2, (kp(p, a).y + kp(p, b).y) / 2] as const;
    assert.deepEqual(at(...mid('left_hip', 'left_knee')), [...LEFT_COLOUR]);
    assert.deepEqual(at(...mid('right_hip', 'right_knee')), [...RIGHT_COLOUR]);
    assert.ok(!out.data.equals(img.data) && img.data.equals(loadJpeg(MESSI).data), 'input untouched');
  });
});
