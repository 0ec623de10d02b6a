/**
 * The llama-server command line the supervisor builds (pure): context from the settings' default times the
 * slots, gpuLayers 'auto' left to the server and 0 passed, threads, polling and the device only when asked or known.
 * And the flag reader on help texts of a new and an old llama.cpp.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../native-models/contract/analysisSettings.ts';
import { parseServerFlags } from '../../../native-models/vlm/llamaServerFlags.ts';
import { llamaServerArgs } from '../../../native-models/vlm/llamaServerSupervisor.ts';

const base = { binary: '/opt/llama-server', model: '/m/model.gguf', mmproj: '/m/mmproj.gguf' };
const valueOf = (args: string[], flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);

describe('llamaServerArgs', () => {
  test('defaults: the settings\' context per slot, llama-server\'s own GPU layers and threads, no spin-waiting', () => {
    const args = llamaServerArgs(base, 4242, { poll: true });
    assert.equal(valueOf(args, '-c'), String(DEFAULT_SETTINGS.contextSize));
    assert.equal(DEFAULT_SETTINGS.gpuLayers, 'auto');
    assert.equal(args.includes('-ngl'), false);
    assert.equal(args.includes('-t'), false);
    assert.equal(valueOf(args, '--poll'), '0');
    assert.equal(valueOf(args, '--host'), '127.0.0.1');
    assert.equal(valueOf(args, '--port'), '4242');
    assert.ok(!args.some((a) => /api-key/.test(a)), 'the key is added by the supervisor, through a file');
  });

  test('each slot gets the context asked for', () => {
    assert.equal(valueOf(llamaServerArgs({ ...base, contextSize: 8192, parallel: 3 }, 1, { poll: true }), '-c'), '24576');
  });

  test('gpuLayers 0 means CPU only and is passed; a number of threads is passed', () => {
    const args = llamaServerArgs({ ...base, gpuLayers: 0, threads: 1 }, 1, { poll: true });
    assert.equal(valueOf(args, '-ngl'), '0');
    assert.equal(valueOf(args, '-t'), '1');
    assert.equal(valueOf(llamaServerArgs({ ...base, gpuLayers: 99 }, 1, { poll: true }), '-ngl'), '99');
  });

  test('the device is passed when the binary knows --device, and not otherwise', () => {
    assert.equal(valueOf(llamaServerArgs({ ...base, device: 'Vulkan0' }, 1, { poll: true, device: true }), '--device'), 'Vulkan0');
    assert.equal(valueOf(llamaServerArgs({ ...base, device: 'none' }, 1, { poll: true, device: true }), '--device'), 'none');
    assert.equal(llamaServerArgs({ ...base, device: 'Vulkan0' }, 1, { poll: true, device: false }).includes('--device'), false);
  });

  test('a binary without --poll gets none', () => {
    assert.equal(llamaServerArgs(base, 1, { poll: false }).includes('--poll'), false);
  });
});

describe('parseServerFlags', () => {
  test('a current help text', () => {
    const help = [
      '-tb,   --threads-batch N                number of threads to use during batch and prompt processing',
      '--poll <0...100>                        use polling level to wait for work (0 - no polling, default: 50)',
      '--api-key KEY                           API key to use for authentication',
      '--api-key-file FNAME                    path to file containing API keys, one per line',
      '-dev,  --device <dev1,dev2,..>          comma-separated list of devices to use for offloading (none = don\'t offload)',
    ].join('\n');
    assert.deepEqual(parseServerFlags(help), { apiKeyFile: true, poll: true, threadsBatch: true, device: true });
  });

  test('an old help text: --api-key alone and --poll-batch are not the flags asked for', () => {
    const help = '--api-key KEY   API key\n--poll-batch <0|1>  use polling\n-t, --threads N';
    assert.deepEqual(parseServerFlags(help), { apiKeyFile: false, poll: false, threadsBatch: false, device: false });
  });
});
