/**
 * enhanceFrames on videos made from real photos with ffmpeg: a 3 Hz shake recovered from the keypoint tracks
 * at 15 fps pose sampling by the signals layer's rhythm measure (and no rhythm once the picture is still); the
 * patient kept while a second person walks into view; crops and overlays produced for the frames that need them.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { decodeFrames } from '../../../native-models/media/decodeFrames.ts';
import { enhanceFrames, sampleEvery, type EnhancedFrame } from '../../../native-models/enhance/enhanceFrames.ts';
import { LEFT_COLOUR, RIGHT_COLOUR } from '../../../native-models/enhance/drawSkeleton.ts';
import { KeypointCache } from '../../../native-models/enhance/keypointCache.ts';
import { createPoseEstimator, type PoseEstimator } from '../../../native-models/enhance/poseEstimator.ts';
import { buildKeypointTracks } from '../../../native-models/signals/keypointTracks.ts';
import { segmentChannels } from '../../../native-models/signals/segmentSignals.ts';
import { RHYTHM_WINDOW_S, shortTimeRhythm } from '../../../native-models/signals/shortTimeRhythm.ts';
import { torsoLength } from '../../../native-models/signals/torsoLength.ts';
import { faceApiSample, ffmpeg, MESSI, requireFiles, tempDir } from './testMedia.ts';

async function collect(it: AsyncIterable<EnhancedFrame>): Promise<EnhancedFrame[]> {
  const out: EnhancedFrame[] = [];
  for await (const f of it) out.push(f);
  return out;
}

describe('enhanceFrames on videos of real photos', () => {
  let est: PoseEstimator;
  const dir = tempDir();
  before(async () => { requireFiles(MESSI); est = await createPoseEstimator({ worker: true }); });
  after(async () => { await est?.dispose(); });

  it('recovers a 3 Hz shake within 0.1 Hz at 15 fps pose sampling, and no rhythm when still', async () => {
    const video = path.join(dir, 'shake.mp4');
    // 5 s shaken horizontally at 3 Hz (14 px), then 4 s still; 30 fps like an EMU camera.
    ffmpeg(['-loop', '1', '-framerate', '30', '-i', MESSI, '-t', '9',
      '-vf', "pad=580:360:16:9,crop=548:342:x='16+if(lt(t,5),14*sin(2*PI*3*t),0)':y=9,format=yuv420p",
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', video]);
    const frames = await collect(enhanceFrames(decodeFrames(video, { fps: 15, longSide: 548 }), { estimator: est, cropLongSide: 224, overlay: true, imagesFor: sampleEvery(0.5) }));
    assert.equal(frames.length, 135);
    const withPatient = frames.filter((f) => f.record.keypoints.length === 17);
    assert.ok(withPatient.length >= 130, `patient in ${withPatient.length} frames`);
    // The signals layer's short-time rhythm of the trunk (shoulder and hip midpoints, torso lengths): 3 s
    // windows every 0.5 s, each judged on its own.
    const tracks = buildKeypointTracks(frames.map((f) => f.record), 15);
    const torso = torsoLength(tracks);
    assert.ok(torso !== null && torso > 50, `torso ${torso} px`);
    const windows = shortTimeRhythm(segmentChannels(tracks, torso).trunk, tracks.startS, 15);
    const half = RHYTHM_WINDOW_S / 2;
    const shaking = windows.filter((w) => w.centreS - half >= 0 && w.centreS + half <= 5);
    const still = windows.filter((w) => w.centreS - half >= 5.2);
    assert.ok(shaking.length >= 3 && still.length >= 1, `${shaking.length} windows in the shake, ${still.length} after it`);
    for (const w of shaking) assert.ok(w.frequencyHz !== null && Math.abs(w.frequencyHz - 3) <= 0.1, `shake at ${w.centreS} s: ${JSON.stringify(w)}`);
    for (const w of still) assert.equal(w.rhythmic, false, `still at ${w.centreS} s: ${JSON.stringify(w)}`);
    console.log(`# recovered shake frequencies (Hz): ${shaking.map((w) => w.frequencyHz).join(', ')}`);
    // Images only at the model's 2 fps frames.
    const imaged = frames.filter((f) => f.overlay);
    assert.equal(imaged.length, 18);
    assert.ok(imaged.every((f) => f.crop && f.crop.width === 224 && f.crop.height === 224));
  });

  it('keeps the patient (central, in view from the start) when another person walks in, and caches keypoints', async () => {
    const video = path.join(dir, 'visitor.mp4');
    // The footballer stays in the centre of a 960x540 room; from 3 s a woman from face-api's sample6 walks in
    // from the right and stops beside him.
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=960x540:r=30:d=8', '-loop', '1', '-framerate', '30', '-i', MESSI,
      '-loop', '1', '-framerate', '30', '-i', faceApiSample(6),
      '-filter_complex', "[2]crop=560:1100:1380:150,scale=-1:480[v];[0][1]overlay=x=150:y=100[a];[a][v]overlay=x='if(lt(t,3),960,max(700,960-(t-3)*200))':y=40:shortest=1,format=yuv420p",
      '-t', '8', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', video]);
    const db = new Database(':memory:');
    const cache = { store: new KeypointCache(db), recordingSha256: 'f'.repeat(64), samplingKey: 'fps2-ls960' };
    const run = () => collect(enhanceFrames(decodeFrames(video, { fps: 2, longSide: 960 }), { estimator: est, detectEveryS: 1, cache, overlay: true, overlayLongSide: 448, cropLongSide: 448 }));
    const frames = await run();
    assert.equal(frames.length, 16);
    // Images for the model at 448 px from 960-px frames: the overlay has the limbs drawn in both side colours.
    const countColour = (img: { data: Buffer }, c: readonly number[]) => { let n = 0; for (let i = 0; i < img.data.length; i += 3) if (img.data[i] === c[0] && img.data[i + 1] === c[1] && img.data[i + 2] === c[2]) n++; return n; };
    for (const f of frames) {
      assert.equal(f.overlay!.width, 448);
      assert.ok(countColour(f.overlay!, LEFT_COLOUR) > 20 && countColour(f.overlay!, RIGHT_COLOUR) > 20, `limbs drawn at ${f.tS}`);
      assert.equal(countColour(f.frame, LEFT_COLOUR), 0);
      assert.equal(Math.max(f.crop!.width, f.crop!.height), 448);
    }
    assert.ok(Math.max(...frames.map((f) => f.peopleInView)) >= 2, 'the visitor is detected');
    for (const f of frames) {
      const nose = f.record.keypoints.find((k) => k.name === 'nose');
      assert.ok(nose, `patient found at ${f.tS}`);
      // The footballer's face is near (150 + 245, 100 + 112) on the canvas.
      assert.ok(Math.abs(nose.x - 395) < 40 && Math.abs(nose.y - 212) < 40, `t=${f.tS}: nose at ${nose.x},${nose.y}`);
      assert.ok(f.record.face && f.record.face.x < 395 && f.record.face.x + f.record.face.w > 395);
    }
    const again = await run();
    assert.ok(again.every((f) => f.fromCache));
    assert.deepEqual(again.map((f) => f.record.keypoints), frames.map((f) => f.record.keypoints));
    again.forEach((f, i) => assert.ok(Math.abs(f.record.face!.x - frames[i]!.record.face!.x) < 0.5, 'same face box from cached keypoints'));
    db.close();
  });
});
