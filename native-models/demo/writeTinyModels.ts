/**
 * Writes the tiny random-weight model pairs that tests and demo mode run through llama-server.
 *
 *   npm run fixtures:models -- <dir>    writes both pairs into <dir> (default: the current directory)
 *
 * Each pair is a text model + an mmproj; `general.name` contains "tiny-random" so the product can tell a
 * demo model from a real one. Deterministic: the same bytes on every run.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tinyInternvlModel } from './tinyInternvlModel.ts';
import { tinyOmniModel, type TinyModelPair } from './tinyOmniModel.ts';

export type TinyModelKind = 'omni' | 'internvl';
export const TINY_MODEL_KINDS: readonly TinyModelKind[] = ['omni', 'internvl'];

/** Marker in `general.name` of every tiny model. */
export const TINY_MODEL_NAME_MARKER = 'tiny-random';

const builders: Record<TinyModelKind, () => TinyModelPair> = { omni: tinyOmniModel, internvl: tinyInternvlModel };

export function tinyModelFileNames(kind: TinyModelKind): { model: string; mmproj: string } {
  return { model: `tiny-${kind}-text.gguf`, mmproj: `tiny-${kind}-mmproj.gguf` };
}

export async function writeTinyModelPair(kind: TinyModelKind, dir: string): Promise<{ model: string; mmproj: string }> {
  const build = builders[kind];
  if (!build) throw new Error(`Unknown tiny model kind "${String(kind)}" (expected ${TINY_MODEL_KINDS.join(' or ')})`);
  const names = tinyModelFileNames(kind);
  const model = path.resolve(dir, names.model);
  const mmproj = path.resolve(dir, names.mmproj);
  await mkdir(path.resolve(dir), { recursive: true });
  const pair = build();
  await pair.text.write(model);
  await pair.mmproj.write(mmproj);
  return { model, mmproj };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? '.';
  (async () => {
    for (const kind of TINY_MODEL_KINDS) {
      const t0 = performance.now();
      const { model, mmproj } = await writeTinyModelPair(kind, dir);
      const ms = (performance.now() - t0).toFixed(0);
      process.stdout.write(`${kind} (${ms} ms):\n  ${model}\n  ${mmproj}\n`);
    }
  })().catch((e: unknown) => {
    process.stderr.write(`fixtures:models failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
