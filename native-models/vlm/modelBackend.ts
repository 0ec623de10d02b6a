/**
 * A model the pipeline can ask: a local GGUF pair served by a llama-server sidecar (started lazily, on the
 * first question that is not already cached), or a remote OpenAI-compatible endpoint the user configured.
 *
 * The local server runs on the device vlm/chooseComputeBackend.ts picks from what the binary lists; when it
 * does not start on that GPU it is started again on the CPU, and the user is told why. The device it ran on
 * is added to the model info (`gpuBackend`, `device`) once it has started.
 */
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import type { ModelInfo } from '../contract/analysisSchema.ts';
import { DEFAULT_SETTINGS, type ComputeBackendName } from '../contract/analysisSettings.ts';
import { BackendError } from '../errors.ts';
import { debugLog } from '../log.ts';
import { serverThreads } from '../platform/cpuBudget.ts';
import { hashFile } from '../media/hashFile.ts';
import type { ConstraintMode } from './askFeature.ts';
import { resolveLlamaServerBinary } from './llamaServerBinary.ts';
import { ChatClient, type ChatCompleter } from './chatClient.ts';
import { chooseComputeBackend, deviceLabel, type BackendChoice } from './chooseComputeBackend.ts';
import { listServerDevices } from './listServerDevices.ts';
import { LlamaServerSupervisor } from './llamaServerSupervisor.ts';
import { validateModelPair } from './validateModelPair.ts';
import { EndpointPool } from './endpointPool.ts';

export interface LocalModelConfig {
  model: string;
  mmproj?: string;
  /** llama-server binary; default: the one `npm run build:llama` cached. */
  serverBinary?: string;
  /** Context tokens per slot (default: the settings' contextSize). */
  contextSize?: number;
  /** The `threads` setting: 'auto' (default) chooses from the free cores (platform/cpuBudget.ts), a number is used as is. */
  threads?: number | 'auto';
  /** Threads the engine keeps busy beside the server (pose + decode; see cpuBudget `engineThreadsBeside`). Default: pose at its default threads plus one decode. */
  besideServer?: number;
  /** The `backend` setting: auto (default: the best device listed), cpu, vulkan or cuda. */
  backend?: ComputeBackendName;
  /** The `gpuLayers` setting: 'auto' (default) puts every layer on the GPU when one is used; a number is passed as -ngl. */
  gpuLayers?: number | 'auto';
  /** Where a fallback or a slow device is said (default: stderr). */
  onNotice?: (message: string) => void;
  parallel?: number;
  /** Benchmarks only: run llama-server with its own thread and polling defaults (every core, poll 50), the baseline of bench:contention. */
  llamaDefaults?: boolean;
}

export interface RemoteModelConfig {
  /** The server's address (`URL`; a `,slots` suffix is not taken here: see openRemotePool). */
  endpoint: string;
  apiKey?: string;
  model: string;
  /** The remote model accepts `input_audio`. */
  audio?: boolean;
  /** How answers are constrained (default json_schema; a remote llama-server also takes grammar). */
  constraint?: ConstraintMode;
}

export type ModelInfoCore = Omit<ModelInfo, 'audioModel'>;

export interface ModelBackend extends AsyncDisposable {
  readonly info: ModelInfoCore;
  readonly constraint: ConstraintMode;
  /** The client, starting the sidecar if needed. */
  client(signal?: AbortSignal): Promise<ChatCompleter>;
  /** Requests it takes at once (a pool: the sum of its servers'); the pipeline's parallel slots when given. */
  readonly slots?: number;
  /** Times the local model server was restarted after dying. */
  readonly restarts: number;
  dispose(): Promise<void>;
}

export interface BackendDeps {
  /** Remembers file hashes (the answer cache does). */
  fileSha256: (p: string, hash: (p: string) => Promise<string>) => Promise<string>;
}

const DEMO_NAME = /tiny-random/i;

/** Every layer: more than any model has (llama-server caps it). */
const ALL_LAYERS = 999;

/** -ngl for a choice: on the CPU none; on a GPU the number asked, or all of them for 'auto'. */
export function gpuLayersFor(choice: BackendChoice, setting: number | 'auto'): number {
  if (choice.backend === 'cpu') return 0;
  return setting === 'auto' ? ALL_LAYERS : setting;
}

