/**
 * `semioscope analyze <video> --out <dir> ...`: the whole analysis from the command line.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AnswerCache, defaultCachePath } from '../cache/answerCache.ts';
import { InputError } from '../errors.ts';
import { DEFAULT_OVERLAP_S, DEFAULT_SEGMENT_S } from '../media/planSegments.ts';
import { analyzeRecording } from '../pipeline/analyzeRecording.ts';
import type { VariantPolicy } from '../pipeline/planFeatures.ts';
import { parseVariantOverride } from '../pipeline/planVariants.ts';
import { writeFileAtomic } from '../pipeline/writeFileAtomic.ts';
import { writeReportPdf } from '../report/writeReportPdf.ts';
import { isFeatureId, FEATURE_IDS, type InputVariant } from '../semiology/featureCatalogue.ts';
import { openLocalBackend, openRemoteBackend, type ModelBackend } from '../vlm/modelBackend.ts';
import { demoModelPair } from '../demo/demoModel.ts';
import { renderProgress } from './renderProgress.ts';
import { DEFAULT_PROMPTING_MODE, PROMPTING_MODES, type PromptingMode } from '../vlm/promptingMode.ts';

export const ANALYZE_HELP = `Usage: semioscope analyze <video> --out <dir> (--model <gguf> --mmproj <gguf> | --endpoint <url> --remote-model <name> | --demo-model) [options]

Analyses one seizure recording: asks a multimodal model about 20 ILAE semiology features in 30 s segments
(5 s overlap), aggregates per feature (any positive segment -> present) and writes <dir>/analysis.json,
<dir>/report.pdf and <dir>/keyframes/. Every answer is cached: a rerun asks nothing already answered.

Model (one of):
  --model <file>          language model GGUF (e.g. Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf)
  --mmproj <file>         its multimodal projector GGUF (mmproj-*.gguf)
  --endpoint <url>        an OpenAI-compatible server you run (llama-server or vLLM on a GPU server)
  --api-key <key>         API key for --endpoint
  --remote-model <name>   model name to request from --endpoint
  --remote-audio          the --endpoint model accepts audio (input_audio)
  --constraint <kind>     json_schema (default for --endpoint; vLLM and llama-server) or grammar (llama-server)
  --demo-model            the generated random-weight demo model (meaningless findings; for trying the app)
Audio features with a vision-only model:
  --audio-model <file>    an audio-capable GGUF (e.g. Qwen2.5-Omni) for the two audio features
  --audio-mmproj <file>   its projector
Sampling:
  --fps <n>               frames per second sent to the model (default 2)
  --max-frames <n>        at most this many frames per segment (default 60)
  --frame-size <px>       long side of each frame in px (default 448)
  --segment <s>           segment length in seconds (default ${DEFAULT_SEGMENT_S})
  --overlap <s>           overlap between segments in seconds (default ${DEFAULT_OVERLAP_S})
  --features a,b          ask only these feature ids (default: all 20)
  --variants <policy>     default (each feature's best published input: face crop, pose skeleton, denoised
                          audio + transcript where they helped), base (no enhancement), all (every feature in
                          every variant, for base-vs-enhanced comparisons; extra findings in variantFindings)
  --variant f=v           input variant for one feature (repeatable): base | crop | pose | denoised | transcript
  --pose-fps <n>          also run pose at this rate (e.g. 15, for rhythm); default: on the model's frames
  --no-pose               skip pose estimation when no crop/pose variant is asked (no keypoints in the output)
Runtime:
  --prompting <mode>      shared-prefix (default: one question per call, the segment's frames evaluated once and
                          reused from the server's prompt cache), batched (one structured answer per segment and
                          variant), naive (one question per call, no prompt cache; the paper's scheme)
  --parallel <n>          segments/variants asked at once, one llama-server slot each (default 1)
  --db <file>             answer cache (default: ${defaultCachePath()})
  --llama-server <file>   llama-server binary (default: the one built by "npm run build:llama")
  --ctx-size <n>          model context in tokens per slot (default 32768: 60 frames of 448 px need ~10-16k)
  --threads <n>           CPU threads for the model
  --gpu-layers <n|auto>   layers to offload to a GPU (default 0 for the CPU build)
  --paper <A4|Letter>     report paper size (default A4)
  --patient-id, --study, --reviewer <text>   identifiers printed in the report header
  --json-progress         progress as JSON lines on stderr (for other programs)
  --quiet                 no progress output

Exit codes: 0 done, 2 bad input or usage, 3 model or backend failure, 130 cancelled.
Feature ids: ${FEATURE_IDS.join(', ')}`;

function positiveNumber(v: string | undefined, name: string, fallback: number, integer = false): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new InputError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${v}".`);
  return n;
}

export async function runAnalyzeCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, signal?: AbortSignal): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        out: { type: 'string' }, model: { type: 'string' }, mmproj: { type: 'string' }, endpoint: { type: 'string' },
        'api-key': { type: 'string' }, 'remote-model': { type: 'string' }, 'remote-audio': { type: 'boolean' }, constraint: { type: 'string' }, 'demo-model': { type: 'boolean' },
        'audio-model': { type: 'string' }, 'audio-mmproj': { type: 'string' }, fps: { type: 'string' }, 'max-frames': { type: 'string' },
        'frame-size': { type: 'string' }, segment: { type: 'string' }, overlap: { type: 'string' }, features: { type: 'string' },
        variant: { type: 'string', multiple: true }, variants: { type: 'string' }, 'pose-fps': { type: 'string' }, 'no-pose': { type: 'boolean' }, db: { type: 'string' }, 'llama-server': { type: 'string' }, 'ctx-size': { type: 'string' },
        threads: { type: 'string' }, 'gpu-layers': { type: 'string' }, paper: { type: 'string' }, 'patient-id': { type: 'string' },
        prompting: { type: 'string' }, parallel: { type: 'string' },
        study: { type: 'string' }, reviewer: { type: 'string' }, 'json-progress': { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new InputError(`${(e as Error).message}\nRun "semioscope analyze --help" for the options.`);
  }
  const v = parsed.values;
  if (v.help) { io.stdout.write(`${ANALYZE_HELP}\n`); return 0; }
  const video = parsed.positionals[0];
  if (!video || parsed.positionals.length > 1) throw new InputError('Give exactly one video file: semioscope analyze <video> --out <dir> ...');
  if (!v.out) throw new InputError('Missing --out <dir>: the folder for analysis.json, report.pdf and keyframes.');
  const modes = [Boolean(v.model || v.mmproj), Boolean(v.endpoint), Boolean(v['demo-model'])].filter(Boolean).length;
  if (modes !== 1) throw new InputError('Choose one model: --model <gguf> --mmproj <gguf>, or --endpoint <url> --remote-model <name>, or --demo-model.');
  if (v.constraint && v.constraint !== 'grammar' && v.constraint !== 'json_schema') throw new InputError('--constraint must be grammar or json_schema.');
  if (v.endpoint && !v['remote-model']) throw new InputError('--endpoint needs --remote-model <name> (the model name the server serves).');
  if (Boolean(v['audio-model']) !== Boolean(v['audio-mmproj'])) throw new InputError('--audio-model and --audio-mmproj go together.');
  const features = v.features?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of features ?? []) if (!isFeatureId(f)) throw new InputError(`Unknown feature "${f}". Known: ${FEATURE_IDS.join(', ')}`);
  const overrides: Record<string, InputVariant> = {};
  for (const spec of v.variant ?? []) {
    const [id, variant] = parseVariantOverride(spec);
    overrides[id] = variant;
  }
  const variantsMode = v.variants ?? 'default';
  if (!['default', 'base', 'all'].includes(variantsMode)) throw new InputError('--variants must be default, base or all.');
  const paper = v.paper ?? 'A4';
  if (paper !== 'A4' && paper !== 'Letter') throw new InputError('--paper must be A4 or Letter.');
  const gpuLayers = v['gpu-layers'] === undefined ? undefined : v['gpu-layers'] === 'auto' ? 'auto' as const : positiveNumber(v['gpu-layers'], 'gpu-layers', 0, true);
  const sampling = {
    fps: positiveNumber(v.fps, 'fps', 2),
    maxFrames: positiveNumber(v['max-frames'], 'max-frames', 60, true),
    frameSize: positiveNumber(v['frame-size'], 'frame-size', 448, true),
    segmentS: positiveNumber(v.segment, 'segment', DEFAULT_SEGMENT_S),
    overlapS: v.overlap === undefined ? DEFAULT_OVERLAP_S : Number(v.overlap),
  };
  if (!(sampling.overlapS >= 0 && sampling.overlapS < sampling.segmentS)) throw new InputError('--overlap must be at least 0 and shorter than --segment.');
  const prompting = (v.prompting ?? DEFAULT_PROMPTING_MODE) as PromptingMode;
  if (!PROMPTING_MODES.includes(prompting)) throw new InputError(`--prompting must be one of ${PROMPTING_MODES.join(', ')}.`);
  const parallel = positiveNumber(v.parallel, 'parallel', 1, true);
  const policy: VariantPolicy = { defaults: variantsMode === 'default' ? 'catalogue' : variantsMode as 'base' | 'all', overrides };
  const poseFps = v['pose-fps'] === undefined ? undefined : positiveNumber(v['pose-fps'], 'pose-fps', 2);
  if (poseFps !== undefined && poseFps < sampling.fps) throw new InputError(`--pose-fps must be at least --fps (${sampling.fps}).`);

  const outDir = path.resolve(v.out);
  try { mkdirSync(outDir, { recursive: true }); } catch (e) { throw new InputError(`Cannot create the output folder "${v.out}" (${(e as { code?: string }).code}).`); }
  const dbPath = v.db ?? defaultCachePath();
  const cache = new AnswerCache(dbPath);
  const backends: ModelBackend[] = [];
  try {
    const local = { serverBinary: v['llama-server'], contextSize: positiveNumber(v['ctx-size'], 'ctx-size', 32768, true),
      threads: v.threads ? positiveNumber(v.threads, 'threads', 1, true) : undefined, gpuLayers, parallel };
    const deps = { fileSha256: cache.fileSha256.bind(cache) };
    let backend: ModelBackend;
    if (v.endpoint) backend = openRemoteBackend({ endpoint: v.endpoint, apiKey: v['api-key'], model: v['remote-model']!, audio: v['remote-audio'],
      constraint: v.constraint as 'grammar' | 'json_schema' | undefined });
    else if (v['demo-model']) backend = await openLocalBackend({ ...local, ...(await demoModelPair()) }, 'vision', deps);
    else backend = await openLocalBackend({ ...local, model: v.model!, mmproj: v.mmproj }, 'vision', deps);
    backends.push(backend);
    let audioBackend: ModelBackend | undefined;
    if (v['audio-model']) {
      audioBackend = await openLocalBackend({ ...local, model: v['audio-model'], mmproj: v['audio-mmproj'] }, 'audio', deps);
      backends.push(audioBackend);
    }
    const onProgress = v.quiet ? undefined : renderProgress(io.stderr, Boolean(v['json-progress']));
    const result = await analyzeRecording({ videoPath: path.resolve(video), cache, backend, audioBackend, features, variants: policy, sampling, outDir, onProgress, signal, prompting, parallel,
      pose: v['no-pose'] ? 'off' : { fps: poseFps ?? sampling.fps } });
    const jsonPath = path.join(outDir, 'analysis.json');
    writeFileAtomic(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    const pdfPath = path.join(outDir, 'report.pdf');
    await writeReportPdf(result, pdfPath, { paperSize: paper, baseDir: outDir,
      operator: { patientId: v['patient-id'], study: v.study, reviewer: v.reviewer } });
    const present = result.findings.filter((f) => f.status === 'present').length;
    const failed = result.findings.filter((f) => f.status === 'failed').length;
    io.stdout.write(`${jsonPath}\n${pdfPath}\n`);
    if (!v.quiet) {
      io.stderr.write(`Done in ${result.stats.wallS.toFixed(1)} s: ${present} features present, ${failed} failed; ${result.stats.modelCalls} model calls, ${result.stats.cacheHits} cached answers.` +
        `${result.model.demo ? ' DEMO MODEL: random weights, the findings are meaningless.' : ''}\n`);
    }
    return 0;
  } finally {
    for (const b of backends) await b.dispose();
    cache.close();
  }
}
