/**
 * The compute backend choice (pure): llama-server's device list -> the backend and device used, the layers
 * put on it, and the message when a GPU asked for cannot be used. Device lists are as llama-server prints
 * them (the llvmpipe line is the one seen on these machines with GGML_VK_VISIBLE_DEVICES=0).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS, parseAnalysisSettings } from '../../../native-models/contract/analysisSettings.ts';
import { chooseComputeBackend, deviceLabel, parseDeviceList } from '../../../native-models/vlm/chooseComputeBackend.ts';
import { gpuLayersFor } from '../../../native-models/vlm/modelBackend.ts';

const NONE = 'Available devices:\n  (none)\n';
const LLVMPIPE = 'Available devices:\n  Vulkan0: llvmpipe (LLVM 15.0.6, 256 bits) (23995 MiB, 23995 MiB free)\n';
const MIXED = [
  'Available devices:',
  '  Vulkan0: llvmpipe (LLVM 15.0.6, 256 bits) (23995 MiB, 23995 MiB free)',
  '  Vulkan1: NVIDIA RTX A2000 12GB (12288 MiB, 11900 MiB free)',
].join('\n');
const CUDA_TOO = `${MIXED}\n  CUDA0: NVIDIA RTX A2000 12GB (12045 MiB, 11800 MiB free)\n`;

describe('parseDeviceList', () => {
  test('names, descriptions, memory and software devices', () => {
    assert.deepEqual(parseDeviceList(NONE), []);
    const [d] = parseDeviceList(LLVMPIPE);
    assert.deepEqual(d, { name: 'Vulkan0', description: 'llvmpipe (LLVM 15.0.6, 256 bits)', backend: 'vulkan', totalMiB: 23995, freeMiB: 23995, software: true });
    assert.equal(deviceLabel(d!), 'Vulkan0: llvmpipe (LLVM 15.0.6, 256 bits)');
    const all = parseDeviceList(CUDA_TOO);
    assert.deepEqual(all.map((x) => [x.name, x.backend, x.software]), [['Vulkan0', 'vulkan', true], ['Vulkan1', 'vulkan', false], ['CUDA0', 'cuda', false]]);
    assert.deepEqual(parseDeviceList('load_backend: loaded Vulkan backend from x.so\nAvailable devices:\n  Vulkan0: AMD Radeon RX 7600\n').map((x) => x.totalMiB), [null]);
  });
});

describe('chooseComputeBackend', () => {
  test('the default is auto', () => {
    assert.equal(DEFAULT_SETTINGS.backend, 'auto');
    assert.throws(() => parseAnalysisSettings({ backend: 'metal' }), /compute backend must be auto, cpu, vulkan, cuda \(got "metal"\)/);
  });

  test('auto: CUDA, else a hardware Vulkan GPU, else the CPU; never the software device; no message', () => {
    assert.deepEqual(chooseComputeBackend('auto', parseDeviceList(CUDA_TOO)), { backend: 'cuda', device: parseDeviceList(CUDA_TOO)[2] });
    const mixed = chooseComputeBackend('auto', parseDeviceList(MIXED));
    assert.equal(mixed.backend, 'vulkan');
    assert.equal(mixed.device?.name, 'Vulkan1');
    assert.deepEqual(chooseComputeBackend('auto', parseDeviceList(LLVMPIPE)), { backend: 'cpu' });
    assert.deepEqual(chooseComputeBackend('auto', []), { backend: 'cpu' });
  });

  test('cpu is the CPU whatever is listed', () => {
    assert.deepEqual(chooseComputeBackend('cpu', parseDeviceList(CUDA_TOO)), { backend: 'cpu' });
  });

  test('vulkan asked: a hardware device first, the software one when it is all there is, with a warning', () => {
    assert.equal(chooseComputeBackend('vulkan', parseDeviceList(MIXED)).device?.name, 'Vulkan1');
    const soft = chooseComputeBackend('vulkan', parseDeviceList(LLVMPIPE));
    assert.equal(soft.backend, 'vulkan');
    assert.equal(soft.device?.name, 'Vulkan0');
    assert.match(soft.message ?? '', /llvmpipe .*software Vulkan device .*slower than the CPU/);
  });

  test('a GPU asked for that is not there falls back to the CPU, saying why and what to install', () => {
    const noDevice = chooseComputeBackend('vulkan', [], ['vulkan']);
    assert.equal(noDevice.backend, 'cpu');
    assert.equal(noDevice.device, undefined);
    assert.match(noDevice.message ?? '', /^The Vulkan GPU cannot be used: llama-server found no Vulkan device\. Running on the CPU instead\./);
    assert.match(noDevice.message ?? '', /mesa-vulkan-drivers/);
    assert.match(noDevice.message ?? '', /GGML_VK_VISIBLE_DEVICES=0/);

    const noLibrary = chooseComputeBackend('cuda', parseDeviceList(LLVMPIPE), ['vulkan']);
    assert.equal(noLibrary.backend, 'cpu');
    assert.match(noLibrary.message ?? '', /no CUDA backend \(libggml-cuda\.so\) beside it/);
    assert.match(noLibrary.message ?? '', /NVIDIA driver and the CUDA runtime/);

    assert.match(chooseComputeBackend('cuda', parseDeviceList(LLVMPIPE), ['vulkan', 'cuda']).message ?? '', /found no CUDA device \(it lists Vulkan0\)/);
  });

  test('layers: all of them on a GPU for auto, the number asked otherwise, none on the CPU', () => {
    const gpu = chooseComputeBackend('vulkan', parseDeviceList(MIXED));
    assert.equal(gpuLayersFor(gpu, 'auto'), 999);
    assert.equal(gpuLayersFor(gpu, 12), 12);
    assert.equal(gpuLayersFor({ backend: 'cpu' }, 'auto'), 0);
    assert.equal(gpuLayersFor({ backend: 'cpu' }, 12), 0);
  });
});
