/**
 * `semioscope analyze` arguments -> what the analysis session takes: the recording, the output folder, the
 * cache file, the model choice and the settings. Values are passed on as typed by the user (numbers as
 * numbers where they parse); checking them is the contract's job (contract/analysisSettings.ts and
 * contract/modelChoice.ts), so the desktop app and the CLI refuse the same values with the same words.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AnalysisSettingsInput } from '../contract/analysisSettings.ts';
import type { ModelChoiceInput } from '../contract/modelChoice.ts';
import { InputError, UsageError } from '../errors.ts';
import { describeFsError } from '../platform/makeFolder.ts';
import { displayName } from '../platform/displayName.ts';

export interface AnalyzeArgs {
  help: false;
  video: string;
  outDir: string;
  dbPath?: string;
  models: ModelChoiceInput;
  settings: AnalysisSettingsInput;
  progress: 'text' | 'json' | 'none';
}

const OPTIONS = {
  out: { type: 'string' }, model: { type: 'string' }, mmproj: { type: 'string' }, endpoint: { type: 'string', multiple: true },
  'api-key': { type: 'string' }, 'api-key-file': { type: 'string' }, 'remote-model': { type: 'string' }, 'remote-audio': { type: 'boolean' },
  constraint: { type: 'string' }, 'audio-model': { type: 'string' }, 'audio-mmproj': { type: 'string' },
  fps: { type: 'string' }, 'max-frames': { type: 'string' }, 'frame-size': { type: 'string' }, segment: { type: 'string' }, overlap: { type: 'string' },
  features: { type: 'string' }, variant: { type: 'string', multiple: true }, variants: { type: 'string' }, 'pose-fps': { type: 'string' },
  'no-pose': { type: 'boolean' }, 'signals-fps': { type: 'string' }, mirrored: { type: 'boolean' }, 'patient-orientation': { type: 'string' }, db: { type: 'string' }, 'llama-server': { type: 'string' }, 'ctx-size': { type: 'string' },
  threads: { type: 'string' }, backend: { type: 'string' }, 'gpu-layers': { type: 'string' }, paper: { type: 'string' }, 'patient-id': { type: 'string' },
  prompting: { type: 'string' }, parallel: { type: 'string' }, study: { type: 'string' }, reviewer: { type: 'string' },
  'json-progress': { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

/** A number where the text is one ("2", "0.5"); otherwise the text itself, so the contract quotes it back. */
const num = (v: string | undefined): number | string | undefined => (v === undefined ? undefined : v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
/** `auto` or a number. */
const autoOrNum = (v: string | undefined) => (v === 'auto' ? 'auto' : num(v));

/** `feature=variant` (the `--variant` value). */
export function parseVariantFlag(text: string): [string, string] {
  const m = /^\s*([A-Za-z0-9_]+)\s*=\s*([A-Za-z]+)\s*$/.exec(text);
  if (!m) throw new UsageError(`An input variant choice must read <feature>=<variant>, e.g. tonic=pose (got "${text}").`, { setting: 'variantOverrides' });
  return [m[1]!, m[2]!];
}

/** The arguments, or `{ help: true }` when help was asked for. */
export function parseAnalyzeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): AnalyzeArgs | { help: true } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\s*\n\s*/g, ' '), { hint: 'Run "semioscope analyze --help" for the options.' });
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  if (parsed.positionals.length !== 1) {
    throw new UsageError(parsed.positionals.length ? `Give exactly one recording (got ${parsed.positionals.length}).` : 'Give the recording to analyse.',
      { setting: 'video', hint: 'Usage: semioscope analyze <video> --out <dir> --model <gguf> --mmproj <gguf>' });
  }
  if (!v.out) throw new UsageError('Give the output folder for analysis.json, report.pdf and keyframes.', { setting: 'outDir' });

  const local = v.model !== undefined || v.mmproj !== undefined || v['llama-server'] !== undefined;
  const remote = v.endpoint !== undefined || v['remote-model'] !== undefined || v['api-key'] !== undefined || v['api-key-file'] !== undefined;
  if (local && remote) throw new UsageError('Choose one model: a local model file, or a model server address, not both.', { setting: 'model' });
  if (!local && !remote) throw new UsageError('Choose a model: a local model file with its projector, or a model server address with a model name.', { setting: 'model' });
  if (v.mmproj !== undefined && v.model === undefined) throw new UsageError('A projector file was given without its language model file.', { setting: 'model' });
  if (remote && v.endpoint === undefined) throw new UsageError('A remote model name or API key was given without the model server address.', { setting: 'endpoint' });
  if (v['api-key'] !== undefined && v['api-key-file'] !== undefined) throw new UsageError('Give the API key once: as a file or as text, not both.', { setting: 'apiKey' });
  let apiKey = v['api-key'] ?? env.SEMIOSCOPE_API_KEY;
  if (v['api-key-file'] !== undefined) {
    try { apiKey = readFileSync(v['api-key-file'], 'utf8').trim(); } catch (e) {
      throw new InputError(`The API key file "${displayName(v['api-key-file'])}" cannot be read (${describeFsError(e)}).`, { setting: 'apiKey' });
    }
  }
  const models: ModelChoiceInput = {
    main: remote
      ? { kind: 'remote', endpoint: v.endpoint!.length === 1 ? v.endpoint![0]! : v.endpoint!, model: v['remote-model']!, ...(apiKey ? { apiKey } : {}), audio: Boolean(v['remote-audio']),
        ...(v.constraint !== undefined ? { constraint: v.constraint as 'grammar' } : {}) }
      : { kind: 'local', model: v.model!, ...(v.mmproj !== undefined ? { mmproj: v.mmproj } : {}), ...(v['llama-server'] !== undefined ? { serverBinary: v['llama-server'] } : {}) },
    ...(v['audio-model'] !== undefined || v['audio-mmproj'] !== undefined ? { audio: { model: v['audio-model']!, mmproj: v['audio-mmproj']! } } : {}),
  };
  if (v.constraint !== undefined && !remote) throw new UsageError('The answer constraint applies to a model server address only.', { setting: 'constraint' });

  const variantOverrides: Record<string, string> = {};
  for (const spec of v.variant ?? []) {
    const [id, variant] = parseVariantFlag(spec);
    variantOverrides[id] = variant;
  }
  const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  const settings = defined({
    fps: num(v.fps), maxFrames: num(v['max-frames']), frameSize: num(v['frame-size']), segmentS: num(v.segment), overlapS: num(v.overlap),
    features: v.features === undefined ? undefined : v.features.split(',').map((s) => s.trim()).filter(Boolean),
    variants: v.variants, variantOverrides: v.variant ? variantOverrides : undefined,
    pose: v['no-pose'] ? false : undefined, poseFps: num(v['pose-fps']), signalsFps: num(v['signals-fps']), mirrored: v.mirrored ? true : undefined,
    patientOrientation: autoOrNum(v['patient-orientation']),
    prompting: v.prompting, parallel: num(v.parallel), contextSize: num(v['ctx-size']), threads: autoOrNum(v.threads), backend: v.backend, gpuLayers: autoOrNum(v['gpu-layers']),
    paperSize: v.paper, patientId: v['patient-id'], study: v.study, reviewer: v.reviewer,
  }) as AnalysisSettingsInput;
  return {
    help: false, video: parsed.positionals[0]!, outDir: v.out, ...(v.db !== undefined ? { dbPath: v.db } : {}), models, settings,
    progress: v.quiet ? 'none' : v['json-progress'] ? 'json' : 'text',
  };
}