const cpuLabel = () => `CPU${cpus()[0]?.model ? `: ${cpus()[0]!.model.trim()}` : ''}`;
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n').slice(0, 3).join(' ').slice(0, 300);

export async function openLocalBackend(config: LocalModelConfig, need: 'vision' | 'audio', deps: BackendDeps): Promise<ModelBackend> {
  const pair = await validateModelPair(config.model, config.mmproj, { need });
  const [modelSha, projSha] = await Promise.all([
    deps.fileSha256(config.model, hashFile),
    config.mmproj ? deps.fileSha256(config.mmproj, hashFile) : Promise.resolve(''),
  ]);
  const info: ModelInfoCore = {
    backend: 'local',
    name: pair.model.name,
    identity: `gguf:${modelSha.slice(0, 32)}+${projSha.slice(0, 32)}`,
    demo: DEMO_NAME.test(pair.model.name),
    files: { model: pair.model.fileName, mmproj: pair.mmproj.fileName },
    architecture: pair.model.architecture,
    projectorType: pair.mmproj.projectorType,
    hasVision: pair.hasVision,
    hasAudio: pair.hasAudio,
  };
  let supervisor: LlamaServerSupervisor | null = null;
  let client: ChatClient | null = null;
  let starting: Promise<ChatClient> | null = null;
  return {
    info,
    constraint: 'grammar',
    get restarts() { return (supervisor as LlamaServerSupervisor | null)?.restarts ?? 0; },
    async client(signal?: AbortSignal) {
      if (client) return client;
      starting ??= (async () => {
        const binary = resolveLlamaServerBinary(config.serverBinary);
        if (!binary) {
          throw new BackendError('llama-server is not built yet.', { setting: 'serverBinary', hint: 'Run "npm run build:llama" once (about 10 minutes, offline), or choose a llama-server binary.' });
        }
        const threads = config.llamaDefaults ? { threads: undefined, reason: "llama-server's default" } : serverThreads(config.threads ?? DEFAULT_SETTINGS.threads, config.besideServer);
        debugLog(`llama-server threads: ${threads.reason}`);
        const notice = config.onNotice ?? ((m: string) => process.stderr.write(`semioscope: ${m}\n`));
        const requested = config.backend ?? DEFAULT_SETTINGS.backend;
        let choice: BackendChoice = { backend: 'cpu' };
        if (requested !== 'cpu') {
          const listed = await listServerDevices(binary);
          if (listed.error) debugLog(`device list: ${listed.error}`);
          choice = chooseComputeBackend(requested, listed.devices, listed.available);
          debugLog(`devices: ${listed.devices.map(deviceLabel).join('; ') || 'none'}; backends beside llama-server: ${listed.available.join(', ') || 'none'}; chosen: ${choice.device ? deviceLabel(choice.device) : 'CPU'}`);
        }
        if (choice.message) notice(choice.message);
        const start = (c: BackendChoice) => LlamaServerSupervisor.start({
          binary, model: config.model, mmproj: config.mmproj, contextSize: config.contextSize,
          threads: threads.threads, gpuLayers: gpuLayersFor(c, config.gpuLayers ?? DEFAULT_SETTINGS.gpuLayers), device: c.device?.name ?? 'none',
          parallel: config.parallel, signal, ...(config.llamaDefaults ? { poll: 50 } : {}),
        });
        try {
          supervisor = await start(choice);
        } catch (e) {
          if (choice.backend === 'cpu' || !(e instanceof BackendError) || signal?.aborted) throw e;
          notice(`The ${choice.backend === 'cuda' ? 'CUDA' : 'Vulkan'} GPU (${deviceLabel(choice.device!)}) could not be used: ${firstLine(e)} Running on the CPU instead.`);
          choice = { backend: 'cpu' };
          supervisor = await start(choice);
        }
        debugLog(`llama-server: ${supervisor.placement.join('; ') || 'no placement reported'}`);
        info.gpuBackend = choice.backend;
        info.device = choice.device ? deviceLabel(choice.device) : cpuLabel();
        const sup = supervisor;
        client = new ChatClient({ baseUrl: () => sup.baseUrl, apiKey: sup.apiKey, beforeRetry: () => sup.ensureRunning() });
        return client;
      })();
      return starting;
    },
    async dispose() { await supervisor?.dispose(); },
    async [Symbol.asyncDispose]() { await supervisor?.dispose(); },
  };
}

