/**
 * The audio worker thread (started by enhanceAudioWorker.ts): RNNoise, the resampling to 16 kHz and Silero
 * voice activity for one recording, off the thread that feeds the video decoder and the pose worker. One
 * request, one reply; the PCM buffers are transferred both ways, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { enhanceAudioSignal } from './enhanceAudioSignal.ts';
import { toErrorPayload } from '../errors.ts';
import type { AudioWorkerReply, AudioWorkerRequest } from './enhanceAudioWorker.ts';

parentPort?.once('message', (req: AudioWorkerRequest) => {
  enhanceAudioSignal(req.pcm, req.sampleRate, req.options).then(
    (r) => {
      const transfer = [r.speech16k.buffer as ArrayBuffer, ...(r.denoised && r.denoised.buffer !== r.speech16k.buffer ? [r.denoised.buffer as ArrayBuffer] : [])];
      const reply: AudioWorkerReply = { ok: true, result: r };
      parentPort?.postMessage(reply, transfer);
    },
    (e: unknown) => { const reply: AudioWorkerReply = { ok: false, error: toErrorPayload(e) }; parentPort?.postMessage(reply); },
  );
});
