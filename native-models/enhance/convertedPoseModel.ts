/**
 * The pose models converted to ONNX (tfjsGraphToOnnx.ts), kept on disk in the per-user cache so that an
 * analysis does not convert them again at every start (~1 CPU-s on two cores: reading, widening float16
 * weights, serialising). The file is named after what it was made from (the graph, its weights, the outputs
 * asked for, and the converter: its source file, or the bundle it was built into), and checked against the
 * hash stored beside it when read: a stale, damaged or half-written file is converted again, never used (so
 * the converter's tests never run on a model an older converter made). Model files only: nothing of a
 * recording.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from '../platform/paths.ts';
import type { ConvertedModel } from './tfjsGraphToOnnx.ts';

/** Part of every key, with the converter's code (`converterFingerprint`). */
export const CONVERTER_VERSION = 1;

let fingerprint: string | null = null;

/**
 * A hash of the converter's code: its source file when running from source, else the bundle this module was
 * built into (any app update converts again), else only CONVERTER_VERSION.
 */
function converterFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  for (const url of [new URL('./tfjsGraphToOnnx.ts', import.meta.url), new URL(import.meta.url)]) {
    try {
      fingerprint = sha256(readFileSync(fileURLToPath(url)));
      return fingerprint;
    } catch { /* not on disk: try the next */ }
  }
  fingerprint = '';
  return fingerprint;
}

/** Folder of the converted models: `<cache>/pose-onnx`. */
export function convertedModelsDir(): string {
  return path.join(cacheRoot(), 'pose-onnx');
}

interface Sidecar {
  inputs: ConvertedModel['inputs'];
  outputs: string[];
  sha256: string;
}

/**
 * The converted model of `jsonPath` (with `outputs`), from the cache when a good copy is there, else converted
 * and stored. `fresh` says whether it was converted now. The converter (and its protobuf library) is loaded
 * only when a conversion is needed.
 */
export async function loadConvertedModel(jsonPath: string, outputs?: string[]): Promise<ConvertedModel & { fresh: boolean }> {
  const key = sourceKey(jsonPath, outputs);
  const dir = convertedModelsDir();
  const base = path.join(dir, `${path.basename(jsonPath, '.json')}-${key.slice(0, 24)}`);
  const cached = readCached(base);
  if (cached) return { ...cached, fresh: false };
  const { convertTfjsGraph } = await import('./tfjsGraphToOnnx.ts');
  const converted = convertTfjsGraph(jsonPath, outputs);
  try {
    mkdirSync(dir, { recursive: true });
    const sidecar: Sidecar = { inputs: converted.inputs, outputs: converted.outputs, sha256: sha256(converted.model) };
    writeAtomically(`${base}.onnx`, converted.model);
    writeAtomically(`${base}.json`, JSON.stringify(sidecar));
  } catch {
    // A cache that cannot be written (read-only home, full disk) only costs the next start a conversion.
  }
  return { ...converted, fresh: true };
}

/** Hash of everything the conversion depends on: the graph file, its weight shards, the outputs, the converter. */
function sourceKey(jsonPath: string, outputs?: string[]): string {
  const h = createHash('sha256');
  const json = readFileSync(jsonPath);
  h.update(`semioscope-onnx-v${CONVERTER_VERSION}\0${converterFingerprint()}\0${JSON.stringify(outputs ?? null)}\0`).update(json);
  const manifest = (JSON.parse(json.toString('utf8')) as { weightsManifest?: Array<{ paths: string[] }> }).weightsManifest ?? [];
  for (const p of manifest.flatMap((g) => g.paths)) h.update(readFileSync(path.join(path.dirname(jsonPath), p)));
  return h.digest('hex');
}

function readCached(base: string): ConvertedModel | null {
  try {
    const sidecar = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Sidecar;
    const model = readFileSync(`${base}.onnx`);
    if (sha256(model) !== sidecar.sha256 || !sidecar.inputs?.length || !sidecar.outputs?.length) return null;
    return { model: new Uint8Array(model.buffer, model.byteOffset, model.byteLength), inputs: sidecar.inputs, outputs: sidecar.outputs };
  } catch {
    return null;
  }
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write through a temporary file of this call's own and a rename, so readers never see half a file. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
