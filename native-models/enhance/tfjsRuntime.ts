/**
 * TensorFlow.js on its WASM backend, set up once per process, and graph models loaded from files inside
 * node_modules (no URL fetches): the pose and person models ship in @vladmandic/human's `models/` folder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { InputError } from '../errors.ts';

// Not named `require`: a bundle of the engine declares its own at the top of the chunk this lands in.
const requireHere = createRequire(import.meta.url);

let ready: Promise<typeof tf> | null = null;

/** Initialise tfjs with the WASM backend (SIMD build, files from @tensorflow/tfjs-backend-wasm). */
export function initTfjs(): Promise<typeof tf> {
  ready ??= (async () => {
    const wasmDir = path.dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(wasmDir + path.sep);
    tf.env().set('PROD', true);
    // The Emscripten glue adds process-wide uncaughtException/unhandledRejection handlers that rethrow and
    // print its whole minified source: take them off again so the host keeps its own error handling.
    const before = { e: process.listeners('uncaughtException'), r: process.listeners('unhandledRejection') };
    const ok = await tf.setBackend('wasm');
    await tf.ready();
    for (const l of process.listeners('uncaughtException')) if (!before.e.includes(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!before.r.includes(l)) process.removeListener('unhandledRejection', l);
    if (!ok) throw new InputError('The TensorFlow.js WASM backend could not start.');
    return tf;
  })();
  return ready;
}

export { humanModelsDir, humanVersion } from './humanModels.ts';

interface ModelJson {
  modelTopology: unknown;
  weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: unknown;
  userDefinedMetadata?: Record<string, object>;
}

/** Load a TF.js graph model (model.json + weight shards) from disk. */
export async function loadGraphModelFile(jsonPath: string): Promise<GraphModel> {
  await initTfjs();
  let j: ModelJson;
  try {
    j = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
  } catch (e) {
    throw new InputError(`The model file ${path.basename(jsonPath)} could not be read (${(e as Error).message}). Reinstall the app's packages (npm ci).`);
  }
  const dir = path.dirname(jsonPath);
  const shards = j.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(dir, p))));
  const w = Buffer.concat(shards);
  // tfjs-converter decodes weights one by one and keeps those it made when a later one is cut short: check
  // the size first, so a truncated weights file fails with nothing allocated.
  const expected = weightBytes(j.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[]);
  if (expected !== null && expected !== w.byteLength) {
    throw new InputError(`The model file ${path.basename(jsonPath)} has ${w.byteLength} bytes of weights, ${expected} expected. Reinstall the app's packages (npm ci).`);
  }
  const weightData = w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer;
  return loadGraphModel({
    load: async (): Promise<tf.io.ModelArtifacts> => ({
      modelTopology: j.modelTopology as object,
      weightSpecs: j.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
      weightData,
      format: j.format,
      generatedBy: j.generatedBy,
      convertedBy: j.convertedBy ?? null,
      signature: j.signature as object | undefined,
      userDefinedMetadata: j.userDefinedMetadata,
    }),
  });
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint16: 2, int16: 2, uint8: 1, int8: 1, bool: 1 };

/** Bytes the manifest's weights take on disk, or null when one has a size the manifest does not give (strings). */
function weightBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const s of specs) {
    const bytes = DTYPE_BYTES[s.quantization?.dtype ?? s.dtype];
    if (bytes === undefined) return null;
    total += s.shape.reduce((a, b) => a * b, 1) * bytes;
  }
  return total;
}