/** The server's address must be one the user typed; nothing else is ever contacted. */
export function openRemoteBackend(config: RemoteModelConfig): ModelBackend {
  const client = new ChatClient({ baseUrl: config.endpoint, apiKey: config.apiKey, model: config.model });
  const url = new URL(config.endpoint);
  return {
    info: {
      backend: 'remote', name: config.model, identity: `remote:${url.host}${url.pathname.replace(/\/$/, '')}#${config.model}`,
      demo: false, endpoint: `${url.protocol}//${url.host}${url.pathname}`, hasVision: true, hasAudio: Boolean(config.audio),
    },
    constraint: config.constraint ?? 'json_schema',
    restarts: 0,
    async client() { return client; },
    async dispose() {},
    async [Symbol.asyncDispose]() {},
  };
}

/** What a server says it serves (GET /v1/models): enough to tell two servers' models apart. */
async function servedModel(url: string, model: string, apiKey: string | undefined, signal?: AbortSignal): Promise<string> {
  let body: { data?: Array<{ id?: string; root?: string; meta?: Record<string, unknown>; max_model_len?: number }> };
  try {
    const res = await fetch(new URL('/v1/models', url), { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(15_000)]) : AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json() as typeof body;
  } catch (e) {
    throw new BackendError(`The model server ${new URL(url).host} could not be asked which model it serves (${(e as Error).message}).`,
      { setting: 'endpoint', hint: 'Start it, or leave it out of the pool: answers are cached under one model only when every server is checked to serve it.' });
  }
  const list = body.data ?? [];
  // vLLM lists the served name; llama-server serves one model whatever the name asked.
  const entry = list.find((m) => m.id === model) ?? (list.length === 1 ? list[0] : undefined);
  if (!entry) throw new BackendError(`The model server ${new URL(url).host} does not serve "${model}" (it lists ${list.map((m) => m.id).join(', ') || 'nothing'}).`, { setting: 'remoteModel' });
  const meta = entry.meta ?? {};
  return JSON.stringify({ id: entry.id, root: entry.root ?? null, size: meta.size ?? null, params: meta.n_params ?? null, embd: meta.n_embd ?? null, vocab: meta.n_vocab ?? null });
}

/**
 * Several servers serving one model (vlm/endpointPool.ts). Each is asked which model it serves before any
 * work: answers are cached under one identity only when they all serve the same one (a fingerprint of what
 * they report, not their addresses, so adding a server keeps the cache).
 */
export async function openRemotePool(config: Omit<RemoteModelConfig, 'endpoint'> & { endpoints: ReadonlyArray<{ url: string; slots: number }>; signal?: AbortSignal; onNotice?: (m: string) => void }): Promise<ModelBackend> {
  const labels = config.endpoints.map((e) => { const u = new URL(e.url); return `${u.protocol}//${u.host}`; });
  const served = await Promise.all(config.endpoints.map((e) => servedModel(e.url, config.model, config.apiKey, config.signal)));
  const distinct = [...new Set(served)];
  if (distinct.length > 1) {
    const lines = config.endpoints.map((_, i) => `${labels[i]}: ${served[i]}`).join('; ');
    throw new BackendError(`The servers of the pool do not serve the same model (${lines}).`,
      { setting: 'endpoint', hint: 'Give only servers that run the same model file: their answers are cached and compared as one model\'s.' });
  }
  const pool = new EndpointPool(config.endpoints.map((e, i) => ({ label: labels[i]!, slots: e.slots,
    client: new ChatClient({ baseUrl: e.url, apiKey: config.apiKey, model: config.model, attempts: 1 }) })),
  { onNotice: config.onNotice ?? ((m) => process.stderr.write(`semioscope: ${m}\n`)) });
  const first = new URL(config.endpoints[0]!.url);
  return {
    info: {
      backend: 'remote', name: config.model, identity: `remote-pool:${config.model}#${createHash('sha256').update(distinct[0]!).digest('hex').slice(0, 16)}`,
      demo: false, endpoint: `${first.protocol}//${first.host}${first.pathname}`, hasVision: true, hasAudio: Boolean(config.audio),
    },
    constraint: config.constraint ?? 'json_schema',
    restarts: 0,
    slots: pool.totalSlots,
    async client() { return pool; },
    async dispose() {},
    async [Symbol.asyncDispose]() {},
  };
}
