/**
 * The two pose-stack networks (MoveNet Lightning, CenterNet person detector) behind one interface, on either
 * runtime: `onnx` (default) converts @vladmandic/human's TF.js graph models to ONNX (`tfjsGraphToOnnx.ts`,
 * ~0.3 s a model), once: the result is kept in the per-user cache (`convertedPoseModel.ts`), and runs them on
 * onnxruntime-node's native CPU kernels; `tfjs`
 * runs the original graphs on TF.js's WASM backend (single-threaded in Node; kept as the reference the
 * converted models are tested against). Inputs come from `poseModelInputs.ts`, so both see the same tensors.
 */
import os from 'node:os';
import path from 'node:path';
import { asCancellation, InputError, throwIfCancelled } from '../errors.ts';
import { loadConvertedModel } from './convertedPoseModel.ts';
import { createOrtSession, loadOrt } from './onnxRuntime.ts';
import { humanModelsDir } from './humanModels.ts';

export type PoseRuntime = 'onnx' | 'tfjs';

export const MOVENET_SIZE = 192;
export const CENTERNET_SIZE = 512;
const CENTERNET_OUTPUT = 'tower_0/detections';

export interface PoseModelRunner {
  readonly runtime: PoseRuntime;
  /** int32 NHWC [1,192,192,3] -> 17 x (y, x, score), y and x relative to the input square. */
  moveNet(input: Int32Array): Promise<Float32Array>;
  /** float32 NHWC [1,512,512,3] (0..255) -> 100 x (x1, y1, x2, y2, score, class) in input pixels. */
  centerNet(input: Float32Array): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export interface PoseModelRunnerOptions {
  runtime?: PoseRuntime;
  /** Folder with movenet-lightning.json and centernet.json; default @vladmandic/human's models/. */
  modelsDir?: string;
  /** onnxruntime intra-op threads. Default: half the cores, 1 to 4 (the rest decode video and run the app). */
  threads?: number;
  /** Cancels start-up (model conversion and loading): CancelledError, nothing left loaded. */
  signal?: AbortSignal;
}

export function defaultPoseThreads(): number {
  return Math.max(1, Math.min(4, Math.floor(os.availableParallelism() / 2)));
}

export async function createPoseModelRunner(options: PoseModelRunnerOptions = {}): Promise<PoseModelRunner> {
  const dir = options.modelsDir ?? humanModelsDir();
  return (options.runtime ?? 'onnx') === 'onnx' ? createOnnxRunner(dir, options.threads ?? defaultPoseThreads(), options.signal) : createTfjsRunner(dir, options.signal);
}

async function createOnnxRunner(dir: string, threads: number, signal?: AbortSignal): Promise<PoseModelRunner> {
  const ort = await loadOrt();
  const open = async (file: string, outputs?: string[]) => {
    throwIfCancelled(signal);
    let converted;
    try {
      converted = await loadConvertedModel(path.join(dir, file), outputs);
    } catch (e) {
      throw new InputError(`The pose model ${file} could not be prepared (${(e as Error).message}). Reinstall the app's packages (scripts/setup.sh).`);
    }
    let session;
    try {
      session = await createOrtSession(converted.model, {
        intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
      });
    } catch (e) {
      throw new InputError(`The pose model ${file} could not be loaded by onnxruntime (${(e as Error).message}). Reinstall the app's packages (scripts/setup.sh).`);
    }
    return { session, input: converted.inputs[0]!.name, output: converted.outputs[0]! };
  };
  // All or nothing: a model that fails to load releases the ones already loaded.
  const opened: Array<Awaited<ReturnType<typeof open>>> = [];
  const releaseAll = async () => { for (const m of opened.splice(0)) await m.session.release(); };
  try {
    opened.push(await open('movenet-lightning.json'));
    opened.push(await open('centernet.json', [CENTERNET_OUTPUT]));
    throwIfCancelled(signal);
  } catch (e) {
    await releaseAll();
    throw asCancellation(e, signal);
  }
  const [moveNet, centerNet] = [opened[0]!, opened[1]!];
  const run = async (m: typeof moveNet, tensor: InstanceType<typeof ort.Tensor>) => {
    const out = await m.session.run({ [m.input]: tensor });
    return out[m.output]!.data as Float32Array;
  };
  return {
    runtime: 'onnx',
    moveNet: (input) => run(moveNet, new ort.Tensor('int32', input, [1, MOVENET_SIZE, MOVENET_SIZE, 3])),
    centerNet: (input) => run(centerNet, new ort.Tensor('float32', input, [1, CENTERNET_SIZE, CENTERNET_SIZE, 3])),
    dispose: releaseAll,
  };
}

async function createTfjsRunner(dir: string, signal?: AbortSignal): Promise<PoseModelRunner> {
  const { initTfjs, loadGraphModelFile } = await import('./tfjsRuntime.ts');
  const tf = await initTfjs();
  const loaded: Array<import('@tensorflow/tfjs-converter').GraphModel> = [];
  const disposeAll = async () => { for (const m of loaded.splice(0)) m.dispose(); };
  try {
    for (const file of ['movenet-lightning.json', 'centernet.json']) {
      throwIfCancelled(signal);
      loaded.push(await loadGraphModelFile(path.join(dir, file)));
    }
  } catch (e) {
    await disposeAll();
    throw asCancellation(e, signal);
  }
  const [moveNet, centerNet] = [loaded[0]!, loaded[1]!];
  const run = async (exec: () => import('@tensorflow/tfjs-core').Tensor) => {
    const out = exec();
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  };
  return {
    runtime: 'tfjs',
    moveNet: (input) => run(() => tf.tidy(() => moveNet.execute(tf.tensor4d(input, [1, MOVENET_SIZE, MOVENET_SIZE, 3], 'int32')) as import('@tensorflow/tfjs-core').Tensor)),
    centerNet: (input) => run(() => tf.tidy(() => centerNet.execute(tf.tensor4d(input, [1, CENTERNET_SIZE, CENTERNET_SIZE, 3], 'float32'), CENTERNET_OUTPUT) as import('@tensorflow/tfjs-core').Tensor)),
    dispose: disposeAll,
  };
}
