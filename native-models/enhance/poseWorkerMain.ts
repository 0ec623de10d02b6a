/** Entry of the pose worker thread (see poseEstimatorWorker.ts): hosts an in-process PoseEstimator. */
import { parentPort } from 'node:worker_threads';
import { createPoseEstimator, type PoseEstimator } from './poseEstimator.ts';
import type { PoseWorkerRequest, PoseWorkerResponse } from './poseEstimatorWorker.ts';

let estimator: PoseEstimator | null = null;

parentPort?.on('message', async (req: PoseWorkerRequest) => {
  const reply = (r: Omit<PoseWorkerResponse, 'id'>) => parentPort?.postMessage({ id: req.id, ...r });
  try {
    if (req.method === 'init') {
      estimator = await createPoseEstimator({ ...req.options, worker: false });
      reply({ result: null });
      return;
    }
    if (!estimator) throw new Error('pose worker not initialised');
    const frame = req.frame ? { width: req.frame.width, height: req.frame.height, data: Buffer.from(req.frame.data.buffer, req.frame.data.byteOffset, req.frame.data.byteLength) } : null;
    if (req.method === 'estimate' && frame) reply({ result: await estimator.estimate(frame) });
    else if (req.method === 'detectPeople' && frame) reply({ result: await estimator.detectPeople(frame) });
    else if (req.method === 'estimateInRegion' && frame && req.region) reply({ result: await estimator.estimateInRegion(frame, req.region) });
    else if (req.method === 'dispose') { await estimator.dispose(); estimator = null; reply({ result: null }); }
    else throw new Error(`bad pose worker request ${req.method}`);
  } catch (e) {
    reply({ error: (e as Error).message });
  }
});
