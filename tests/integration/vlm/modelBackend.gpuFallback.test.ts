/**
 * A GPU that is listed but cannot hold the model: the local backend starts llama-server on the CPU instead,
 * says why, and the model info names the CPU. The failing GPU is a stand-in (no GPU exists here): a script
 * named llama-server lists a fake Vulkan0 and fails as a driver does when started on it; every other call
 * (--help, --device none) runs the real llama-server on the tiny Omni pair, one thread.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { resolveLlamaServerBinary } from '../../../native-models/vlm/llamaServerBinary.ts';
import { openLocalBackend } from '../../../native-models/vlm/modelBackend.ts';

const real = resolveLlamaServerBinary();
const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-gpu-fallback-'));
const saved = process.env.SEMIOSCOPE_CACHE_DIR;
const fake = path.join(dir, 'bin', 'llama-server');
let omni: { model: string; mmproj: string };

before(async () => {
  assert.ok(real, 'llama-server is built (npm run build:llama)');
  process.env.SEMIOSCOPE_CACHE_DIR = path.join(dir, 'cache');
  mkdirSync(path.dirname(fake));
  writeFileSync(fake, `#!/bin/sh
case " $* " in
  *" --list-devices "*) printf 'Available devices:\\n  Vulkan0: Stand-in GPU (8192 MiB, 8000 MiB free)\\n'; exit 0;;
  *" --device Vulkan0 "*) echo "ggml_vulkan: ErrorOutOfDeviceMemory (stand-in for a GPU that fails)" >&2; exit 1;;
esac
exec '${real}' "$@"
`);
  chmodSync(fake, 0o755);
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
});
after(() => {
  if (saved === undefined) delete process.env.SEMIOSCOPE_CACHE_DIR; else process.env.SEMIOSCOPE_CACHE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

test('a GPU that fails at start: the server runs on the CPU, the user is told why, the model info says CPU', async () => {
  const notices: string[] = [];
  const backend = await openLocalBackend({ ...omni, serverBinary: fake, threads: 1, contextSize: 2048, backend: 'auto', onNotice: (m) => notices.push(m) },
    'vision', { fileSha256: (p, hash) => hash(p) });
  try {
    assert.equal(backend.info.gpuBackend, undefined, 'no device before the server runs');
    const client = await backend.client();
    assert.ok(client);
    assert.equal(backend.info.gpuBackend, 'cpu');
    assert.match(backend.info.device ?? '', /^CPU/);
    assert.equal(notices.length, 1, notices.join('\n'));
    assert.match(notices[0]!, /^The Vulkan GPU \(Vulkan0: Stand-in GPU\) could not be used: The model server did not start\. .*ErrorOutOfDeviceMemory.* Running on the CPU instead\.$/);
  } finally {
    await backend.dispose();
  }
});
