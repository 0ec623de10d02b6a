/**
 * Which device the local model runs on, decided from what llama-server lists (`--list-devices`) and what the
 * user asked (`backend` setting: auto, cpu, vulkan, cuda). Pure, so the rules are tested without a GPU:
 * - auto: a CUDA device, else a hardware Vulkan device, else the CPU. A software Vulkan device (Mesa's
 *   llvmpipe / lavapipe, SwiftShader) is slower than the CPU backend, so auto never picks it.
 * - vulkan / cuda: the first device of that kind (a software one too: that is how it is tested here); when
 *   there is none, the CPU, with a message saying why and what to install.
 */
import type { ComputeBackendName } from '../contract/analysisSettings.ts';

export type GpuBackend = 'vulkan' | 'cuda';

/** One line of `llama-server --list-devices`: "  Vulkan0: llvmpipe (LLVM 15.0.6, 256 bits) (32768 MiB, 30000 MiB free)". */
export interface ServerDevice {
  /** ggml's device name, what `--device` takes: "Vulkan0", "CUDA0". */
  name: string;
  description: string;
  backend: GpuBackend | 'other';
  totalMiB: number | null;
  freeMiB: number | null;
  /** A CPU implementation of a GPU API (llvmpipe, lavapipe, SwiftShader). */
  software: boolean;
}

export interface BackendChoice {
  backend: 'cpu' | GpuBackend;
  /** The device to pass as `--device` (absent for the CPU). */
  device?: ServerDevice;
  /** Said to the user when the choice differs from what was asked (a fallback), or is a slow software device. */
  message?: string;
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|software/i;

export function parseDeviceList(text: string): ServerDevice[] {
  const out: ServerDevice[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s+([A-Za-z][A-Za-z0-9_-]*\d+):\s+(.*?)(?:\s+\((\d+) MiB, (\d+) MiB free\))?\s*$/.exec(line);
    if (!m) continue;
    const name = m[1]!;
    const backend = /^vulkan/i.test(name) ? 'vulkan' : /^cuda/i.test(name) ? 'cuda' : 'other';
    out.push({
      name, description: m[2]!, backend,
      totalMiB: m[3] ? Number(m[3]) : null, freeMiB: m[4] ? Number(m[4]) : null,
      software: SOFTWARE.test(m[2]!),
    });
  }
  return out;
}

/** "Vulkan0: llvmpipe (LLVM 15.0.6, 256 bits)", as analysis.json and the report name the device. */
export const deviceLabel = (d: ServerDevice): string => `${d.name}: ${d.description}`;

const INSTALL: Record<GpuBackend, string> = {
  vulkan: 'Install the GPU\'s Vulkan driver (NVIDIA: its proprietary driver; AMD and Intel: Debian/Ubuntu "mesa-vulkan-drivers") '
    + 'and the Vulkan loader ("libvulkan1"), then run "npm run build:llama" so libggml-vulkan.so is placed beside llama-server. '
    + 'A software device (Mesa\'s llvmpipe) is listed only when named, e.g. GGML_VK_VISIBLE_DEVICES=0.',
  cuda: 'Install the NVIDIA driver and the CUDA runtime (libcudart and libcublas, CUDA 12 or 13), then run "npm run build:llama" '
    + 'so libggml-cuda.so is placed beside llama-server.',
};

/**
 * The backend to use. `available` names the GPU backend libraries present beside the binary (when known):
 * a device list without them cannot hold their devices, so the message can say which part is missing.
 */
export function chooseComputeBackend(requested: ComputeBackendName, devices: readonly ServerDevice[], available?: readonly GpuBackend[]): BackendChoice {
  if (requested === 'cpu') return { backend: 'cpu' };
  const of = (b: GpuBackend) => devices.filter((d) => d.backend === b);
  if (requested === 'auto') {
    const cuda = of('cuda')[0];
    if (cuda) return { backend: 'cuda', device: cuda };
    const vulkan = of('vulkan').find((d) => !d.software);
    if (vulkan) return { backend: 'vulkan', device: vulkan };
    return { backend: 'cpu' };
  }
  const device = of(requested).find((d) => !d.software) ?? of(requested)[0];
  if (device) {
    return device.software
      ? { backend: requested, device, message: `${deviceLabel(device)} is a software ${requested === 'vulkan' ? 'Vulkan' : 'CUDA'} device that runs on the CPU: expect it to be much slower than the CPU backend.` }
      : { backend: requested, device };
  }
  const label = requested === 'vulkan' ? 'Vulkan' : 'CUDA';
  const why = available && !available.includes(requested)
    ? `this llama-server has no ${label} backend (libggml-${requested}.so) beside it`
    : `llama-server found no ${label} device${devices.length ? ` (it lists ${devices.map((d) => d.name).join(', ')})` : ''}`;
  return { backend: 'cpu', message: `The ${label} GPU cannot be used: ${why}. Running on the CPU instead. ${INSTALL[requested]}` };
}
