/**
 * The one module of the engine that starts processes (ffmpeg, ffprobe, llama-server, git): nothing else in
 * layers 0-6 imports `node:child_process`. Three shapes:
 *   - `runProcess` / `runProcessSync`: run a tool to completion, output buffered;
 *   - `spawnStreaming`: a tool whose stdout is read as a stream (ffmpeg's raw frames), abortable;
 *   - `spawnService`: a long-lived server (llama-server) that dies with this process: on Linux through
 *     `setpriv --pdeathsig KILL` (util-linux) when present, everywhere through an exit hook; the caller's
 *     orphan reaper covers what both miss (a SIGKILLed parent on a system without setpriv;
 *     SEMIOSCOPE_NO_PDEATHSIG=1 turns the wrapper off, e.g. to try that path).
 * Every spawn is logged at debug level with file paths reduced to base names (paths can carry patient
 * names), and `redactPaths` does the same for a tool's output before it reaches a message.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { CancelledError } from '../errors.ts';
import { debugLog } from '../log.ts';

export interface RunProcessOptions {
  signal?: AbortSignal;
  /** Kill the process after this many milliseconds (default: no limit). */
  timeoutMs?: number;
  /** Max bytes of stderr kept for error messages (default 64 KiB). */
  maxStderr?: number;
}

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Arguments as one log line, each argument that looks like a path shown as `<base name>`. */
export function redactArgs(args: readonly string[]): string {
  return args.map((a) => (a.includes('/') || a.includes(path.sep) ? `<${path.basename(a)}>` : a)).join(' ');
}

