/**
 * Owns one llama-server sidecar: starts it on 127.0.0.1 with a random port and API key, waits until /health
 * says the model is loaded, restarts it when it dies (up to `maxRestarts`), and stops it on dispose or abort.
 *
 * - The key never appears on a command line (`ps` shows those to every local user): it is written to a 0600
 *   file in a 0700 folder that llama-server reads at start (`--api-key-file`), and the folder is removed as
 *   soon as the server is up, when a start fails, and on dispose. A binary without that flag gets the key in
 *   its environment (LLAMA_API_KEY), which /proc shows only to the same user.
 * - The server dies with this process (platform/runProcess.ts `spawnService`); the registry's orphan reaper
 *   stops what survives elsewhere.
 * - Idle worker threads sleep (`--poll 0`) instead of spinning, so a busy core slows the model, not stalls it.
 * - A failed start leaves no process and no file behind, and says why in a BackendError with the server's
 *   last output, file paths reduced to base names.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../contract/analysisSettings.ts';
import { BackendError, CancelledError } from '../errors.ts';
import { makePrivateFolder, type PrivateFolder } from '../platform/paths.ts';
import { redactPaths, spawnService, type ServiceProcess } from '../platform/runProcess.ts';
import { serverFlags } from './llamaServerFlags.ts';
import { reapOrphanedServers, registerServer, unregisterServer } from './serverRegistry.ts';

export interface LlamaServerOptions {
  binary: string;
  model: string;
  mmproj?: string;
  /** Context tokens per slot (default: the settings' contextSize); the server gets this times `parallel`. */
  contextSize?: number;
  /** Parallel slots (default 1). */
  parallel?: number;
  /** CPU threads (default: llama-server's own choice, every core). The model backend passes platform/cpuBudget's choice. */
  threads?: number;
  /** GPU layers: 'auto' leaves it to llama-server; a number is passed as -ngl (0: CPU only). The model backend resolves the setting first (vlm/modelBackend.ts). */
  gpuLayers?: number | 'auto';
  /** ggml device for the model and its projector (`--device`): "Vulkan0", "CUDA0", or "none" for the CPU. Default: llama-server's choice. */
  device?: string;
  /** How hard idle worker threads poll for work, 0-100 (default 0: they sleep; llama-server's own default is 50). */
  poll?: number;
  /** How long to wait for the model to load (default 10 minutes: large models on slow disks). */
  startTimeoutMs?: number;
  maxRestarts?: number;
  signal?: AbortSignal;
  extraArgs?: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Server arguments for one launch (no key: that goes through a file or the environment). */
export function llamaServerArgs(o: LlamaServerOptions, port: number, flags: { poll: boolean; device?: boolean }): string[] {
  const parallel = o.parallel ?? 1;
  const gpuLayers = o.gpuLayers ?? 'auto';
  // llama-server divides its context among the slots: each slot gets the context asked for.
  const context = (o.contextSize ?? DEFAULT_SETTINGS.contextSize) * parallel;
  return ['-m', o.model, ...(o.mmproj ? ['--mmproj', o.mmproj] : []),
    '--host', '127.0.0.1', '--port', String(port),
    '-c', String(context), '--parallel', String(parallel), '--no-webui', '--jinja',
    ...(gpuLayers === 'auto' ? [] : ['-ngl', String(gpuLayers)]),
    ...(o.device && flags.device ? ['--device', o.device] : []),
    ...(o.threads ? ['-t', String(o.threads)] : []),
    ...(flags.poll ? ['--poll', String(o.poll ?? 0)] : []),
    ...(o.extraArgs ?? [])];
}

export class LlamaServerSupervisor implements AsyncDisposable {
  readonly apiKey = randomBytes(24).toString('hex');
  private service: ServiceProcess | null = null;
  private keyFolder: PrivateFolder | null = null;
  private port = 0;
  private logTail: string[] = [];
  private disposed = false;
  private starting: Promise<void> | null = null;
  private detachSignal: () => void = () => {};
  restarts = 0;
  /** What the server said about where the model and projector went ("offloaded 25/25 layers to GPU", "CLIP using Vulkan0 backend"). */
  readonly placement: string[] = [];
  /** Number of times the server exited without being asked to. */
  crashes = 0;

  private constructor(private readonly options: LlamaServerOptions) {}

  static async start(options: LlamaServerOptions): Promise<LlamaServerSupervisor> {
    if (options.signal?.aborted) throw new CancelledError();
    const s = new LlamaServerSupervisor(options);
    const onAbort = () => { void s.dispose(); };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    s.detachSignal = () => options.signal?.removeEventListener('abort', onAbort);
    try {
      await s.ensureRunning();
    } catch (e) {
      await s.dispose();
      throw e;
    }
    return s;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.service?.pid;
  }

  get running(): boolean {
    return Boolean(this.service?.running);
  }

  /** True when the OS stops the server if this process dies (see platform/runProcess.ts). */
  get diesWithParent(): boolean {
    return Boolean(this.service?.diesWithParent);
  }

