/**
 * Which model answers: a local GGUF pair served by a llama-server sidecar on this workstation, or an
 * OpenAI-compatible server the hospital runs (llama-server or vLLM on a GPU server), plus an optional second,
 * audio-capable local pair for the two audio features. Checked once here for every caller (CLI, desktop app,
 * batch); a bad choice is a UsageError naming the setting.
 */
import { z } from 'zod';
import { usageErrorFrom } from './analysisSettings.ts';

const file = (label: string) => z.string({ error: `The ${label} must be a file path.` }).min(1, { error: `The ${label} must be a file path.` });

/** An http(s) URL with a host; nothing else is ever contacted. */
const endpoint = z.string({ error: 'The model server address must be text, e.g. http://gpu-server:8080.' }).superRefine((text, ctx) => {
  let url: URL | null = null;
  try { url = new URL(text); } catch { /* reported below */ }
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) {
    ctx.addIssue({ code: 'custom', message: `The model server address "${text.slice(0, 80)}" is not an http(s) URL with a host, e.g. http://gpu-server:8080.` });
  } else if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'The model server address must not carry a user name or password: give the API key separately.' });
  }
});

export const localModelSchema = z.object({
  kind: z.literal('local'),
  /** Language model GGUF. */
  model: file('model file'),
  /** Its multimodal projector GGUF. */
  mmproj: file('projector file').optional(),
  /** llama-server binary (default: the one `npm run build:llama` built). */
  serverBinary: file('llama-server binary').optional(),
}).strict();

export const remoteModelSchema = z.object({
  kind: z.literal('remote'),
  endpoint,
  apiKey: z.string().optional(),
  /** Model name the server serves. */
  model: z.string({ error: 'The remote model name is missing: give the model name the server serves.' }).min(1, { error: 'The remote model name is missing: give the model name the server serves.' }),
  /** The remote model accepts audio (input_audio). */
  audio: z.boolean().default(false),
  /** How answers are constrained: json_schema (vLLM, llama-server) or grammar (llama-server). */
  constraint: z.enum(['json_schema', 'grammar'], { error: 'The answer constraint must be json_schema or grammar.' }).default('json_schema'),
}).strict();

export const audioModelSchema = z.object({
  model: file('audio model file'),
  mmproj: file('audio projector file'),
}).strict();

export const modelChoiceSchema = z.object({
  main: z.discriminatedUnion('kind', [localModelSchema, remoteModelSchema], { error: 'Choose a model: a local model file with its projector, or a model server address with a model name.' }),
  audio: audioModelSchema.optional(),
}).strict();

export type LocalModelChoice = z.output<typeof localModelSchema>;
export type RemoteModelChoice = z.output<typeof remoteModelSchema>;
export type ModelChoiceInput = z.input<typeof modelChoiceSchema>;
export type ModelChoice = z.output<typeof modelChoiceSchema>;

/**
 * Checks a model choice; the first problem becomes a UsageError naming the setting: `model`, `mmproj`,
 * `remoteModel`, `endpoint`, `apiKey`, `constraint`, `audioModel`, `audioMmproj`.
 */
export function parseModelChoice(input: unknown): ModelChoice {
  const r = modelChoiceSchema.safeParse(input);
  if (r.success) return r.data;
  const remote = (input as { main?: { kind?: unknown } } | null)?.main?.kind === 'remote';
  throw usageErrorFrom(r.error, (p) => {
    const leaf = p.length > 1 ? String(p.at(-1)) : 'model';
    if (p[0] === 'audio') return `audio${leaf[0]!.toUpperCase()}${leaf.slice(1)}`;
    return leaf === 'kind' ? 'model' : remote && leaf === 'model' ? 'remoteModel' : leaf;
  });
}
