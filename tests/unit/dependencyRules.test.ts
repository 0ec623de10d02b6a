/**
 * The layer rules of .dependency-cruiser.cjs: the tree obeys them, and each rule catches the mistake it is
 * for (a back-edge, a cycle, a spawn outside platform/runProcess.ts, production code importing the demo).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/runCli.ts';

const BIN = path.join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation { rule: { name: string }; from: string; to: string }

function cruise(cwd: string, roots: string[]): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [BIN, '--config', path.join(cwd, '.dependency-cruiser.cjs'), '--output-type', 'json', ...roots],
      { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    // dependency-cruiser exits non-zero when it finds violations; the JSON is still on stdout.
    out = (e as { stdout?: string }).stdout ?? '';
    if (!out) throw e;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('dependency rules', () => {
  it('the engine, the shell and the renderer obey every rule', () => {
    const violations = cruise(REPO, ['native-models', 'electron', 'renderer']);
    assert.deepEqual(violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`), []);
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-rules-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('catches a back-edge, a cycle, a stray spawn and a demo import', () => {
    copyFileSync(path.join(REPO, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }));
    const files: Record<string, string> = {
      'native-models/pipeline/step.ts': 'export const step = 1;\n',
      'native-models/media/probe.ts': "import { step } from '../pipeline/step.ts';\nexport const probe = step;\n",
      'native-models/vlm/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'native-models/vlm/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'native-models/enhance/run.ts': "import { spawn } from 'node:child_process';\nexport const run = spawn;\n",
      'native-models/demo/fixture.ts': 'export const fixture = 1;\n',
      'native-models/cli/main.ts': "import { fixture } from '../demo/fixture.ts';\nexport const main = fixture;\n",
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const found = cruise(dir, ['native-models']).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    assert.ok(found.includes('layer-1-imports-upward: native-models/media/probe.ts -> native-models/pipeline/step.ts'), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('no-cycles: native-models/vlm/')), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('one-module-spawns: native-models/enhance/run.ts')), found.join('\n'));
    assert.ok(found.includes('layer-7-imports-upward: native-models/cli/main.ts -> native-models/demo/fixture.ts'), found.join('\n'));
  });
});