  /** Starts the server if it is not running (first start or after a crash). */
  async ensureRunning(): Promise<void> {
    if (this.disposed) throw new CancelledError('The model server was stopped.');
    if (this.running && !this.starting) return;
    if (this.starting) return this.starting;
    this.starting = this.launch().finally(() => { this.starting = null; });
    return this.starting;
  }

  private async launch(): Promise<void> {
    const o = this.options;
    if (this.service) {
      if (this.restarts >= (o.maxRestarts ?? 3)) {
        throw new BackendError(`The model server stopped unexpectedly ${this.crashes} times; giving up. Last output:\n${this.tail()}`,
          'Check that the computer has enough free memory for the model, or choose a smaller quantisation.');
      }
      this.restarts++;
    }
    const flags = await serverFlags(o.binary);
    let startError: Error | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      this.port = await freePort();
      if (this.disposed) throw new CancelledError();
      this.logTail = [];
      const args = llamaServerArgs(o, this.port, flags);
      const env: Record<string, string> = {};
      if (flags.apiKeyFile) args.push('--api-key-file', this.writeKeyFile());
      else env.LLAMA_API_KEY = this.apiKey;
      reapOrphanedServers();
      const service = spawnService(o.binary, args, { env, onOutput: (line) => this.keep(line) });
      this.service = service;
      if (service.pid) registerServer(service.pid);
      void service.exited.then((exit) => {
        if (!this.disposed && !exit.error) this.crashes++;
        if (exit.error) startError = exit.error;
        if (service.pid) unregisterServer(service.pid);
      });
      try {
        if (await this.waitHealthy(service)) return;
      } finally {
        // llama-server has read the key by now (or never will): the key then lives in memory only.
        this.removeKeyFile();
      }
      if (startError || !/bind|address already in use/i.test(this.logTail.join('\n'))) break;
    }
    const tail = this.tail() || (startError ? `${(startError as { code?: string }).code ?? ''} ${redactPaths(startError.message)}`.trim() : '(no output)');
    const hint = startError || /failed to execute/i.test(tail)
      ? 'The llama-server binary could not be run: run "npm run build:llama", or check the llama-server path.'
      : /out of memory|failed to allocate|cannot allocate/i.test(tail)
        ? 'The model does not fit in memory: choose a smaller quantisation (e.g. Q4_K_M) or a smaller model.'
        : /unknown model architecture|failed to load model|error loading model/i.test(tail)
          ? 'This llama.cpp build cannot load that model: check it is a supported multimodal GGUF (README "Using real models").'
          : undefined;
    throw new BackendError(`The model server did not start. Last output:\n${tail}`, hint);
  }

  private keep(line: string): void {
    const placed = /offloaded \d+\/\d+ layers to GPU|CLIP using \S+ backend/.exec(line);
    if (placed && this.placement.length < 8) this.placement.push(placed[0]);
    this.logTail.push(line);
    if (this.logTail.length > 60) this.logTail.splice(0, this.logTail.length - 60);
  }

  private writeKeyFile(): string {
    this.removeKeyFile();
    this.keyFolder = makePrivateFolder('semioscope-server');
    const file = path.join(this.keyFolder.path, 'api-key');
    writeFileSync(file, `${this.apiKey}\n`, { mode: 0o600, flag: 'wx' });
    return file;
  }

  private removeKeyFile(): void {
    this.keyFolder?.remove();
    this.keyFolder = null;
  }

  /** True once /health answers; false when the server exited or did not load in time (then it is stopped). */
  private async waitHealthy(service: ServiceProcess): Promise<boolean> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 10 * 60_000);
    let exited = false;
    void service.exited.then(() => { exited = true; });
    while (Date.now() < deadline) {
      if (this.disposed) throw new CancelledError();
      if (exited) return false;
      try {
        const res = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return true;
      } catch { /* not listening yet */ }
      await sleep(150);
    }
    service.kill('SIGKILL');
    await service.exited;
    return false;
  }

  /** The server's last lines, with the model's, projector's and binary's folders and every other path cut to base names. */
  private tail(): string {
    const o = this.options;
    const dirs = [...new Set([o.model, o.mmproj, o.binary].filter((p): p is string => Boolean(p)).map((p) => path.dirname(p)))]
      .sort((a, b) => b.length - a.length);
    return this.logTail.slice(-12).map((line) => {
      let l = line;
      for (const d of dirs) l = l.replaceAll(`${d}${path.sep}`, '');
      return redactPaths(l.replaceAll(this.apiKey, '<key>'));
    }).join('\n');
  }

  /** Stops the server (SIGTERM, then SIGKILL after 3 s) and removes its key file. Safe to call twice. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.detachSignal();
    const service = this.service;
    if (service?.running) {
      service.kill('SIGTERM');
      const timer = setTimeout(() => service.kill('SIGKILL'), 3000);
      await service.exited;
      clearTimeout(timer);
    }
    this.removeKeyFile();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
