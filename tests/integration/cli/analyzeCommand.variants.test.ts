/**
 * The crop and pose variants reach a real llama-server (tiny Omni pair) through the engine, and the images
 * sent differ from the base frames as intended: the face crop is a different, face-sized image; the pose
 * overlay has the base frame's size with the skeleton's left/right colours drawn on it. The recording is a
 * real photo of a person (Debian opencv-doc), moved slowly by ffmpeg.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import jpeg from 'jpeg-js';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { LEFT_COLOUR, RIGHT_COLOUR } from '../../../native-models/enhance/drawSkeleton.ts';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { getFeature } from '../../../native-models/semiology/featureCatalogue.ts';
import { resolveLlamaServerBinary } from '../../../native-models/vlm/llamaServerBinary.ts';
import { MESSI, ffmpeg } from '../enhance/testMedia.ts';
import { startRecordingProxy, type RecordingProxy } from '../../helpers/recordingProxy.ts';
import { runCli } from '../../helpers/runCli.ts';
import { startLlamaServer, type RunningLlamaServer } from '../../helpers/tinyModelServer.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-variants-'));
let server: RunningLlamaServer;
let proxy: RecordingProxy;
let video: string;

before(async () => {
  const binary = resolveLlamaServerBinary();
  assert.ok(binary, 'llama-server binary not found: run "npm run build:llama" first');
  server = await startLlamaServer(binary, await writeTinyModelPair('omni', path.join(dir, 'models')), { ctx: 8192 });
  proxy = await startRecordingProxy(server.baseUrl);
  video = path.join(dir, 'person.mp4');
  // 35 s: the photo pans slowly on a 1280x720 canvas, with a quiet tone as sound.
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=1280x720:r=10:d=35', '-loop', '1', '-i', MESSI, '-f', 'lavfi', '-i', 'sine=frequency=200:duration=35',
    '-filter_complex', "[1:v]scale=1000:-2[p];[0:v][p]overlay=x='(W-w)/2+40*sin(t/3)':y='(H-h)/2':shortest=1,format=yuv420p[v]",
    '-map', '[v]', '-map', '2:a', '-t', '35', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', video]);
});
after(async () => {
  await proxy?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Img = { width: number; height: number; data: Uint8Array };
const decode = (url: string): Img => jpeg.decode(Buffer.from(url.split(',')[1]!, 'base64'), { useTArray: true });

/** Images of the requests that asked `featureId`'s question. */
function imagesFor(featureId: string): Img[] {
  const q = getFeature(featureId).question;
  const out: Img[] = [];
  for (const b of proxy.bodies as Array<{ messages?: Array<{ content: unknown }> }>) {
    const parts = b.messages?.[1]?.content as Array<{ type: string; text?: string; image_url?: { url: string } }> | undefined;
    if (!parts?.some((p) => p.type === 'text' && p.text?.includes(q))) continue;
    for (const p of parts) if (p.type === 'image_url') out.push(decode(p.image_url!.url));
  }
  return out;
}

/** Pixels close to a colour (JPEG blurs colours a little). */
function countColour(img: Img, [r, g, b]: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    if (Math.abs(img.data[i]! - r!) < 40 && Math.abs(img.data[i + 1]! - g!) < 40 && Math.abs(img.data[i + 2]! - b!) < 40) n++;
  }
  return n;
}

test('crop and pose images reach llama-server and differ from base as intended', async () => {
  const out = path.join(dir, 'out');
  const r = await runCli(['analyze', video, '--out', out, '--endpoint', proxy.baseUrl, '--remote-model', 'tiny-omni', '--api-key', server.apiKey,
    '--constraint', 'grammar', '--features', 'blank_stare,tonic,clonic', '--fps', '1', '--max-frames', '3', '--frame-size', '320',
    '--db', path.join(dir, 'c.sqlite'), '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const a = JSON.parse(readFileSync(path.join(out, 'analysis.json'), 'utf8')) as AnalysisResult;
  assert.deepEqual(a.findings.map((f) => [f.featureId, f.variant]), [['blank_stare', 'crop'], ['tonic', 'pose'], ['clonic', 'base']]);

  const base = imagesFor('clonic');
  const crop = imagesFor('blank_stare');
  const pose = imagesFor('tonic');
  assert.equal(base.length, 6, '3 frames in each of 2 segments');
  assert.equal(crop.length, base.length);
  assert.equal(pose.length, base.length);
  assert.deepEqual([base[0]!.width, base[0]!.height], [320, 180]);

  // Face crops: another image than the frame (face-sized region enlarged), not the full frame.
  const cropped = crop.filter((c) => c.width !== base[0]!.width || c.height !== base[0]!.height);
  assert.ok(cropped.length >= 4, `${cropped.length} of ${crop.length} images are face crops`);
  // Skeleton overlays: same size as the frame, the same picture, with the left/right limb colours drawn on it.
  pose.forEach((p, i) => {
    assert.deepEqual([p.width, p.height], [base[i]!.width, base[i]!.height]);
    const drawn = countColour(p, LEFT_COLOUR) + countColour(p, RIGHT_COLOUR);
    const before = countColour(base[i]!, LEFT_COLOUR) + countColour(base[i]!, RIGHT_COLOUR);
    assert.ok(drawn > before + 30, `frame ${i}: ${drawn} skeleton-coloured pixels vs ${before} in the base frame`);
  });
  // The patient's keypoints are in analysis.json, in source-video pixels.
  const withPatient = a.enhancement!.frames.filter((f) => f.keypoints.length === 17);
  assert.ok(withPatient.length >= a.enhancement!.frames.length - 2, 'the person is found in (almost) every frame');
  for (const f of withPatient) for (const k of f.keypoints) assert.ok(k.x >= -50 && k.x <= 1330 && k.y >= -50 && k.y <= 770, `${k.name} inside 1280x720`);
  const withFace = a.enhancement!.frames.filter((f) => f.face);
  assert.ok(withFace.length >= withPatient.length - 2);
});
