/**
 * `semioscope review` as a process (the bin launcher): it prints exactly one line with the link and its
 * token, that link answers (the page, then API calls with the cookie it set), SIGTERM ends it cleanly
 * (exit 0: ending is the normal way out), and option mistakes are usage errors naming the setting.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasStackTrace, runCli, startCli } from '../../helpers/runCli.ts';

let dir: string;
let rendererDir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-review-cli-'));
  rendererDir = path.join(dir, 'dist');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Semioscope review</title>');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('semioscope review', () => {
  it('prints one line with the link, the link answers, SIGTERM ends it', async () => {
    const { child, done } = startCli(['review', '--port', '0', '--renderer', rendererDir, '--db', path.join(dir, 'cache.sqlite'), '--analyses', path.join(dir, 'analyses')]);
    try {
      let stdout = '';
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no link within 60 s; stdout: ${stdout}`)), 60_000);
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('\n')) { clearTimeout(timer); resolve(stdout.split('\n')[0]!); }
        });
        child.on('exit', () => { clearTimeout(timer); reject(new Error(`exited before printing a link; stdout: ${stdout}`)); });
      });
      const m = /^Semioscope review: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/.exec(line);
      assert.ok(m, `the line: ${line}`);
      const [, url, port] = m;

      const page = await fetch(url!);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Semioscope review/);
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 401, 'not without the token');
      const cancel = await fetch(`http://127.0.0.1:${port}/api/analysis:cancel`, { method: 'POST', headers: { cookie } });
      assert.equal(cancel.status, 204, 'the page\'s cookie carries the token');

      child.kill('SIGTERM');
      const r = await done;
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim().split('\n').length, 1, 'exactly one line on stdout');
      assert.ok(!hasStackTrace(r.stderr));
      await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'the port is closed');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a port out of range and an unknown option are usage errors naming the setting', async () => {
    const port = await runCli(['review', '--port', '70000', '--renderer', rendererDir]);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /port must be a whole number from 0 to 65535/);
    const unknown = await runCli(['review', '--colour', 'red']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--colour/);
    const renderer = await runCli(['review', '--renderer', path.join(dir, 'missing')]);
    assert.equal(renderer.code, 2);
    assert.match(renderer.stderr, /renderer folder does not exist/);
    for (const r of [port, unknown, renderer]) assert.ok(!hasStackTrace(r.stderr) && r.stdout === '');
  });
});
