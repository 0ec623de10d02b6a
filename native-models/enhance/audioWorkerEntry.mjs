// Entry of the audio worker thread (see enhanceAudioWorker.ts). Worker threads do not inherit the parent's
// `--import tsx` loader hooks, so running from source registers tsx here before loading the TypeScript worker.
// A bundled build can point SEMIOSCOPE_AUDIO_WORKER at its compiled worker file instead.
const { register } = await import('tsx/esm/api');
register();
await import(new URL('./audioWorkerMain.ts', import.meta.url).href);
