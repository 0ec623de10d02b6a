/**
 * `semioscope analyze` arguments -> session input: values reach the contract as typed (so its checks and
 * words apply), the documented defaults pass (`--gpu-layers 0`, `--threads auto`), and the CLI's own
 * mistakes (model choice, `--variant` shape) are UsageErrors naming the setting.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAnalyzeArgs } from '../../../native-models/cli/parseAnalyzeArgs.ts';
import { parseAnalysisSettings } from '../../../native-models/contract/analysisSettings.ts';
import { parseModelChoice } from '../../../native-models/contract/modelChoice.ts';
import { UsageError } from '../../../native-models/errors.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-args-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const base = ['rec.mp4', '--out', 'out', '--model', 'm.gguf', '--mmproj', 'p.gguf'];

/** The parsed arguments of a command that is not a request for help. */
function parsed(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const a = parseAnalyzeArgs(argv, env);
  if (a.help) assert.fail('parsed as a request for help');
  return a;
}

describe('parseAnalyzeArgs', () => {
  it('passes numbers as numbers and keeps the rest for the contract', () => {
    const a = parsed([...base, '--fps', '1', '--gpu-layers', '0', '--threads', 'auto', '--features', 'tonic, clonic', '--variant', 'tonic=pose', '--no-pose'], {});
    assert.deepEqual(a.settings, { fps: 1, gpuLayers: 0, threads: 'auto', features: ['tonic', 'clonic'], variantOverrides: { tonic: 'pose' }, pose: false });
    const s = parseAnalysisSettings(a.settings);
    assert.equal(s.gpuLayers, 0, 'the documented --gpu-layers 0 is accepted');
    assert.deepEqual(parseModelChoice(a.models), { main: { kind: 'local', model: 'm.gguf', mmproj: 'p.gguf' } });
  });

  it('--patient-orientation: auto or degrees, checked by the contract', () => {
    assert.equal(parsed([...base, '--patient-orientation', '90']).settings.patientOrientation, 90);
    assert.equal(parsed([...base, '--patient-orientation', 'auto']).settings.patientOrientation, 'auto');
    assert.throws(() => parseAnalysisSettings(parsed([...base, '--patient-orientation', 'left']).settings), /patient orientation must be auto, 0, 90, 180 or 270 degrees \(got "left"\)/);
  });

  it('a value that is not a number reaches the contract as text, to be quoted back', () => {
    assert.throws(() => parseAnalysisSettings(parsed([...base, '--fps', 'fast']).settings), /\(got "fast"\)/);
  });

  it('a remote model, its key from a file or the environment', () => {
    const keyFile = path.join(dir, 'key');
    writeFileSync(keyFile, 'sekret\n');
    const a = parsed(['rec.mp4', '--out', 'o', '--endpoint', 'http://gpu:8080', '--remote-model', 'qwen', '--api-key-file', keyFile]);
    assert.deepEqual(parseModelChoice(a.models).main, { kind: 'remote', endpoint: 'http://gpu:8080', model: 'qwen', apiKey: 'sekret', audio: false, constraint: 'json_schema' });
    const b = parsed(['rec.mp4', '--out', 'o', '--endpoint', 'http://gpu:8080', '--remote-model', 'qwen'], { SEMIOSCOPE_API_KEY: 'from-env' });
    assert.equal((b.models.main as { apiKey?: string }).apiKey, 'from-env');
  });

  it('--help wins over everything else', () => {
    assert.deepEqual(parseAnalyzeArgs(['--help', '--fps', 'fast'], {}), { help: true });
  });

  for (const [args, setting, words] of [
    [['rec.mp4', '--out', 'o', '--mmproj', 'p.gguf'], 'model', /projector file was given without/],
    [[...base, '--endpoint', 'http://x'], 'model', /not both/],
    [['rec.mp4', '--out', 'o'], 'model', /Choose a model/],
    [[...base, '--variant', 'tonic'], 'variantOverrides', /<feature>=<variant>/],
    [['--out', 'o', '--model', 'm'], 'video', /Give the recording/],
  ] as const) {
    it(`refuses ${args.join(' ')}`, () => {
      assert.throws(() => parseAnalyzeArgs([...args], {}), (e: unknown) => e instanceof UsageError && e.setting === setting && words.test(e.message));
    });
  }
});
