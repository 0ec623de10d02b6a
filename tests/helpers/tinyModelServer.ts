/**
 * Test helper: runs the real llama-server on a model pair and talks to its OpenAI-style API, plus the
 * small media (PNG, WAV) the requests carry, generated in JS so the tests need no external files. One thread,
 * no spin-waiting (the machines running the tests have 2 shared cores). The key is on the command line here:
 * a test server holds no patient data (the product's supervisor passes it in a 0600 file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { PNG } from 'pngjs';

export interface RunningLlamaServer {
  baseUrl: string;
  apiKey: string;
  /** from spawn to the first 200 on /health */
  loadMs: number;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startLlamaServer(
  binary: string,
  files: { model: string; mmproj: string },
  { ctx = 4096, timeoutMs = 60_000, apiKey = randomBytes(16).toString('hex') } = {},
): Promise<RunningLlamaServer> {
  const port = await freePort();
  const args = ['-m', files.model, '--mmproj', files.mmproj, '--host', '127.0.0.1', '--port', String(port),
    '--api-key', apiKey, '-c', String(ctx), '--no-webui', '-np', '1', '-t', '1', '--poll', '0'];
  const t0 = performance.now();
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (b: Buffer): void => { log = (log + b.toString()).slice(-20_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | null = null;
  child.on('error', (e) => { spawnError = e; });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const hardKill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited(child);
    clearTimeout(hardKill);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  while (performance.now() - t0 < timeoutMs) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`llama-server exited before it was ready (${spawnError ?? `code ${child.exitCode}`}):\n${log.slice(-3000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200) return { baseUrl, apiKey, loadMs: performance.now() - t0, output: () => log, stop };
    } catch { /* not listening yet */ }
    await sleep(50);
  }
  await stop();
  throw new Error(`llama-server not healthy after ${timeoutMs} ms:\n${log.slice(-3000)}`);
}

export interface ChatResult {
  status: number;
  ms: number;
  body: {
    choices?: { message: { content: string }; finish_reason: string }[];
    usage?: { prompt_tokens: number; completion_tokens: number };
    error?: unknown;
  };
}

export async function chat(server: RunningLlamaServer, request: Record<string, unknown>): Promise<ChatResult> {
  const t0 = performance.now();
  const res = await fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.apiKey}` },
    body: JSON.stringify(request),
  });
  const body = (await res.json()) as ChatResult['body'];
  return { status: res.status, ms: performance.now() - t0, body };
}

/** A 256x256 RGB test card: colour gradients and a checkerboard. */
export function testImagePng(size = 256): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const check = ((x >> 5) + (y >> 5)) % 2 === 0;
      png.data[i] = Math.round((255 * x) / size);
      png.data[i + 1] = Math.round((255 * y) / size);
      png.data[i + 2] = check ? 220 : 40;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A mono 16-bit PCM WAV of a sine tone. */
export function sineWav({ seconds = 1, hz = 440, sampleRate = 16000 } = {}): Buffer {
  const n = Math.round(seconds * sampleRate);
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * hz * i) / sampleRate)), 44 + 2 * i);
  return buf;
}
