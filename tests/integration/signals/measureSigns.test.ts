/**
 * measureSigns on REAL pose over a video made from a real photo: the footballer of Debian opencv-doc's
 * messi5.jpg with his left forearm cut out and rotated about the elbow by ffmpeg at a rhythm slowing from 4 Hz
 * to 1.5 Hz between 5 s and 25 s (the cut-out place filled with a blur). MoveNet + CenterNet run at 15 fps;
 * the clonic sign must come out on his left with the onset, offset and frequency of the script, and the
 * hflip'd video (the model sees a mirror image) must report the other side.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { EnhancedFrameRecord } from '../../../native-models/contract/analysisSchema.ts';
import { measuredSignsSchema, type MeasuredSigns } from '../../../native-models/contract/measuredSigns.ts';
import { enhanceFrames } from '../../../native-models/enhance/enhanceFrames.ts';
import { createPoseEstimator, type PoseEstimator } from '../../../native-models/enhance/poseEstimator.ts';
import { decodeFrames } from '../../../native-models/media/decodeFrames.ts';
import { measureSigns } from '../../../native-models/signals/measureSigns.ts';
import { ffmpeg, MESSI, requireFiles, tempDir } from '../enhance/testMedia.ts';

const ON = 5, OFF = 25, F0 = 4, F1 = 1.5;
const trueHz = (t: number) => F0 + ((F1 - F0) * (t - ON)) / (OFF - ON);

/** The left forearm (elbow ~(304,151), wrist ~(350,162) in the 548x342 photo) rotated about the elbow, 20 deg amplitude. */
function makeVideo(file: string, extra = ''): void {
  const cx = 224, cy = 71, side = 160, c = side / 2; // a square centred on the elbow
  const ux = 0.972, uy = 0.233; // elbow -> wrist direction
  const mask = `if(gt((X-${c})*${ux}+(Y-${c})*${uy},-4)*lt((X-${c})*${ux}+(Y-${c})*${uy},78)*lt(abs(-(X-${c})*${uy}+(Y-${c})*${ux}),15),255,0)`;
  const u = `(t-${ON})`;
  const angle = `if(between(t,${ON},${OFF}),0.35*sin(2*PI*(${F0}*${u}+${(F1 - F0) / (2 * (OFF - ON))}*${u}*${u})),0)`;
  const graph = [
    `[0]format=rgba,split=3[base][a][b]`,
    `[a]crop=${side}:${side}:${cx}:${cy},geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='${mask}'[arm]`,
    `[b]boxblur=12,crop=${side}:${side}:${cx}:${cy},geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='${mask}'[fill]`,
    `[base][fill]overlay=${cx}:${cy}[filled]`,
    `[arm]rotate=a='${angle}':c=none:ow=${side}:oh=${side}[rot]`,
    `[filled][rot]overlay=${cx}:${cy}${extra},format=yuv420p`,
  ].join(';');
  ffmpeg(['-loop', '1', '-framerate', '30', '-i', MESSI, '-t', '30', '-filter_complex', graph, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', file]);
}

describe('measureSigns on real pose (MoveNet at 15 fps) over a photo with a rhythmically rotated forearm', () => {
  let est: PoseEstimator;
  const dir = tempDir('semioscope-signals-');
  before(async () => { requireFiles(MESSI); est = await createPoseEstimator(); });
  after(async () => { await est?.dispose(); });

  async function measure(video: string): Promise<MeasuredSigns> {
    const records: EnhancedFrameRecord[] = [];
    for await (const e of enhanceFrames(decodeFrames(video, { fps: 15, longSide: 548 }), { estimator: est })) records.push(e.record);
    assert.ok(records.filter((r) => r.keypoints.length === 17).length >= 0.95 * records.length, 'patient found in the frames');
    return measuredSignsSchema.parse(measureSigns(records, { fps: 15 }));
  }

  function report(name: string, out: MeasuredSigns): void {
    for (const s of out.signs.filter((x) => x.featureId === 'clonic')) {
      console.log(`# ${name}: clonic ${s.side} ${s.startS}-${s.endS} s, ${s.measures.frequencyHz} Hz, trend ${s.measures.frequencyTrendHzPerS} Hz/s, amplitude ${s.measures.amplitudeTorso} torso, evidence ${s.confidence}`);
    }
    for (const r of out.series.filter((x) => x.quantity === 'rhythmHz' && x.segment.endsWith('arm'))) {
      const errs = r.values.map((v, i) => ({ t: r.startS + i * r.stepS, v })).filter((p) => p.v !== null && p.t > ON && p.t < OFF).map((p) => Math.abs(p.v! - trueHz(p.t)));
      if (errs.length) console.log(`# ${name}: ${r.segment} rhythm windows ${errs.length}, max |error| ${Math.max(...errs).toFixed(2)} Hz, median ${[...errs].sort((a, b) => a - b)[errs.length >> 1]!.toFixed(2)} Hz`);
    }
  }

  function checkClonic(out: MeasuredSigns, side: 'left' | 'right'): void {
    const clonic = out.signs.filter((s) => s.featureId === 'clonic' && s.side === side);
    assert.ok(clonic.length >= 1, `clonic on the ${side}: ${JSON.stringify(out.signs)}`);
    const main = clonic.reduce((a, b) => (b.endS - b.startS > a.endS - a.startS ? b : a));
    assert.ok(Math.abs(main.startS - ON) <= 1, `onset ${main.startS} s (script ${ON} s)`);
    assert.ok(Math.abs(main.endS - OFF) <= 1, `offset ${main.endS} s (script ${OFF} s)`);
    assert.ok(main.measures.frequencyTrendHzPerS! < 0, `slowing: trend ${main.measures.frequencyTrendHzPerS}`);
    assert.ok(Math.abs(main.measures.frequencyHz! - trueHz((main.startS + main.endS) / 2)) <= 0.25, `median ${main.measures.frequencyHz} Hz`);
    const series = out.series.find((s) => s.quantity === 'rhythmHz' && s.segment === `${side}_arm`)!;
    series.values.forEach((v, i) => {
      const t = series.startS + i * series.stepS;
      if (v !== null && t >= ON + 1.5 && t <= OFF - 1.5) assert.ok(Math.abs(v - trueHz(t)) <= 0.25, `at ${t} s: ${v} Hz, script ${trueHz(t).toFixed(2)} Hz`);
    });
    const other = out.signs.filter((s) => s.featureId === 'clonic' && !s.segments.includes(`${side}_arm`));
    assert.equal(other.length, 0, `no clonic of the still limbs: ${JSON.stringify(other)}`);
  }

  it('reports clonic of the left arm with the script onset, offset and slowing frequency', async () => {
    const video = path.join(dir, 'forearm.mp4');
    makeVideo(video);
    const out = await measure(video);
    report('original', out);
    checkClonic(out, 'left');
  });

  it('the hflip\'d video reports the right arm', async () => {
    const video = path.join(dir, 'forearm-hflip.mp4');
    makeVideo(video, ',hflip');
    const out = await measure(video);
    report('hflip', out);
    checkClonic(out, 'right');
  });
});
