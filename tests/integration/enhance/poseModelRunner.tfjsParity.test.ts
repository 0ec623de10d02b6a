/**
 * The pose stack's two runtimes on a real photo: the JS input tensors equal the TF.js image ops they stand
 * for, and the models converted to ONNX (onnxruntime-node) give the original TF.js graphs' outputs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { centerNetInput, moveNetInput } from '../../../native-models/enhance/poseModelInputs.ts';
import { CENTERNET_SIZE, createPoseModelRunner, MOVENET_SIZE, type PoseModelRunner } from '../../../native-models/enhance/poseModelRunner.ts';
import { initTfjs } from '../../../native-models/enhance/tfjsRuntime.ts';
import { loadJpeg, MESSI, requireFiles } from './testMedia.ts';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('pose runtimes: ONNX conversion and JS inputs against TF.js', () => {
  let onnx: PoseModelRunner;
  let ref: PoseModelRunner;
  before(async () => {
    requireFiles(MESSI);
    await initTfjs();
    onnx = await createPoseModelRunner({ runtime: 'onnx', threads: 1 });
    ref = await createPoseModelRunner({ runtime: 'tfjs' });
  });
  after(async () => { await onnx?.dispose(); await ref?.dispose(); });

  it('MoveNet input equals tf.image.cropAndResize of the square, masked outside the person, cast to int32', () => {
    const img = loadJpeg(MESSI); // 548x342
    // A square reaching past the top and left edges, and a visible box smaller than the square.
    const sq = { x: -40.5, y: -60.25, w: 400.5, h: 400.5 };
    const visible = { x: 30, y: 0, w: 250, h: 330 };
    const mine = moveNetInput(img, sq, visible, MOVENET_SIZE);
    const theirs = tf.tidy(() => {
      const x = tf.tensor4d(img.data, [1, img.height, img.width, 3], 'float32');
      const W = img.width - 1, H = img.height - 1;
      const crop = tf.image.cropAndResize(x, tf.tensor2d([[sq.y / H, sq.x / W, (sq.y + sq.h) / H, (sq.x + sq.w) / W]]), [0], [MOVENET_SIZE, MOVENET_SIZE], 'bilinear', 0);
      const mask = new Float32Array(MOVENET_SIZE * MOVENET_SIZE);
      const c0 = Math.max(0, Math.floor(((visible.x - sq.x) / sq.w) * MOVENET_SIZE)), c1 = Math.min(MOVENET_SIZE, Math.ceil(((visible.x + visible.w - sq.x) / sq.w) * MOVENET_SIZE));
      const r0 = Math.max(0, Math.floor(((visible.y - sq.y) / sq.h) * MOVENET_SIZE)), r1 = Math.min(MOVENET_SIZE, Math.ceil(((visible.y + visible.h - sq.y) / sq.h) * MOVENET_SIZE));
      for (let r = r0; r < r1; r++) mask.fill(1, r * MOVENET_SIZE + c0, r * MOVENET_SIZE + c1);
      return tf.cast(tf.mul(crop, tf.tensor4d(mask, [1, MOVENET_SIZE, MOVENET_SIZE, 1])), 'int32');
    });
    const t = theirs.dataSync() as Int32Array;
    theirs.dispose();
    // float32 rounding on the other side may move a value across an integer: allow 1 in a few places.
    let off = 0;
    for (let i = 0; i < t.length; i++) {
      const d = Math.abs(t[i]! - mine[i]!);
      assert.ok(d <= 1, `value ${i}: ${mine[i]} vs ${t[i]}`);
      off += d;
    }
    assert.ok(off < t.length * 0.01, `${off} values off by one`);
    assert.ok(mine.some((v) => v > 0) && mine[0] === 0, 'picture inside, black outside');
  });

  it('CenterNet input equals tf.image.resizeBilinear of the frame', () => {
    const img = loadJpeg(MESSI);
    const mine = centerNetInput(img, CENTERNET_SIZE);
    const theirs = tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(img.data, [1, img.height, img.width, 3], 'float32'), [CENTERNET_SIZE, CENTERNET_SIZE]));
    const d = maxAbsDiff(mine, theirs.dataSync() as Float32Array);
    theirs.dispose();
    assert.ok(d < 1e-3, `max difference ${d}`);
  });

  it('the ONNX models give the TF.js models\' keypoints and detections', async () => {
    const img = loadJpeg(MESSI);
    const input = moveNetInput(img, { x: 60, y: 0, w: 342, h: 342 }, { x: 60, y: 0, w: 342, h: 342 }, MOVENET_SIZE);
    const a = await onnx.moveNet(input);
    const b = await ref.moveNet(input);
    assert.equal(a.length, 51);
    const dk = maxAbsDiff(a, b);
    assert.ok(dk < 1e-3, `MoveNet max difference ${dk}`);
    assert.ok(Math.max(...Array.from({ length: 17 }, (_, i) => a[i * 3 + 2]!)) > 0.5, 'a confident keypoint on the footballer');

    const x = centerNetInput(img, CENTERNET_SIZE);
    const c = await onnx.centerNet(x);
    const d = await ref.centerNet(x);
    assert.equal(c.length, 600);
    // Boxes in 512-px input pixels, scores and classes: the best person box agrees to a fraction of a pixel.
    assert.ok(maxAbsDiff(c.subarray(0, 60), d.subarray(0, 60)) < 0.05, 'top-10 detections agree');
    const person = Array.from({ length: 100 }, (_, k) => c.subarray(k * 6, k * 6 + 6)).find((r) => Math.round(r[5]!) === 0);
    assert.ok(person && person[4]! > 0.3, `best person score ${person?.[4]}`);
  });
});
