/**
 * The `analyze` command's flags and the engine setting each one sets. The engine's messages name settings in
 * words ("The sampling rate must be ..."); the CLI appends the flag from this table, so one message serves
 * the desktop app and the command line.
 */
import { COMPUTE_BACKENDS, DEFAULT_SETTINGS, PROMPTING_MODES } from '../contract/analysisSettings.ts';
import { defaultCachePath } from '../cache/answerCache.ts';
import { FEATURE_IDS } from '../semiology/featureCatalogue.ts';

/** Setting (or model/output choice) -> the flag that sets it. */
export const FLAG_OF_SETTING: Readonly<Record<string, string>> = {
  fps: '--fps', maxFrames: '--max-frames', frameSize: '--frame-size', segmentS: '--segment', overlapS: '--overlap',
  features: '--features', variants: '--variants', variantOverrides: '--variant', pose: '--no-pose', poseFps: '--pose-fps', signalsFps: '--signals-fps', mirrored: '--mirrored',
  patientOrientation: '--patient-orientation',
  prompting: '--prompting', parallel: '--parallel', contextSize: '--ctx-size', threads: '--threads', backend: '--backend', gpuLayers: '--gpu-layers',
  paperSize: '--paper', patientId: '--patient-id', study: '--study', reviewer: '--reviewer',
  model: '--model', mmproj: '--mmproj', serverBinary: '--llama-server', endpoint: '--endpoint', remoteModel: '--remote-model', apiKey: '--api-key',
  constraint: '--constraint', audio: '--remote-audio', audioModel: '--audio-model', audioMmproj: '--audio-mmproj',
  outDir: '--out', dbPath: '--db', video: '<video>',
};

const d = DEFAULT_SETTINGS;

export const ANALYZE_HELP = `Usage: semioscope analyze <video> --out <dir> (--model <gguf> --mmproj <gguf> | --endpoint <url> --remote-model <name>) [options]

Analyses one seizure recording: asks a multimodal model about 20 ILAE semiology features in ${d.segmentS} s segments
(${d.overlapS} s overlap), aggregates per feature (any positive segment -> present) and writes <dir>/analysis.json,
<dir>/report.pdf and <dir>/keyframes/. Every answer is cached: a rerun asks nothing already answered.

Model (one of):
  --model <file>          language model GGUF (e.g. Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf)
  --mmproj <file>         its multimodal projector GGUF (mmproj-*.gguf)
  --endpoint <url[,n]>    an OpenAI-compatible server you run (llama-server or vLLM on a GPU server); give it
                          several times for a pool serving the same model (n: requests it takes at once)
  --api-key-file <file>   file holding the API key for --endpoint (not visible to other users, unlike --api-key)
  --api-key <key>         API key for --endpoint (also read from SEMIOSCOPE_API_KEY)
  --remote-model <name>   model name to request from --endpoint
  --remote-audio          the --endpoint model accepts audio (input_audio)
  --constraint <kind>     json_schema (default for --endpoint; vLLM and llama-server) or grammar (llama-server)
Audio features with a vision-only model:
  --audio-model <file>    an audio-capable GGUF (e.g. Qwen2.5-Omni) for the two audio features
  --audio-mmproj <file>   its projector
Sampling:
  --fps <n>               frames per second sent to the model (default ${d.fps}; 0.1-30)
  --max-frames <n>        at most this many frames per segment (default ${d.maxFrames})
  --frame-size <px>       long side of each frame in px (default ${d.frameSize}; 112-1792)
  --segment <s>           segment length in seconds (default ${d.segmentS})
  --overlap <s>           overlap between segments in seconds (default ${d.overlapS})
  --features a,b          ask only these feature ids (default: all 20)
  --variants <policy>     default (each feature's best published input: face crop, pose skeleton, denoised
                          audio + transcript where they helped), base (no enhancement), all (every feature in
                          every variant, for base-vs-enhanced comparisons; extra findings in variantFindings)
  --variant f=v           input variant for one feature (repeatable): base | crop | pose | denoised | transcript
  --pose-fps <n>          list pose frames at this rate in analysis.json (default: the model's frames)
  --no-pose               skip pose estimation (the crop and pose variants and the measured signs are then not assessed)
  --signals-fps <n>       pose rate of the measured signs (default ${d.signalsFps}; 1-30; rhythm needs at least 10)
  --mirrored              the camera records a mirror image: every measured left/right is flipped
  --patient-orientation <auto|0|90|180|270>
                          which way the patient lies in the picture, clockwise from head-up (90: head to the
                          right, 180: head at the bottom, 270: head to the left); default ${d.patientOrientation}: pose runs
                          the way up the person detector finds the patient best
Runtime:
  --prompting <mode>      ${PROMPTING_MODES.join(' | ')} (default ${d.prompting}): shared-prefix asks one question per
                          call against the server's cached evidence; batched asks one structured answer per
                          segment and variant; naive is one question per call without prompt cache (the paper's)
  --parallel <n>          segments/variants asked at once, one llama-server slot each (default ${d.parallel})
  --db <file>             answer cache (default: ${defaultCachePath()})
  --llama-server <file>   llama-server binary (default: the one built by "npm run build:llama")
  --ctx-size <n>          model context in tokens per slot (default ${d.contextSize}: 60 frames of 448 px need ~10-17k)
  --threads <n|auto>      CPU threads of the model server (default auto: the cores left free by pose and decoding)
  --backend <name>        ${COMPUTE_BACKENDS.join(' | ')} (default ${d.backend}): where the local model runs; auto takes a CUDA
                          GPU, else a Vulkan GPU, else the CPU; a GPU that cannot be used falls back to the CPU
  --gpu-layers <n|auto>   layers to offload to the GPU (default auto: all of them when a GPU is used)
  --paper <A4|Letter>     report paper size (default ${d.paperSize})
  --patient-id, --study, --reviewer <text>   identifiers printed in the report header
  --json-progress         progress as JSON lines on stderr (for other programs)
  --quiet                 no progress output

Exit codes: 0 done, 2 bad input or usage, 3 model or backend failure, 130 cancelled.
Feature ids: ${FEATURE_IDS.join(', ')}`;
