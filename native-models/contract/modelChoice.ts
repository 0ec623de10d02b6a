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
/** `URL` or `URL,slots`: a model server and the requests it takes at once (default 1). */
export function splitEndpointSpec(spec: string): { url: string; slots: number | null } {
  const m = /^(.*?)(?:,\s*(\d+))?\s*$/.exec(spec.trim());
  return { url: (m?.[1] ?? '').trim(), slots: m?.[2] === undefined ? null : Number(m[2]) };
}

/** Most requests one server is given at once. */
export const MAX_ENDPOINT_SLOTS = 64;

const endpointSpec = z.string({ error: 'The model server address must be text, e.g. http://gpu-server:8080.' }).superRefine((spec, ctx) => {
  const { url: text, slots } = splitEndpointSpec(spec);
  if (slots !== null && (slots < 1 || slots > MAX_ENDPOINT_SLOTS)) {
    ctx.addIssue({ code: 'custom', message: `A model server takes 1 to ${MAX_ENDPOINT_SLOTS} requests at once (got ${slots} for "${text.slice(0, 80)}").` });
  }
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
  /**
   * The model server (`URL`), or a pool of servers serving the same model, each `URL` or `URL,slots` (the
   * requests it takes at once): work is spread over them, and a server that fails is left out until it answers.
   */
  endpoint: z.union([endpointSpec, z.array(endpointSpec).min(1, { error: 'Give at least one model server address.' })]),
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

/** The servers of a remote choice, each with the requests it takes at once (`defaultSlots` where none is given). */
export function remoteEndpoints(endpoint: string | readonly string[], defaultSlots = 1): Array<{ url: string; slots: number }> {
  return (typeof endpoint === 'string' ? [endpoint] : endpoint).map((spec) => {
    const { url, slots } = splitEndpointSpec(spec);
    return { url, slots: slots ?? defaultSlots };
  });
}
