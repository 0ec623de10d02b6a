/** Entry of the pose worker thread (see poseEstimatorWorker.ts): hosts an in-process PoseEstimator. */
import { parentPort } from 'node:worker_threads';
import type { RgbImage } from '../media/frameTypes.ts';
import { createPoseEstimator } from './poseEstimator.ts';
import type { PoseEstimator } from './poseEstimatorTypes.ts';
import { toErrorPayload } from '../errors.ts';
import type { FramePayload, PoseWorkerReply, PoseWorkerRequest, PoseWorkerResult } from './poseWorkerProtocol.ts';

let estimator: PoseEstimator | null = null;

function image(f: FramePayload): RgbImage {
  return { width: f.width, height: f.height, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) };
}

function ready(): PoseEstimator {
  if (!estimator) throw new Error('pose worker not initialised');
  return estimator;
}

async function handle(req: PoseWorkerRequest): Promise<PoseWorkerResult> {
  switch (req.method) {
    case 'init':
      estimator = await createPoseEstimator({ ...req.options, worker: false });
      return { method: 'init', result: null };
    case 'estimate':
      return { method: 'estimate', result: await ready().estimate(image(req.frame), undefined, req.orientation) };
    case 'detectPeople':
      return { method: 'detectPeople', result: await ready().detectPeople(image(req.frame), undefined, req.orientation) };
    case 'estimateInRegion':
      return { method: 'estimateInRegion', result: await ready().estimateInRegion(image(req.frame), req.region, undefined, req.orientation) };
    case 'dispose': {
      const e = estimator;
      estimator = null;
      await e?.dispose();
      return { method: 'dispose', result: null };
    }
  }
}

parentPort?.on('message', (req: PoseWorkerRequest) => {
  const reply = (r: PoseWorkerReply) => parentPort?.postMessage(r);
  handle(req).then(
    (result) => reply({ id: req.id, ok: true, ...result }),
    (e: unknown) => reply({ id: req.id, ok: false, error: toErrorPayload(e) }),
  );
});
