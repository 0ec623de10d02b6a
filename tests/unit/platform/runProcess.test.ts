/**
 * The one spawning module, on real processes (node itself): paths reduced to base names in logs and output,
 * a streaming child killed on abort, a service that reports a failed start instead of throwing, and (Linux,
 * setpriv) a service that dies when its parent is SIGKILLed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { CancelledError } from '../../../native-models/errors.ts';
import {
  pdeathsigWrapper, redactArgs, redactPaths, runProcess, runProcessSync, spawnService, spawnStreaming,
} from '../../../native-models/platform/runProcess.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-proc-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const node = process.execPath;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (check()) return true;
  return check();
}

describe('redaction', () => {
  test('arguments that are paths are shown by base name', () => {
    assert.equal(redactArgs(['-i', '/home/Ann Smith/EMU/bed3.mp4', '-f', 'rawvideo', 'pipe:1']), '-i <bed3.mp4> -f rawvideo pipe:1');
  });

  test('paths in a tool\'s output become base names, URLs and ratios stay', () => {
    assert.equal(redactPaths("loading model '/srv/models/Ann/q.gguf'"), "loading model 'q.gguf'");
    assert.equal(redactPaths('file=/a/b/c.gguf, then ./rel/x.bin and ~/d/e.txt'), 'file=c.gguf, then x.bin and e.txt');
    assert.equal(redactPaths('GET http://127.0.0.1:8080/health 200, slot 0/1'), 'GET http://127.0.0.1:8080/health 200, slot 0/1');
    assert.equal(redactPaths('C:\\Users\\ann\\m.gguf'), 'm.gguf');
  });
});

describe('runProcess and runProcessSync', () => {
  test('buffered output and exit code', async () => {
    const r = await runProcess(node, ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)']);
    assert.deepEqual([r.code, r.stdout.toString(), r.stderr], [3, 'out', 'err']);
    assert.equal(runProcessSync(node, ['-e', 'process.stdout.write("v1")']), 'v1');
  });

  test('an aborted run is a CancelledError and the child is gone', async () => {
    const ac = new AbortController();
    const pidFile = path.join(dir, 'run.pid');
    const p = runProcess(node, ['-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`], { signal: ac.signal });
    assert.ok(await waitFor(() => existsSync(pidFile), 10_000));
    ac.abort();
    await assert.rejects(p, CancelledError);
    assert.equal(alive(Number(readFileSync(pidFile, 'utf8'))), false);
  });
});

describe('spawnStreaming', () => {
  test('stdout streams; abort kills the tool', async () => {
    const ac = new AbortController();
    const s = spawnStreaming(node, ['-e', 'setInterval(() => process.stdout.write("x".repeat(1000)), 5)'], { signal: ac.signal });
    let bytes = 0;
    for await (const chunk of s.stdout as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > 5000) ac.abort();
    }
    assert.ok(bytes > 5000);
    assert.equal(await s.exited, null, 'killed, no exit code');
    s.stop();
  });

  test('a missing binary rejects `exited` instead of throwing', async () => {
    const s = spawnStreaming(path.join(dir, 'no-such-tool'), []);
    for await (const _ of s.stdout as AsyncIterable<Buffer>) { /* nothing */ }
    await assert.rejects(s.exited, /ENOENT/);
  });
});

describe('spawnService', () => {
  test('lines are passed whole however the output is chunked; exit is reported', async () => {
    const lines: string[] = [];
    const svc = spawnService(node, ['-e', 'process.stdout.write("par"); setTimeout(() => { process.stdout.write("tial\\nsecond\\nlast"); }, 50)'], { onOutput: (l) => lines.push(l) });
    const exit = await svc.exited;
    assert.equal(exit.code, 0);
    assert.deepEqual(lines, ['partial', 'second', 'last']);
    assert.equal(svc.running, false);
  });

  test('a binary that cannot run is an exit with a reason, never an uncaught error', async () => {
    const lines: string[] = [];
    const svc = spawnService(path.join(dir, 'no-such-server'), ['--port', '1'], { onOutput: (l) => lines.push(l) });
    const exit = await svc.exited;
    // Without setpriv: the spawn error; with it: setpriv's own message and exit 127.
    assert.ok(exit.error?.message.includes('ENOENT') || (exit.code === 127 && lines.join('\n').includes('no-such-server')), JSON.stringify({ exit, lines }));
  });

  // setpriv --pdeathsig exists on Linux only (elsewhere the orphan reaper covers this); on Linux it must be there.
  test('on Linux with setpriv, a service dies when its parent is SIGKILLed', { skip: process.platform === 'linux' ? false : 'Linux only: elsewhere the orphan reaper covers this' }, async () => {
    assert.ok(pdeathsigWrapper(), 'setpriv with --pdeathsig is missing (/usr/bin/setpriv, or SEMIOSCOPE_NO_PDEATHSIG is set): run scripts/setup.sh, which installs it (Debian package util-linux)');
    const pidFile = path.join(dir, 'service.pid');
    const script = path.join(dir, 'parent.mts');
    const mod = new URL('../../../native-models/platform/runProcess.ts', import.meta.url).href;
    writeFileSync(script, `import { spawnService } from ${JSON.stringify(mod)};
import { writeFileSync } from 'node:fs';
const s = spawnService(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
writeFileSync(${JSON.stringify(pidFile)}, String(s.pid));
setInterval(() => {}, 1000);
`);
    const parent = spawn(node, ['--import', 'tsx', script], { stdio: 'ignore', cwd: process.cwd() });
    assert.ok(await waitFor(() => existsSync(pidFile), 20_000), 'the parent started its service');
    const servicePid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(servicePid));
    parent.kill('SIGKILL');
    assert.ok(await waitFor(() => !alive(servicePid), 10_000), 'the service died with its parent');
  });
});
