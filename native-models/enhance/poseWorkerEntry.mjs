// Entry of the pose worker thread. Worker threads do not inherit the parent's `--import tsx` loader hooks, so
// running from source registers tsx here before loading the TypeScript worker. A bundled build can point
// SEMIOSCOPE_POSE_WORKER at its compiled worker file instead (see poseEstimatorWorker.ts).
const { register } = await import('tsx/esm/api');
register();
await import(new URL('./poseWorkerMain.ts', import.meta.url).href);