/** A path token: starts a word, begins with /, ~/, ./, ../ or a drive letter; group 1 is its base name. */
const PATH_IN_TEXT = /(?<=^|[\s'"`=(\[<,])(?:[A-Za-z]:[\\/]|~[\\/]|\.{1,2}[\\/]|[\\/])(?:[^\s'"`\\/]+[\\/])*([^\s'"`\\/)\]>,]*)/g;

/** A tool's output with every file path reduced to its base name (URLs are left as they are). */
export function redactPaths(text: string): string {
  return text.replace(PATH_IN_TEXT, (_whole: string, base: string) => base || '<folder>');
}

/** Kills the child when the signal aborts; returns a function that detaches the listener. */
function killOnAbort(child: ChildProcess, signal?: AbortSignal): () => void {
  if (!signal) return () => {};
  const onAbort = () => child.kill('SIGKILL');
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

function logSpawn(cmd: string, args: readonly string[]): void {
  debugLog(`spawn ${path.basename(cmd)} ${redactArgs(args)}`);
}

/** Runs a tool to completion, buffering stdout. Rejects with CancelledError when aborted. */
export function runProcess(cmd: string, args: readonly string[], options: RunProcessOptions = {}): Promise<RunResult> {
  const { signal, timeoutMs, maxStderr = 64 * 1024 } = options;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  logSpawn(cmd, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    const detach = killOnAbort(child, signal);
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs) : null;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { if (err.length < maxStderr) err += d.toString('utf8'); });
    child.on('error', (e) => { detach(); if (timer) clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      detach();
      if (timer) clearTimeout(timer);
      if (signal?.aborted) return reject(new CancelledError());
      if (timedOut) return reject(new Error(`${path.basename(cmd)} did not finish within ${timeoutMs} ms`));
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
  });
}

/** Runs a short tool synchronously (a version query); its stdout. Throws when it fails or exits non-zero. */
export function runProcessSync(cmd: string, args: readonly string[], options: { timeoutMs?: number } = {}): string {
  logSpawn(cmd, args);
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 30_000, windowsHide: true });
}

export interface StreamingProcess {
  /** The tool's stdout: read it with `for await`; back-pressure pauses the tool. */
  readonly stdout: Readable;
  /** The first `maxStderr` characters the tool wrote to stderr. */
  stderr(): string;
  /** The exit code once stdout has closed; rejects when the tool could not be started. */
  readonly exited: Promise<number | null>;
  /** Kills the tool if it still runs (always call it, e.g. in `finally`). */
  stop(): void;
}

/** Starts a tool whose stdout is consumed as a stream. The signal kills it. */
export function spawnStreaming(cmd: string, args: readonly string[], options: { signal?: AbortSignal; maxStderr?: number } = {}): StreamingProcess {
  const { signal, maxStderr = 16 * 1024 } = options;
  logSpawn(cmd, args);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const detach = killOnAbort(child, signal);
  let err = '';
  child.stderr.on('data', (d: Buffer) => { if (err.length < maxStderr) err += d.toString('utf8'); });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  exited.catch(() => {});
  return {
    stdout: child.stdout,
    stderr: () => err,
    exited,
    stop: () => {
      detach();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (missing or non-executable binary). */
  error?: Error;
}

export interface ServiceProcess {
  readonly pid: number | undefined;
  readonly running: boolean;
  /** True when the OS kills the service if this process dies, however it dies (Linux, setpriv). */
  readonly diesWithParent: boolean;
  /** Resolves once, when the service has exited (or failed to start). */
  readonly exited: Promise<ServiceExit>;
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnServiceOptions {
  /** Each non-empty line the service writes to stdout or stderr. */
  onOutput?: (line: string) => void;
  /** Redactions applied to the logged command line (e.g. a secret). */
  logReplace?: ReadonlyArray<[string, string]>;
  /** Extra environment variables (the rest is inherited). */
  env?: Record<string, string>;
}

let setprivPath: string | null | undefined;

/** util-linux `setpriv` with `--pdeathsig` (2.33+), or null (not Linux, not installed, too old). */
export function pdeathsigWrapper(): string | null {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  if (process.platform !== 'linux' || process.env.SEMIOSCOPE_NO_PDEATHSIG) return null;
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
    if (!existsSync(candidate)) continue;
    try {
      if (runProcessSync(candidate, ['--help'], { timeoutMs: 5000 }).includes('--pdeathsig')) setprivPath = candidate;
    } catch { /* unusable: fall back to the exit hook and the reaper */ }
    break;
  }
  return setprivPath;
}

/** Services of this process: killed when it exits without stopping them (the hook covers normal exits only). */
const services = new Set<ChildProcess>();
process.on('exit', () => { for (const c of services) c.kill('SIGKILL'); });

/**
 * Starts a long-lived service. The pid is the service's own (setpriv execs it). PR_SET_PDEATHSIG fires when
 * the thread that forked the child ends: Node forks on its main thread, so that is when this process ends.
 */
export function spawnService(cmd: string, args: readonly string[], options: SpawnServiceOptions = {}): ServiceProcess {
  const wrapper = pdeathsigWrapper();
  let logged = `spawn ${path.basename(cmd)} ${redactArgs(args)}${wrapper ? ' (dies with its parent)' : ''}`;
  for (const [from, to] of options.logReplace ?? []) logged = logged.replaceAll(from, to);
  debugLog(logged);
  const [file, argv] = wrapper ? [wrapper, ['--pdeathsig', 'KILL', '--', cmd, ...args]] : [cmd, [...args]];
  const env = options.env ? { ...process.env, ...options.env } : process.env;
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });
  services.add(child);
  // Chunks end anywhere: whole lines are passed on, the rest waits for the next chunk or the end.
  const lines = (stream: Readable) => {
    let rest = '';
    const emit = (line: string) => { if (line.trim()) options.onOutput?.(line); };
    stream.on('data', (d: Buffer) => {
      const parts = (rest + d.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      parts.forEach(emit);
    });
    stream.on('end', () => emit(rest));
  };
  lines(child.stdout);
  lines(child.stderr);
  let startError: Error | undefined;
  const exited = new Promise<ServiceExit>((resolve) => {
    child.once('error', (e) => {
      startError = e;
      // A spawn failure emits no 'exit': resolve here.
      if (child.pid === undefined) { services.delete(child); resolve({ code: null, signal: null, error: e }); }
    });
    child.once('exit', (code, signal) => { services.delete(child); resolve({ code, signal, error: startError }); });
  });
  let done = false;
  void exited.then(() => { done = true; });
  return {
    pid: child.pid,
    get running() { return !done && child.pid !== undefined && child.exitCode === null && child.signalCode === null; },
    diesWithParent: Boolean(wrapper),
    exited,
    kill: (signal: NodeJS.Signals = 'SIGTERM') => { if (!done) child.kill(signal); },
  };
}
