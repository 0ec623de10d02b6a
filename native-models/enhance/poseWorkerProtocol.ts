/**
 * The messages between the pose worker client (poseEstimatorWorker.ts, main thread) and its host
 * (poseWorkerMain.ts, worker thread): one request and one reply type per method, discriminated by `method`,
 * so both sides narrow with a `switch` instead of casting. Engine errors cross the thread boundary as the
 * engine's one error payload (errors.ts: `toErrorPayload`, `fromErrorPayload`), keeping their class, hint and
 * setting (a missing model stays an InputError).
 */
import type { ErrorPayload } from '../errors.ts';
import type { PersonDetection } from './personDetector.ts';
import type { PoseEstimatorOptions } from './poseEstimatorTypes.ts';
import type { Box, PersonPose } from './poseTypes.ts';
import type { Orientation } from './uprightView.ts';

/** An rgb24 frame as posted to the worker (its buffer is transferred). */
export interface FramePayload {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Start-up options the worker can receive (no signal: start-up is cancelled by ending the worker). */
export type PoseWorkerInitOptions = Omit<PoseEstimatorOptions, 'worker' | 'signal'>;

/** Per method: what the request carries and what the reply's result is. */
export interface PoseWorkerMethods {
  init: { params: { options: PoseWorkerInitOptions }; result: null };
  estimate: { params: { frame: FramePayload; orientation: Orientation }; result: PersonPose[] };
  detectPeople: { params: { frame: FramePayload; orientation: Orientation }; result: PersonDetection[] };
  estimateInRegion: { params: { frame: FramePayload; region: Box; orientation: Orientation }; result: PersonPose };
  dispose: { params: Record<never, never>; result: null };
}
export type PoseWorkerMethod = keyof PoseWorkerMethods;

export type PoseWorkerCall = { [M in PoseWorkerMethod]: { method: M } & PoseWorkerMethods[M]['params'] }[PoseWorkerMethod];
export type PoseWorkerRequest = PoseWorkerCall & { id: number };
export type PoseWorkerResult = { [M in PoseWorkerMethod]: { method: M; result: PoseWorkerMethods[M]['result'] } }[PoseWorkerMethod];

export type PoseWorkerReply = { id: number } & ({ ok: true } & PoseWorkerResult | { ok: false; error: ErrorPayload });
