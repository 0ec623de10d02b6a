/**
 * Owns one llama-server sidecar: starts it on 127.0.0.1 with a random port and API key, waits until /health
 * says the model is loaded, restarts it when it dies (up to `maxRestarts`), and stops it on dispose or abort.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { BackendError, CancelledError } from '../errors.ts';
import { debugLog } from '../log.ts';
import { redactArgs } from '../media/runProcess.ts';
import { reapOrphanedServers, registerServer, unregisterServer } from './serverRegistry.ts';

export interface LlamaServerOptions {
  binary: string;
  model: string;
  mmproj?: string;
  /** Context size in tokens (default 8192). */
  contextSize?: number;
  /** Parallel slots (default 1). */
  parallel?: number;
  /** CPU threads (default: llama-server's choice). */
  threads?: number;
  /** GPU layers to offload ('auto' lets llama-server decide; 0 forces CPU). Default 0 for CPU-only builds. */
  gpuLayers?: number | 'auto';
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

/** Servers of this process: killed if the process exits without disposing them. */
const live = new Set<ChildProcess>();
process.on('exit', () => { for (const c of live) c.kill('SIGKILL'); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LlamaServerSupervisor implements AsyncDisposable {
  readonly apiKey = randomBytes(24).toString('hex');
  private child: ChildProcess | null = null;
  private port = 0;
  private logTail: string[] = [];
  private disposed = false;
  private starting: Promise<void> | null = null;
  restarts = 0;
  /** Number of times the server exited without being asked to. */
  crashes = 0;

  private constructor(private readonly options: LlamaServerOptions) {}

  static async start(options: LlamaServerOptions): Promise<LlamaServerSupervisor> {
    const s = new LlamaServerSupervisor(options);
    options.signal?.addEventListener('abort', () => { void s.dispose(); }, { once: true });
    await s.ensureRunning();
    return s;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
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
    if (this.child) {
      if (this.restarts >= (o.maxRestarts ?? 3)) {
        throw new BackendError(`The model server stopped unexpectedly ${this.crashes} times; giving up. Last output:\n${this.tail()}`,
          'Check that the computer has enough free memory for the model, or choose a smaller quantisation.');
      }
      this.restarts++;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      this.port = await freePort();
      const args = ['-m', o.model, ...(o.mmproj ? ['--mmproj', o.mmproj] : []),
        '--host', '127.0.0.1', '--port', String(this.port), '--api-key', this.apiKey,
        '-c', String(o.contextSize ?? 8192), '--parallel', String(o.parallel ?? 1),
        '--no-webui', '--jinja', '-ngl', String(o.gpuLayers ?? 0),
        ...(o.threads ? ['-t', String(o.threads)] : []), ...(o.extraArgs ?? [])];
      debugLog(`spawn llama-server ${redactArgs(args).replace(this.apiKey, '<key>')}`);
      reapOrphanedServers();
      const child = spawn(o.binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      this.child = child;
      if (child.pid) registerServer(child.pid);
      live.add(child);
      const onData = (d: Buffer) => {
        for (const line of d.toString('utf8').split('\n')) if (line.trim()) this.logTail.push(line);
        if (this.logTail.length > 60) this.logTail.splice(0, this.logTail.length - 60);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', () => {
        if (!this.disposed) this.crashes++;
        if (child.pid) unregisterServer(child.pid);
        live.delete(child);
      });
      const ok = await this.waitHealthy(child);
      if (ok) return;
      if (!/bind|address already in use/i.test(this.tail())) break;
    }
    const tail = this.tail();
    const hint = /out of memory|failed to allocate|cannot allocate/i.test(tail)
      ? 'The model does not fit in memory: choose a smaller quantisation (e.g. Q4_K_M) or a smaller model.'
      : /unknown model architecture|failed to load model|error loading model/i.test(tail)
        ? 'This llama.cpp build cannot load that model: check it is a supported multimodal GGUF (README "Using real models").'
        : undefined;
    throw new BackendError(`The model server did not start. Last output:\n${tail}`, hint);
  }

  private async waitHealthy(child: ChildProcess): Promise<boolean> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 10 * 60_000);
    while (Date.now() < deadline) {
      if (this.disposed) throw new CancelledError();
      if (child.exitCode !== null || child.signalCode !== null) return false;
      try {
        const res = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return true;
      } catch { /* not listening yet */ }
      await sleep(150);
    }
    child.kill('SIGKILL');
    return false;
  }

  private tail(): string {
    return this.logTail.slice(-12).map((l) => l.replaceAll(path.dirname(this.options.model), '<models>')).join('\n');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
