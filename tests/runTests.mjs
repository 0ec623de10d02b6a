#!/usr/bin/env node
// Runs the test files under tests/ (or under the folders given, e.g. `tests/unit`) with node's test runner
// and tsx. Node 20's runner does not expand globs, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d).sort()) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
};
for (const r of roots.length ? roots : ['tests/unit', 'tests/integration', 'tests/e2e']) {
  if (statSync(r).isDirectory()) walk(r); else files.push(r);
}
if (!files.length) { console.error('no test files found'); process.exit(1); }
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...passThrough, ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
