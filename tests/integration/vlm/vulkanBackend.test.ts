/**
 * The GPU path, for real: `analyze --backend vulkan` runs the tiny Omni pair on a Vulkan device through the
 * llama-server built by `npm run build:llama` (backends loaded at run time, libggml-vulkan.so from
 * node-llama-cpp's prebuilt package beside it). These machines have no GPU: Mesa's software Vulkan device
 * (llvmpipe, Debian "mesa-vulkan-drivers") stands in, made visible with GGML_VK_VISIBLE_DEVICES=0. It is
 * slow (minutes per request), so the analysis is the smallest there is: one 5 s segment, one frame of
 * 112 px, one feature. A missing build, backend library or Vulkan device fails, saying what to install.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { analysisResultSchema, type AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { cachedServerDir, findLlamaSource, LLAMA_SERVER_EXE } from '../../../native-models/vlm/llamaServerBinary.ts';
import { runCli } from '../../helpers/runCli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-vulkan-'));
const binary = path.join(cachedServerDir(findLlamaSource().commit, 'dl-native'), LLAMA_SERVER_EXE);
// llvmpipe is a CPU-type device, which ggml lists only when named; log level 4 makes llama-server say where
// the layers and the projector went, which the engine's debug log repeats.
const env = { GGML_VK_VISIBLE_DEVICES: '0', SEMIOSCOPE_DEBUG: '1', LLAMA_ARG_LOG_VERBOSITY: '4' };
let models: { model: string; mmproj: string };
let video: string;

before(async () => {
  assert.ok(existsSync(binary), 'The llama-server with run-time backends is not built: run "npm run build:llama".');
  assert.ok(existsSync(path.join(path.dirname(binary), 'libggml-vulkan.so')),
    'libggml-vulkan.so is not beside llama-server: reinstall node-llama-cpp (npm ci installs @node-llama-cpp/linux-x64-vulkan), then "npm run build:llama".');
  const listed = execFileSync(binary, ['--list-devices'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(listed, /Vulkan0: /, `No Vulkan device: install the Vulkan loader and Mesa's software device (Debian: apt-get install libvulkan1 mesa-vulkan-drivers). llama-server listed:\n${listed}`);
  models = await writeTinyModelPair('omni', path.join(dir, 'models'));
  video = path.join(dir, 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=5:d=5', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', video]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('an analysis runs on the Vulkan device and its answers are valid', { timeout: 20 * 60_000 }, async (t) => {
  const out = path.join(dir, 'out');
  const r = await runCli(['analyze', video, '--out', out, '--model', models.model, '--mmproj', models.mmproj, '--llama-server', binary,
    '--backend', 'vulkan', '--threads', '1', '--features', 'clonic', '--variants', 'base', '--no-pose',
    '--segment', '5', '--overlap', '0', '--fps', '1', '--max-frames', '1', '--frame-size', '112', '--ctx-size', '2048',
    '--db', path.join(dir, 'cache.sqlite'), '--quiet'], env);
  assert.equal(r.code, 0, r.stderr);
  const a = analysisResultSchema.parse(JSON.parse(readFileSync(path.join(out, 'analysis.json'), 'utf8'))) as AnalysisResult;

  assert.equal(a.model.gpuBackend, 'vulkan');
  assert.match(a.model.device ?? '', /^Vulkan0: llvmpipe/);
  // llama-server's own words: the layers and the projector went to the Vulkan device, not the CPU.
  const offloaded = /offloaded (\d+)\/(\d+) layers to GPU/.exec(r.stderr);
  assert.ok(offloaded && Number(offloaded[1]) > 0 && offloaded[1] === offloaded[2], `every layer on the GPU:\n${r.stderr.slice(-2000)}`);
  assert.match(r.stderr, /CLIP using Vulkan0 backend/);
  assert.match(r.stderr, /software Vulkan device/, 'the user is told the software device is slow');

  assert.equal(a.segments.length, 1);
  assert.equal(a.stats.failedAnswers, 0);
  assert.ok(a.answers.length >= 1 && a.answers.every((x) => x.featureId === 'clonic' && x.status === 'ok' && typeof x.present === 'boolean' && x.justification.length > 0),
    JSON.stringify(a.answers));
  assert.equal(a.findings.length, 1);
  assert.ok(['present', 'absent'].includes(a.findings[0]!.status), a.findings[0]!.status);
  t.diagnostic(`llvmpipe: ${a.stats.modelCalls} model call(s), ${a.stats.wallS} s wall time for the analysis`);
});
