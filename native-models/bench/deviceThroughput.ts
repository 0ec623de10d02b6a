/**
 * Prompt and generation tokens per second of one llama-server binary on a GPU device against the CPU, in the
 * same run, with the same model and request: the binary is started once with `--device <gpu> -ngl all`
 * and once with `--device none -ngl 0` (the CPU backend of the same build), and each answers a warm-up
 * request (a GPU compiles its shaders on first use) and then the measured one, with a fixed number of
 * generated tokens. The figures are llama-server's own `timings`.
 */
import { LlamaServerSupervisor } from '../vlm/llamaServerSupervisor.ts';

export interface DeviceSpeed {
  device: string;
  promptTokens: number;
  promptTokensPerS: number;
  generatedTokens: number;
  generationTokensPerS: number;
}

interface Timings { prompt_n: number; prompt_per_second: number; predicted_n: number; predicted_per_second: number }

/** A prompt of a few hundred tokens and `generate` tokens out, no prompt reuse. */
async function measure(server: LlamaServerSupervisor, generate: number): Promise<Timings> {
  const prompt = Array.from({ length: 24 }, (_, i) => `Segment ${i}: the patient lies still, then the right arm stiffens and jerks.`).join(' ');
  const res = await fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
    body: JSON.stringify({ messages: [{ role: 'user', content: prompt }], max_tokens: generate, ignore_eos: true, cache_prompt: false, temperature: 0 }),
  });
  if (!res.ok) throw new Error(`llama-server answered HTTP ${res.status}`);
  const body = await res.json() as { timings?: Timings };
  if (!body.timings) throw new Error('llama-server reported no timings');
  return body.timings;
}

export async function deviceThroughput(binary: string, model: { model: string; mmproj?: string }, devices: { label: string; device: string; gpuLayers: number }[],
  { threads = 1, generate = 32 } = {}): Promise<DeviceSpeed[]> {
  const out: DeviceSpeed[] = [];
  for (const d of devices) {
    const server = await LlamaServerSupervisor.start({ binary, ...model, contextSize: 4096, threads, device: d.device, gpuLayers: d.gpuLayers });
    try {
      await measure(server, 4);
      const t = await measure(server, generate);
      out.push({ device: d.label, promptTokens: t.prompt_n, promptTokensPerS: round1(t.prompt_per_second), generatedTokens: t.predicted_n, generationTokensPerS: round1(t.predicted_per_second) });
    } finally {
      await server.dispose();
    }
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
