/**
 * The llama-server supervisor on the real server and the tiny Omni pair (one thread): the API key is not on
 * the command line and its file is gone once the server is up, requests need the key; the server dies with
 * a SIGKILLed parent; a failed start (bad binary, a model that does not load) leaves no process and no file
 * and says why in a BackendError with base names only; the flags this llama.cpp build has are the ones used.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { BackendError } from '../../../native-models/errors.ts';
import { resolveLlamaServerBinary } from '../../../native-models/vlm/llamaServerBinary.ts';
import { serverFlags } from '../../../native-models/vlm/llamaServerFlags.ts';
import { LlamaServerSupervisor } from '../../../native-models/vlm/llamaServerSupervisor.ts';

const binary = resolveLlamaServerBinary();
const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-supervisor-'));
// Key folders go to a temp folder of this test (so "nothing left" can be checked), the registry too.
const scratch = path.join(dir, 'tmp');
const saved = { TMPDIR: process.env.TMPDIR, SEMIOSCOPE_CACHE_DIR: process.env.SEMIOSCOPE_CACHE_DIR };
let omni: { model: string; mmproj: string };

before(async () => {
  assert.ok(binary, 'llama-server is built (npm run build:llama)');
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
  mkdirSync(scratch);
  process.env.TMPDIR = scratch;
  process.env.SEMIOSCOPE_CACHE_DIR = path.join(dir, 'cache');
});
after(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}
async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (check()) return true;
  return check();
}
/** Key folders the supervisor made (tsx keeps its own cache in the same temp folder). */
const keyFolders = () => readdirSync(scratch).filter((n) => n.startsWith('semioscope-'));
/** llama-server processes whose parent is this test process. */
function ourServers(): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && alive(pid)
        && /llama-server|setpriv/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch { return false; }
  });
}

const start = (extra: Partial<Parameters<typeof LlamaServerSupervisor.start>[0]> = {}) =>
  LlamaServerSupervisor.start({ binary: binary!, ...omni, contextSize: 2048, threads: 1, startTimeoutMs: 60_000, ...extra });

describe('llama-server supervisor', () => {
  test('this llama.cpp build has --api-key-file and --poll, which the supervisor then uses', async () => {
    const flags = await serverFlags(binary!);
    assert.deepEqual(flags, { apiKeyFile: true, poll: true, threadsBatch: true, device: true });
  });

  test('the key is not on the command line, its file is gone once the server is up, and requests need it', async () => {
    const server = await start({ gpuLayers: 0 });
    try {
      const argv = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
      assert.ok(!argv.some((a) => a.includes(server.apiKey)), 'no key in /proc/<pid>/cmdline');
      assert.ok(argv.includes('--api-key-file'));
      assert.deepEqual(argv.slice(argv.indexOf('-ngl'), argv.indexOf('-ngl') + 2), ['-ngl', '0'], 'gpuLayers 0 reaches the server');
      assert.deepEqual(argv.slice(argv.indexOf('--poll'), argv.indexOf('--poll') + 2), ['--poll', '0']);
      assert.deepEqual(argv.slice(argv.indexOf('-c'), argv.indexOf('-c') + 2), ['-c', '2048']);
      const keyFile = argv[argv.indexOf('--api-key-file') + 1]!;
      assert.equal(existsSync(keyFile), false, 'the key file is removed once the server has read it');
      assert.deepEqual(keyFolders(), [], 'and its folder');
      const withKey = await fetch(`${server.baseUrl}/v1/models`, { headers: { Authorization: `Bearer ${server.apiKey}` } });
      assert.equal(withKey.status, 200);
      const withoutKey = await fetch(`${server.baseUrl}/v1/models`);
      assert.equal(withoutKey.status, 401);
      const wrongKey = await fetch(`${server.baseUrl}/v1/models`, { headers: { Authorization: 'Bearer nope' } });
      assert.equal(wrongKey.status, 401);
    } finally {
      await server.dispose();
    }
    await server.dispose(); // twice is fine
    assert.deepEqual(ourServers(), []);
  });

  test("gpuLayers 'auto' leaves -ngl to llama-server", async () => {
    const server = await start({ gpuLayers: 'auto' });
    try {
      assert.ok(!readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0').includes('-ngl'));
    } finally {
      await server.dispose();
    }
  });

  test('the server dies with its parent when the parent is SIGKILLed', async () => {
    const pidFile = path.join(dir, 'server.pid');
    const script = path.join(dir, 'parent.mts');
    const sup = new URL('../../../native-models/vlm/llamaServerSupervisor.ts', import.meta.url).href;
    writeFileSync(script, `import { writeFileSync } from 'node:fs';
import { LlamaServerSupervisor } from ${JSON.stringify(sup)};
const s = await LlamaServerSupervisor.start({ binary: ${JSON.stringify(binary)}, model: ${JSON.stringify(omni.model)}, mmproj: ${JSON.stringify(omni.mmproj)}, contextSize: 2048, threads: 1 });
writeFileSync(${JSON.stringify(pidFile)}, String(s.pid));
setInterval(() => {}, 1000);
`);
    const parent = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'ignore', 'pipe'], cwd: process.cwd(), env: process.env });
    let err = '';
    parent.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    assert.ok(await waitFor(() => existsSync(pidFile) || parent.exitCode !== null, 60_000), 'the parent started a server');
    assert.ok(existsSync(pidFile), `parent failed: ${err}`);
    const serverPid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(serverPid));
    parent.kill('SIGKILL');
    const gone = await waitFor(() => !alive(serverPid), 10_000);
    if (!gone) process.kill(serverPid, 'SIGKILL');
    assert.ok(gone, 'llama-server stopped within 10 s of its parent');
  });

  test('a binary that does not exist: BackendError, nothing left', async () => {
    const bad = path.join(dir, 'secret-folder', 'llama-server');
    await assert.rejects(start({ binary: bad, maxRestarts: 0 }), (e: unknown) => {
      assert.ok(e instanceof BackendError, String(e));
      assert.match(e.message, /did not start/);
      assert.doesNotMatch(e.message, /secret-folder/);
      assert.match(e.hint ?? '', /build:llama/);
      return true;
    });
    assert.deepEqual(ourServers(), []);
    assert.deepEqual(keyFolders(), [], 'no key folder left');
  });

  test('a model that does not load: BackendError with the server\'s last output, base names only, nothing left', async () => {
    // The projector passed as the language model: llama-server refuses to load it.
    await assert.rejects(start({ model: omni.mmproj, mmproj: undefined, maxRestarts: 0 }), (e: unknown) => {
      assert.ok(e instanceof BackendError, String(e));
      assert.match(e.message, /CLIP cannot be used as main model/);
      assert.match(e.message, /'tiny-omni-mmproj\.gguf'/);
      assert.ok(!e.message.includes(dir), 'no folder in the message');
      return true;
    });
    assert.deepEqual(ourServers(), []);
    assert.deepEqual(keyFolders(), [], 'no key folder left');
  });

  test('an aborted start stops the server and removes the key', async () => {
    const ac = new AbortController();
    const p = start({ signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    await assert.rejects(p, (e: unknown) => (e as Error).name === 'CancelledError');
    assert.ok(await waitFor(() => ourServers().length === 0, 5000));
    assert.deepEqual(keyFolders(), []);
  });
});
