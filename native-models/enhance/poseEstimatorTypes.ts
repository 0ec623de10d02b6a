/**
 * The pose estimator's interface, shared by the in-process implementation (poseEstimator.ts) and the worker
 * thread client (poseEstimatorWorker.ts) so neither imports the other.
 */
import type { PoseModelInfo } from '../contract/analysisSchema.ts';
import type { RgbImage } from '../media/frameTypes.ts';
import type { PersonDetection } from './personDetector.ts';
import type { PoseRuntime } from './poseModelRunner.ts';
import type { Box, PersonPose } from './poseTypes.ts';
import type { Orientation } from './uprightView.ts';

export interface PoseEstimatorOptions {
  /** Most people returned by `estimate` (largest detector scores first). Default 4. */
  maxPeople?: number;
  /** Person-detector threshold. Default 0.3. */
  minPersonScore?: number;
  /** Folder with movenet-lightning.json and centernet.json; default @vladmandic/human's models/. */
  modelsDir?: string;
  /** Run the models in a worker thread. Default false. */
  worker?: boolean;
  /** Model runtime: `onnx` (default, native) or `tfjs` (WASM, the reference). */
  runtime?: PoseRuntime;
  /** onnxruntime threads; default `defaultPoseThreads()`. */
  threads?: number;
  /** Cancels start-up: CancelledError, with nothing left loaded (and no worker left running). */
  signal?: AbortSignal;
}

/**
 * Every method takes an optional signal: an aborted one gives CancelledError (in the worker, at once, and
 * the worker's result is dropped when it comes). And an orientation (default 0, upright): the models look at
 * the frame turned so that a person lying that way stands upright (uprightView.ts); what they find comes back
 * in the frame's own pixels.
 */
export interface PoseEstimator {
  /** Cache identity of the models: part of the keypoint cache key. */
  readonly modelId: string;
  readonly info: PoseModelInfo;
  /** Every person found (detector, then MoveNet on each); MoveNet on the whole frame when nobody is detected. */
  estimate(frame: RgbImage, signal?: AbortSignal, orientation?: Orientation): Promise<PersonPose[]>;
  /** People only (CenterNet boxes, frame pixels), no keypoints: cheaper when only one person needs a pose. */
  detectPeople(frame: RgbImage, signal?: AbortSignal, orientation?: Orientation): Promise<PersonDetection[]>;
  /** MoveNet on a square crop around `region` (frame pixels): for a person already tracked or just detected. */
  estimateInRegion(frame: RgbImage, region: Box, signal?: AbortSignal, orientation?: Orientation): Promise<PersonPose>;
  /** Releases the models (and ends the worker). Safe to call more than once. */
  dispose(): Promise<void>;
}
