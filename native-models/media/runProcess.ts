/**
 * The one place that spawns external tools (ffmpeg, ffprobe). Every process is abortable, time-limited and
 * leaves nothing behind; command lines are logged at debug level with file paths reduced to their base name
 * (paths can carry patient names).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
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

export function redactArgs(args: readonly string[]): string {
  return args.map((a) => (a.includes(path.sep) ? `<${path.basename(a)}>` : a)).join(' ');
}

/** Kills the child when the signal aborts; returns a function that detaches the listener. */
export function killOnAbort(child: ChildProcess, signal?: AbortSignal): () => void {
  if (!signal) return () => {};
  const onAbort = () => child.kill('SIGKILL');
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/** Runs a tool to completion, buffering stdout. Rejects with CancelledError when aborted. */
export function runProcess(cmd: string, args: readonly string[], options: RunProcessOptions = {}): Promise<RunResult> {
  const { signal, timeoutMs, maxStderr = 64 * 1024 } = options;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  debugLog(`spawn ${path.basename(cmd)} ${redactArgs(args)}`);
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
