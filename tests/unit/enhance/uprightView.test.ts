/**
 * uprightView: a frame read as the upright picture of a patient lying 0/90/180/270 degrees turned. The frames
 * are made by ffmpeg's own transpose filters from an upright picture (an independent implementation of the
 * turn), and the view must give that upright picture back bit for bit; the point and box maps must be each
 * other's inverses and address the same pixels; and the pose models' inputs sampled through the view must be
 * the inputs of the turned-back picture exactly (so the models see nothing different from a copied turn).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { RgbImage } from '../../../native-models/media/frameTypes.ts';
import { centerNetInput, moveNetInput } from '../../../native-models/enhance/poseModelInputs.ts';
import {
  ORIENTATIONS, type Orientation, toFrameBox, toFramePoint, toUprightBox, toUprightPoint, uprightSize, uprightView,
} from '../../../native-models/enhance/uprightView.ts';

/** ffmpeg filters that show an upright picture as a camera shows a patient lying `o` (head to the right for 90). */
const TURN: Record<Orientation, string> = { 0: 'null', 90: 'transpose=1', 180: 'transpose=1,transpose=1', 270: 'transpose=2' };

/** An upright picture of random pixels (seeded, so a failure repeats). */
function randomPicture(width: number, height: number, seed: number): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) { s = (s * 1103515245 + 12345) >>> 0; data[i] = s >>> 24; }
  return { width, height, data };
}

/** The picture as a camera shows a patient lying `o`: turned by ffmpeg. */
function turnedByFfmpeg(p: RgbImage, o: Orientation): RgbImage {
  const out = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${p.width}x${p.height}`, '-i', 'pipe:0',
    '-vf', TURN[o], '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { input: p.data });
  const { width, height } = o === 90 || o === 270 ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
  assert.equal(out.length, width * height * 3, 'ffmpeg turned every pixel');
  return { width, height, data: out };
}

/** Every pixel of the view, in upright order, as an image of its own. */
function turnUpright(frame: RgbImage, o: Orientation): RgbImage {
  const v = uprightView(frame, o);
  const data = Buffer.alloc(v.width * v.height * 3);
  for (let y = 0, d = 0; y < v.height; y++) {
    for (let x = 0, s = v.origin + y * v.dv; x < v.width; x++, s += v.du, d += 3) {
      data[d] = v.data[s]!; data[d + 1] = v.data[s + 1]!; data[d + 2] = v.data[s + 2]!;
    }
  }
  return { width: v.width, height: v.height, data };
}

const pixel = (img: RgbImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];

describe('uprightView', () => {
  const upright = randomPicture(13, 8, 7);

  for (const o of ORIENTATIONS) {
    it(`reads a frame of a patient lying ${o} degrees (ffmpeg ${TURN[o]}) as the upright picture, bit for bit`, () => {
      const frame = turnedByFfmpeg(upright, o);
      const seen = turnUpright(frame, o);
      assert.deepEqual({ width: seen.width, height: seen.height }, { width: upright.width, height: upright.height });
      assert.deepEqual(uprightSize(frame.width, frame.height, o), { width: upright.width, height: upright.height });
      assert.ok(seen.data.equals(upright.data), 'the same pixels');
      const v = uprightView(frame, o);
      assert.equal(v.data, frame.data, 'a view, not a copy');
    });

    it(`maps points and boxes between the upright picture and a frame turned ${o} degrees, both ways`, () => {
      const frame = turnedByFfmpeg(upright, o);
      for (let v = 0; v < upright.height; v++) {
        for (let u = 0; u < upright.width; u++) {
          const f = toFramePoint({ x: u, y: v }, o, frame.width, frame.height);
          assert.deepEqual(pixel(frame, f.x, f.y), pixel(upright, u, v), `upright (${u}, ${v}) is frame (${f.x}, ${f.y})`);
          assert.deepEqual(toUprightPoint(f, o, frame.width, frame.height), { x: u, y: v });
        }
      }
      const box = { x: 2.5, y: 1, w: 6, h: 4.25 };
      const inFrame = toFrameBox(box, o, frame.width, frame.height);
      const back = toUprightBox(inFrame, o, frame.width, frame.height);
      for (const k of ['x', 'y', 'w', 'h'] as const) assert.ok(Math.abs(back[k] - box[k]) < 1e-9, `${k}: ${back[k]} vs ${box[k]}`);
      // A quarter turn swaps width and height; the box's centre is the centre mapped.
      assert.deepEqual([inFrame.w, inFrame.h], o === 90 || o === 270 ? [box.h, box.w] : [box.w, box.h]);
      const c = toFramePoint({ x: box.x + box.w / 2, y: box.y + box.h / 2 }, o, frame.width, frame.height);
      assert.ok(Math.abs(inFrame.x + inFrame.w / 2 - c.x) < 1e-9 && Math.abs(inFrame.y + inFrame.h / 2 - c.y) < 1e-9);
    });
  }

  it('gives the pose models the inputs of the turned-back picture exactly (MoveNet crop and CenterNet resize)', () => {
    const up = randomPicture(61, 37, 11);
    const sq = { x: -6.5, y: 3.25, w: 40, h: 40 }; // past the picture's edge: black there
    const visible = { x: 1, y: 5, w: 30, h: 28 };
    const refMove = moveNetInput(up, sq, visible, 48);
    const refCenter = centerNetInput(up, 32);
    for (const o of ORIENTATIONS) {
      const frame = turnedByFfmpeg(up, o);
      assert.deepEqual(moveNetInput(frame, sq, visible, 48, o), refMove, `MoveNet input at ${o}`);
      assert.deepEqual(centerNetInput(frame, 32, o), refCenter, `CenterNet input at ${o}`);
    }
  });
});
