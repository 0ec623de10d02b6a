/**
 * The pose estimator in its worker thread: a failed start-up (corrupt model copy) rejects with the worker's
 * InputError and ends the worker (the process's thread count comes back); a cancelled start-up gives
 * CancelledError; an aborted request gives CancelledError at once and the worker stays usable; requests
 * still pending at dispose give CancelledError; dispose may be called twice.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CancelledError, InputError } from '../../../native-models/errors.ts';
import { createPoseEstimator } from '../../../native-models/enhance/poseEstimator.ts';
import { corruptModelsDir } from './testMedia.ts';

const threads = () => Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
const frame = { width: 160, height: 120, data: Buffer.alloc(160 * 120 * 3, 90) };

describe('pose estimator worker', () => {
  it('a failed start-up gives the InputError and ends the worker', async () => {
    const bad = corruptModelsDir();
    const fails = () => assert.rejects(createPoseEstimator({ worker: true, threads: 1, modelsDir: bad }),
      (e) => e instanceof InputError && /centernet\.json/.test(e.message));
    await fails(); // the first one also starts libuv's and the loader's threads
    const before = threads();
    await fails();
    await fails();
    assert.ok(threads() <= before, `threads ${threads()} after two failed starts, ${before} before`);
  });

  it('a cancelled start-up gives CancelledError', async () => {
    const ac = new AbortController();
    const start = createPoseEstimator({ worker: true, threads: 1, signal: ac.signal });
    ac.abort();
    await assert.rejects(start, CancelledError);
    await assert.rejects(createPoseEstimator({ worker: true, signal: AbortSignal.abort() }), CancelledError);
  });

  it('aborted and abandoned requests give CancelledError; dispose twice is safe', async () => {
    const estimator = await createPoseEstimator({ worker: true, threads: 1 });
    await assert.rejects(estimator.estimate(frame, AbortSignal.abort()), CancelledError);
    const ac = new AbortController();
    const running = estimator.estimate(frame, ac.signal);
    ac.abort();
    await assert.rejects(running, CancelledError);
    assert.ok(Array.isArray(await estimator.estimate(frame)), 'the worker still answers after an aborted request');
    const pending = estimator.detectPeople(frame).then(() => 'answered', (e: unknown) => e);
    await Promise.all([estimator.dispose(), estimator.dispose()]);
    const outcome = await pending; // answered before the close, or cancelled by it: never another error
    assert.ok(outcome === 'answered' || outcome instanceof CancelledError, String(outcome));
    await estimator.dispose();
    await assert.rejects(estimator.estimate(frame), CancelledError);
  });
});
