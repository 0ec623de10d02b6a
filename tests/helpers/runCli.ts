/** Test helper: runs the real `semioscope` command (bin launcher, real processes) and captures its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO, 'bin', 'semioscope.mjs');

export interface CliResult {
  code: number | null;
  /** The signal that ended the process (e.g. 'SIGKILL'), or null when it exited. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface StartCliOptions {
  /** A command the CLI runs under, e.g. ['strace', '-f', '-o', file] or ['unshare', '-n', ...]: spawned as wrap + [node, bin, ...args]. */
  wrap?: string[];
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, options: StartCliOptions = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const argv = [...(options.wrap ?? []), process.execPath, BIN, ...args];
  const child = spawn(argv[0]!, argv.slice(1), { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Calls `listener` with every JSON object line the command writes to stderr (`--json-progress`). */
export function onJsonLines(child: ChildProcess, listener: (line: Record<string, unknown>) => void): void {
  let buf = '';
  child.stderr!.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      let parsed: unknown;
      try { parsed = JSON.parse(line); } catch { continue; }
      listener(parsed as Record<string, unknown>);
    }
  });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return startCli(args, env).done;
}

/** No stack trace reached the user. */
export function hasStackTrace(s: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(s) || /\n\s+at [\w.<>]+ \(/.test(s);
}
