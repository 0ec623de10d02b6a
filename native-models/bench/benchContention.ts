/**
 * `npm run bench:contention -- [--seconds N] [--json]`: the model server's threads under CPU load. Runs the same
 * short analysis (a generated recording, the tiny random-weight Omni pair on llama-server, the engine's
 * analyzeRecording with a fresh answer cache each time) four times in one run:
 *   idle machine  x  llama-server's own defaults (every core, polling workers: the baseline)
 *   busy machine  x  the engine's choice (platform/cpuBudget.ts threads, --poll 0)
 * where "busy" is a child process spinning on one core the whole run. Prints wall times and the ratios, and
 * first the server's own decode speed (ms a token, from its timings) in the same four conditions.
 * The tiny model's answers mean nothing; what is measured is the time the same work takes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnswerCache } from '../cache/answerCache.ts';
import { parseAnalysisSettings } from '../contract/analysisSettings.ts';
import { makeSampleRecording } from '../demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../demo/writeTinyModels.ts';
import { analyzeRecording } from '../pipeline/analyzeRecording.ts';
import { engineThreadsBeside, poseThreadsFor, serverThreads } from '../platform/cpuBudget.ts';
import { resolveLlamaServerBinary } from '../vlm/llamaServerBinary.ts';
import { LlamaServerSupervisor } from '../vlm/llamaServerSupervisor.ts';
import { openLocalBackend } from '../vlm/modelBackend.ts';

type Mode = 'baseline' | 'chosen';

interface Measure { load: 'idle' | 'busy'; mode: Mode; wallS: number; modelCalls: number; completionTokens: number; threads: string }

/** A child spinning on one core until killed. */
function startBusyProcess(): { stop(): Promise<void> } {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return {
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    }),
  };
}

async function analyseOnce(video: string, model: { model: string; mmproj: string }, dir: string, mode: Mode, tag: string): Promise<Omit<Measure, 'load' | 'mode'>> {
  const settings = parseAnalysisSettings({ fps: 1, maxFrames: 4, frameSize: 224, segmentS: 30, overlapS: 5, contextSize: 4096 });
  const cache = new AnswerCache(path.join(dir, `${tag}.sqlite`));
  const besideServer = engineThreadsBeside({ poseThreads: settings.pose ? poseThreadsFor(availableParallelism()) : 0, decoding: true });
  const threads = mode === 'baseline' ? "llama-server's default" : String(serverThreads('auto', besideServer).threads);
  const backend = await openLocalBackend({ ...model, contextSize: settings.contextSize, threads: 'auto', besideServer, gpuLayers: 0, llamaDefaults: mode === 'baseline' },
    'vision', { fileSha256: cache.fileSha256.bind(cache) });
  try {
    const t0 = performance.now();
    const a = await analyzeRecording({ videoPath: video, cache, backend, settings });
    return { wallS: (performance.now() - t0) / 1000, modelCalls: a.stats.modelCalls, completionTokens: a.stats.completionTokens, threads };
  } finally {
    await backend.dispose();
    cache.close();
  }
}

/** Decode speed of the bare server: 64 tokens from a short prompt, ms a token as llama-server times it (best of 3). */
async function decodeMsPerToken(model: { model: string; mmproj: string }, mode: Mode, threads: number): Promise<number> {
  const binary = resolveLlamaServerBinary();
  if (!binary) throw new Error('llama-server is not built: npm run build:llama');
  const server = await LlamaServerSupervisor.start({ binary, ...model, contextSize: 2048, gpuLayers: 0,
    ...(mode === 'baseline' ? { poll: 50 } : { threads, poll: 0 }) });
  try {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.baseUrl}/completion`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
        body: JSON.stringify({ prompt: 'The patient', n_predict: 64, cache_prompt: false, ignore_eos: true, temperature: 0 }) });
      const body = await res.json() as { timings?: { predicted_per_token_ms?: number } };
      best = Math.min(best, body.timings?.predicted_per_token_ms ?? Infinity);
    }
    return best;
  } finally {
    await server.dispose();
  }
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const secondsArg = argv.indexOf('--seconds');
  const durationS = secondsArg >= 0 ? Number(argv[secondsArg + 1]) : 35;
  const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-contention-'));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    const video = await makeSampleRecording(path.join(dir, 'recording.mp4'), { durationS, width: 320, height: 240, fps: 15 });
    const model = await writeTinyModelPair('omni', path.join(dir, 'models'));
    log(`${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)} before the runs; recording ${durationS} s (generated), tiny Omni pair, all features, pose on`);
    const chosen = serverThreads('auto', engineThreadsBeside({ poseThreads: poseThreadsFor(availableParallelism()), decoding: true })).threads;
    const decode: Array<{ load: string; mode: Mode; msPerToken: number }> = [];
    for (const load of ['idle', 'busy'] as const) {
      for (const mode of ['baseline', 'chosen'] as const) {
        const busy = load === 'busy' ? startBusyProcess() : null;
        try {
          const msPerToken = await decodeMsPerToken(model, mode, chosen);
          decode.push({ load, mode, msPerToken });
          log(`decode ${load.padEnd(4)} ${mode.padEnd(8)} ${mode === 'baseline' ? "llama-server's default threads, --poll 50" : `${chosen} thread(s), --poll 0`}: ${msPerToken.toFixed(2)} ms a token`);
        } finally {
          await busy?.stop();
        }
      }
    }
    const results: Measure[] = [];
    for (const load of ['idle', 'busy'] as const) {
      for (const mode of ['baseline', 'chosen'] as const) {
        const busy = load === 'busy' ? startBusyProcess() : null;
        try {
          // Let the load average see the busy process a little (it moves slowly: a 1-minute mean).
          if (busy) await new Promise((r) => setTimeout(r, 3000));
          const m = await analyseOnce(video, model, dir, mode, `${load}-${mode}`);
          results.push({ load, mode, ...m });
          log(`${load.padEnd(4)} ${mode.padEnd(8)} threads ${m.threads.padEnd(22)} wall ${m.wallS.toFixed(1)} s (${m.modelCalls} model calls, ${m.completionTokens} tokens)`);
        } finally {
          await busy?.stop();
        }
      }
    }
    const wall = (load: string, mode: Mode) => results.find((r) => r.load === load && r.mode === mode)!.wallS;
    const r2 = (x: number) => x.toFixed(2);
    log(`busy/idle, baseline: ${r2(wall('busy', 'baseline') / wall('idle', 'baseline'))}x; chosen: ${r2(wall('busy', 'chosen') / wall('idle', 'chosen'))}x`);
    log(`chosen/baseline, idle: ${r2(wall('idle', 'chosen') / wall('idle', 'baseline'))}; busy: ${r2(wall('busy', 'chosen') / wall('busy', 'baseline'))}`);
    if (json) log(JSON.stringify({ durationS, cores: availableParallelism(), decode, results }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e: Error) => { process.stderr.write(`bench:contention failed: ${e.message}\n`); process.exit(1); });
}
