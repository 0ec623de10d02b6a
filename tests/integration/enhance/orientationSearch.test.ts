/**
 * The orientation search on real pose models: seven photos of people (Debian opencv-doc's messi5.jpg and
 * @vladmandic/face-api's six demo photos, one of them three people on a sofa), each turned the four ways by
 * ffmpeg as a camera would show a patient lying head up, right, down and left. enhanceFrames with the default
 * `auto` setting must go on in the orientation the picture was turned, and its keypoints, in the turned
 * frame's pixels, must be the upright picture's keypoints turned with it. A fixed orientation is taken as
 * told: no search, one detection.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { enhanceFrames, type EnhancedFrame } from '../../../native-models/enhance/enhanceFrames.ts';
import { createPoseEstimator, type PoseEstimator } from '../../../native-models/enhance/poseEstimator.ts';
import { resizeLongSide } from '../../../native-models/enhance/resampleRegion.ts';
import { ORIENTATIONS, type Orientation, toFramePoint } from '../../../native-models/enhance/uprightView.ts';
import type { RgbImage, TimedFrame } from '../../../native-models/media/frameTypes.ts';
import type { OrientationSetting } from '../../../native-models/enhance/orientationSearch.ts';
import { faceApiSample, loadJpeg, MESSI, requireFiles } from './testMedia.ts';

const TURN: Record<Orientation, string> = { 0: 'null', 90: 'transpose=1', 180: 'transpose=1,transpose=1', 270: 'transpose=2' };

/** The picture as a camera shows a person lying `o` (ffmpeg turns it), as a decoded frame at 0 s. */
function turned(p: RgbImage, o: Orientation): TimedFrame {
  const data = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${p.width}x${p.height}`, '-i', 'pipe:0',
    '-vf', TURN[o], '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { input: p.data, maxBuffer: 64 << 20 });
  const quarter = o === 90 || o === 270;
  const width = quarter ? p.height : p.width, height = quarter ? p.width : p.height;
  return { width, height, data, tS: 0, sourceWidth: width, sourceHeight: height };
}

async function enhanceOne(est: PoseEstimator, frame: TimedFrame, orientation?: OrientationSetting): Promise<EnhancedFrame> {
  const out: EnhancedFrame[] = [];
  for await (const e of enhanceFrames([frame], { estimator: est, ...(orientation !== undefined ? { orientation } : {}) })) out.push(e);
  assert.equal(out.length, 1);
  return out[0]!;
}

describe('the orientation search on real pose models over photos turned four ways', () => {
  let est: PoseEstimator;
  const photos = () => [MESSI, ...[1, 2, 3, 4, 5, 6].map(faceApiSample)];
  before(async () => { requireFiles(...photos()); est = await createPoseEstimator(); });
  after(async () => { await est?.dispose(); });

  it('finds the way each photo was turned, and the keypoints turn with the picture', async () => {
    for (const file of photos()) {
      const name = file.split('/').at(-1)!;
      const upright = resizeLongSide(loadJpeg(file), 548);
      const base = await enhanceOne(est, turned(upright, 0));
      assert.equal(base.orientation, 0, `${name} upright`);
      assert.equal(base.record.keypoints.length, 17, `${name}: a person found upright`);
      for (const o of ORIENTATIONS.filter((x) => x !== 0)) {
        const frame = turned(upright, o);
        const e = await enhanceOne(est, frame);
        assert.equal(e.orientation, o, `${name} turned ${o}: found ${e.orientation}`);
        assert.equal(e.record.keypoints.length, 17, `${name} turned ${o}: a person found`);
        // The models saw the same pixels as upright (uprightView), so the same keypoints, in the turned frame's pixels.
        base.record.keypoints.forEach((k, i) => {
          const want = toFramePoint(k, o, frame.width, frame.height);
          const got = e.record.keypoints[i]!;
          assert.equal(got.name, k.name);
          assert.ok(Math.abs(got.x - want.x) <= 0.2 && Math.abs(got.y - want.y) <= 0.2,
            `${name} turned ${o}, ${k.name}: (${got.x}, ${got.y}), upright's turned (${want.x.toFixed(1)}, ${want.y.toFixed(1)})`);
        });
      }
    }
  });

  it('takes a fixed orientation as told: one detection, no search (the models in their worker thread)', async () => {
    const upright = resizeLongSide(loadJpeg(MESSI), 548);
    const inWorker = await createPoseEstimator({ worker: true });
    try {
      let detections = 0;
      const counted: PoseEstimator = { ...inWorker, detectPeople: (f, s, o) => { detections++; return inWorker.detectPeople(f, s, o); } };
      const e = await enhanceOne(counted, turned(upright, 270), 270);
      assert.equal(e.orientation, 270);
      assert.equal(e.record.keypoints.length, 17);
      assert.equal(detections, 1);
      // Told wrong (upright for a person lying head-left), it stays as told: no search overrides the setting.
      detections = 0;
      const wrong = await enhanceOne(counted, turned(upright, 270), 0);
      assert.equal(wrong.orientation, 0);
      assert.equal(detections, 1);
    } finally {
      await inWorker.dispose();
    }
  });
});
