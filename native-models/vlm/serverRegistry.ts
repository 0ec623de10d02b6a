/**
 * Remembers which llama-server processes this product started and for which owner process, so a server
 * orphaned by a crash or a forced kill of the app is stopped the next time a server starts (a multi-GB model
 * left running would hold the workstation's memory).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { debugLog } from '../log.ts';
import { cacheRoot } from '../platform/paths.ts';

const dir = () => path.join(cacheRoot(), 'servers');

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as { code?: string }).code === 'EPERM'; }
}

/** On Linux, confirm the pid still runs llama-server before killing it (pids are reused). */
function isLlamaServer(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('llama-server'); } catch { return false; }
}

export function registerServer(serverPid: number): void {
  mkdirSync(dir(), { recursive: true });
  writeFileSync(path.join(dir(), `${serverPid}.json`), JSON.stringify({ serverPid, ownerPid: process.pid }));
}

export function unregisterServer(serverPid: number): void {
  rmSync(path.join(dir(), `${serverPid}.json`), { force: true });
}

/** Stops servers whose owner is gone; returns their pids. */
export function reapOrphanedServers(): number[] {
  const reaped: number[] = [];
  let names: string[] = [];
  try { names = readdirSync(dir()); } catch { return reaped; }
  for (const name of names) {
    const file = path.join(dir(), name);
    try {
      const { serverPid, ownerPid } = JSON.parse(readFileSync(file, 'utf8')) as { serverPid: number; ownerPid: number };
      if (alive(ownerPid)) continue;
      if (alive(serverPid) && isLlamaServer(serverPid)) {
        process.kill(serverPid, 'SIGKILL');
        reaped.push(serverPid);
        debugLog(`stopped orphaned llama-server ${serverPid}`);
      }
      rmSync(file, { force: true });
    } catch {
      rmSync(file, { force: true });
    }
  }
  return reaped;
}
