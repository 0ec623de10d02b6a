/**
 * `npm run bench -- [video] [--json] [--quick]`: prompt tokens the model evaluates for one recording, our
 * scheme against the naive one (one question per call, no prompt reuse), on the same frames, features and
 * variants in the same run, with the tiny random-weight Omni pair on llama-server. Prints:
 *   - naive vs ours evaluated prompt tokens and their ratio, at the default variant policy and with --variants all;
 *   - the floor: every distinct input of a segment (one variant's frames, the segment's audio) evaluated once,
 *     plus every question; ours against it;
 *   - batched mode (one structured answer per group) for comparison, and answer agreement with naive;
 *   - wall time per stage, peak RSS, and the time to reopen an analysed recording (zero model calls).
 * With --json the last line is one JSON object; it names the runs' `gpuBackend` (--backend=auto|cpu|vulkan|cuda,
 * default auto) and, when that is a GPU, prompt and generation tokens/s on it against the CPU backend of the
 * same build (bench/deviceThroughput.ts). Sampling is CPU-sized (it says which): the tiny model's
 * context is 4096 tokens and these machines have no GPU; the ratio compares the same work either way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnswerCache } from '../cache/answerCache.ts';
import { demoModelPair } from '../demo/demoModel.ts';
import { makeBenchRecording } from './makeBenchRecording.ts';
import { getFeature } from '../semiology/featureCatalogue.ts';
import { resolveLlamaServerBinary } from '../vlm/llamaServerBinary.ts';
import { LlamaServerSupervisor } from '../vlm/llamaServerSupervisor.ts';
import { openLocalBackend } from '../vlm/modelBackend.ts';
import { deviceThroughput } from './deviceThroughput.ts';
import { parseAnalysisSettings, type ComputeBackendName, type PromptingMode, type VariantPolicyName } from '../contract/analysisSettings.ts';
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { analyzeRecording } from '../pipeline/analyzeRecording.ts';
import type { Stage } from '../contract/progressEvent.ts';

const SAMPLING = { fps: 1, maxFrames: 30, frameSize: 448, segmentS: 30, overlapS: 5 };

interface RunResult {
  analysis: AnalysisResult;
  stageS: Partial<Record<Stage, number>>;
}

let computeBackend: ComputeBackendName = 'auto';

async function run(video: string, dbPath: string, mode: PromptingMode, policy: VariantPolicyName, model: { model: string; mmproj: string }): Promise<RunResult> {
  const cache = new AnswerCache(dbPath);
  const settings = parseAnalysisSettings({ ...SAMPLING, variants: policy, prompting: mode, backend: computeBackend });
  const backend = await openLocalBackend({ ...model, contextSize: settings.contextSize, threads: settings.threads, backend: settings.backend, gpuLayers: settings.gpuLayers }, 'vision',
    { fileSha256: cache.fileSha256.bind(cache) });
  const stageS: Partial<Record<Stage, number>> = {};
  let current = null as Stage | null;
  let since = performance.now();
  try {
    const analysis = await analyzeRecording({ videoPath: video, cache, backend, settings,
      onProgress: (e) => {
        if (e.stage === current) return;
        const now = performance.now();
        if (current) stageS[current] = (stageS[current] ?? 0) + (now - since) / 1000;
        current = e.stage;
        since = now;
      } });
    if (current) stageS[current] = (stageS[current] ?? 0) + (performance.now() - since) / 1000;
    return { analysis, stageS };
  } finally {
    await backend.dispose();
    cache.close();
  }
}

/** Tokens of each question's suffix (question, instruction, template tail), from the server's own tokenizer. */
async function questionSuffixTokens(model: { model: string; mmproj: string }, featureIds: readonly string[]): Promise<Map<string, number>> {
  const binary = resolveLlamaServerBinary();
  if (!binary) throw new Error('llama-server is not built: npm run build:llama');
  const server = await LlamaServerSupervisor.start({ binary, ...model, contextSize: 4096 });
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${server.baseUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` }, body: JSON.stringify(body) });
    return res.json() as Promise<Record<string, unknown>>;
  };
  try {
    const out = new Map<string, number>();
    for (const id of featureIds) {
      const text = `Question: ${getFeature(id).question}`;
      const { prompt } = await post('/apply-template', { messages: [{ role: 'user', content: [{ type: 'text', text: 'MARK' }, { type: 'text', text }] }] }) as { prompt: string };
      const suffix = prompt.slice(prompt.indexOf(text));
      const { tokens } = await post('/tokenize', { content: suffix, add_special: false }) as { tokens: unknown[] };
      out.set(id, tokens.length);
    }
    return out;
  } finally {
    await server.dispose();
  }
}

/** Each group's shared prefix evaluated once, plus every question's own tokens. */
function floorTokens(a: AnalysisResult, suffix: Map<string, number>): number {
  const prefixOf = new Map<string, number>();
  let questions = 0;
  for (const x of a.answers) {
    if (x.promptTokens === undefined) continue;
    const q = suffix.get(x.featureId)!;
    questions += q;
    const group = `${x.segmentIndex}:${getFeature(x.featureId).modality}:${x.variant}`;
    prefixOf.set(group, Math.max(prefixOf.get(group) ?? 0, x.promptTokens - q));
  }
  return [...prefixOf.values()].reduce((s, v) => s + v, 0) + questions;
}

function agreement(a: AnalysisResult, b: AnalysisResult): number {
  const key = (x: AnalysisResult['answers'][number]) => `${x.featureId}/${x.segmentIndex}/${x.variant}`;
  const other = new Map(b.answers.map((x) => [key(x), x.present]));
  const both = a.answers.filter((x) => other.has(key(x)) && x.status === 'ok');
  return both.length ? both.filter((x) => other.get(key(x)) === x.present).length / both.length : NaN;
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  computeBackend = parseAnalysisSettings({ backend: argv.find((a) => a.startsWith('--backend='))?.slice(10) ?? 'auto' }).backend;
  const video = argv.find((a) => !a.startsWith('--')) ?? makeBenchRecording({ durationS: quick ? 60 : 180 });
  const model = await demoModelPair();
  const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-bench-'));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log(`recording: ${path.basename(video)}; model: tiny random-weight Omni pair (llama-server, CPU)`);
  log(`sampling (CPU-sized, not the defaults of 2 fps / 60 frames / 448 px): ${SAMPLING.fps} fps, at most ${SAMPLING.maxFrames} frames a segment, ${SAMPLING.frameSize} px`);
  try {
    const def: VariantPolicyName = 'default';
    const all: VariantPolicyName = 'all';
    const db = (n: string) => path.join(dir, `${n}.sqlite`);
    const naive = await run(video, db('naive'), 'naive', def, model);
    const ours = await run(video, db('ours'), 'shared-prefix', def, model);
    const batched = await run(video, db('batched'), 'batched', def, model);
    const t = performance.now();
    const reopen = await run(video, db('ours'), 'shared-prefix', def, model);
    const reopenS = (performance.now() - t) / 1000;
    const naiveAll = await run(video, db('naive-all'), 'naive', all, model);
    const oursAll = await run(video, db('ours-all'), 'shared-prefix', all, model);

    const suffix = await questionSuffixTokens(model, [...new Set(ours.analysis.answers.map((x) => x.featureId))]);
    const floor = floorTokens(ours.analysis, suffix);
    const floorAll = floorTokens(oursAll.analysis, suffix);
    const ev = (r: RunResult) => r.analysis.stats.evaluatedPromptTokens;
    const gpuBackend = ours.analysis.model.gpuBackend ?? 'cpu';
    const gpuDevice = ours.analysis.model.device ?? '';
    const deviceSpeed = gpuBackend === 'cpu' ? null : await deviceThroughput(resolveLlamaServerBinary()!, model,
      [{ label: gpuDevice, device: gpuDevice.split(':')[0]!, gpuLayers: 999 }, { label: 'CPU (same build, --device none)', device: 'none', gpuLayers: 0 }]);
    const result = {
      naivePromptTokens: ev(naive), promptTokens: ev(ours), tokenRatio: ev(ours) / ev(naive),
      floorPromptTokens: floor, promptOverFloor: ev(ours) / floor,
      batchedPromptTokens: ev(batched), batchedTokenRatio: ev(batched) / ev(naive),
      agreementWithNaive: agreement(ours.analysis, naive.analysis), batchedAgreementWithNaive: agreement(batched.analysis, naive.analysis),
      all: { naivePromptTokens: ev(naiveAll), promptTokens: ev(oursAll), tokenRatio: ev(oursAll) / ev(naiveAll), floorPromptTokens: floorAll,
        promptOverFloor: ev(oursAll) / floorAll, modelCalls: oursAll.analysis.stats.modelCalls },
      modelCalls: { naive: naive.analysis.stats.modelCalls, ours: ours.analysis.stats.modelCalls, batched: batched.analysis.stats.modelCalls },
      wallS: { naive: naive.analysis.stats.wallS, ours: ours.analysis.stats.wallS, batched: batched.analysis.stats.wallS },
      stageS: ours.stageS,
      reopenS, reopenModelCalls: reopen.analysis.stats.modelCalls,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      sampling: SAMPLING, segments: ours.analysis.segments.length,
      gpuBackend, device: gpuDevice, ...(deviceSpeed ? { deviceSpeed } : {}),
    };
    const r3 = (x: number) => x.toFixed(3);
    log(`default variants: naive ${result.naivePromptTokens} evaluated prompt tokens, ours ${result.promptTokens}: tokenRatio ${r3(result.tokenRatio)}`);
    log(`  floor ${floor} (each distinct input once + every question): ours / floor = ${r3(result.promptOverFloor)}`);
    log(`  batched ${result.batchedPromptTokens} (ratio ${r3(result.batchedTokenRatio)}); answer agreement with naive: ours ${r3(result.agreementWithNaive)}, batched ${r3(result.batchedAgreementWithNaive)}`);
    log(`--variants all: naive ${result.all.naivePromptTokens}, ours ${result.all.promptTokens}: tokenRatio ${r3(result.all.tokenRatio)}; floor ${floorAll}, ours / floor ${r3(result.all.promptOverFloor)}`);
    log(`wall: naive ${result.wallS.naive} s, ours ${result.wallS.ours} s, batched ${result.wallS.batched} s; ours per stage: ${Object.entries(ours.stageS).map(([k, v]) => `${k} ${v!.toFixed(1)} s`).join(', ')}`);
    log(`reopen: ${reopenS.toFixed(2)} s with ${result.reopenModelCalls} model calls; peak RSS of the engine process ${result.peakRssMb} MB (llama-server is a separate process)`);
    log(`backend: ${gpuBackend} (${gpuDevice})${deviceSpeed ? `; ${deviceSpeed.map((d) => `${d.device}: prompt ${d.promptTokensPerS} tok/s, generation ${d.generationTokensPerS} tok/s`).join('; ')}` : ''}`);
    if (json) log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e: Error) => { process.stderr.write(`bench failed: ${e.message}\n`); process.exit(1); });
}
