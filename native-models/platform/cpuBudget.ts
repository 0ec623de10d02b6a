/**
 * How many CPU threads the model server gets. llama.cpp's worker threads spin while they wait for each other:
 * with more threads than free cores, one that loses its time slice stalls all the others. `npm run
 * bench:contention` on 2 cores beside one busy process: the tiny model decoded at 1.6 ms a token with
 * llama-server's default threads and polling, 0.06 ms with 1 thread and --poll 0; a short analysis took 130 s
 * against 18 s. So the server gets the cores really free: the cores this process may use, minus what the
 * engine itself runs beside the server (pose estimation threads, one ffmpeg decode while vision features are
 * asked), minus the load of other processes; at least one. A number in the settings overrides the choice.
 */
import os from 'node:os';

export interface ServerThreadsInput {
  /** Cores this process may use (`os.availableParallelism()`). */
  cores: number;
  /** Threads the engine keeps busy beside the server during the analysis (see `engineThreadsBeside`). */
  besideServer: number;
  /** One-minute load average of the machine (`os.loadavg()[0]`; 0 where the OS has none, e.g. Windows). */
  loadAverage: number;
  /** The part of `loadAverage` that is this process's own work (already counted in `besideServer`). */
  ownLoad: number;
  /** The `threads` setting: 'auto' or a fixed number. */
  requested: 'auto' | number;
}

export interface ThreadChoice {
  threads: number;
  /** One line for logs and the report's method section. */
  reason: string;
}

/** The pure choice: a fixed setting wins; otherwise the free cores, at least 1, at most all cores. */
export function chooseServerThreads(input: ServerThreadsInput): ThreadChoice {
  if (input.requested !== 'auto') return { threads: input.requested, reason: `${input.requested} (set)` };
  const cores = Math.max(1, Math.floor(input.cores));
  const beside = Math.max(0, Math.ceil(input.besideServer));
  const others = Math.max(0, Math.round(input.loadAverage - input.ownLoad));
  const threads = Math.min(cores, Math.max(1, cores - beside - others));
  return { threads, reason: `auto: ${cores} cores - ${beside} for the engine's own work - ${others} busy with other processes = ${threads}` };
}

/** Pose threads the engine uses when none is set: half the cores, 1 to 4 (the rest decode video and run the app). */
export function poseThreadsFor(cores: number): number {
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}

/** Threads busy beside the server: the pose runtime's (0 when pose is off) plus one ffmpeg decode when vision features are asked. */
export function engineThreadsBeside(work: { poseThreads: number; decoding: boolean }): number {
  return Math.max(0, work.poseThreads) + (work.decoding ? 1 : 0);
}

/** This process's average CPU use so far, in cores (what it adds to the load average). */
export function ownProcessLoad(): number {
  const { user, system } = process.cpuUsage();
  const uptimeUs = Math.max(1, process.uptime() * 1e6);
  return (user + system) / uptimeUs;
}

/** The choice on this machine, now. `besideServer` defaults to pose at its default threads plus a decode. */
export function serverThreads(requested: 'auto' | number, besideServer?: number): ThreadChoice {
  const cores = os.availableParallelism();
  return chooseServerThreads({
    cores,
    besideServer: besideServer ?? engineThreadsBeside({ poseThreads: poseThreadsFor(cores), decoding: true }),
    loadAverage: os.loadavg()[0] ?? 0,
    ownLoad: ownProcessLoad(),
    requested,
  });
}
