/**
 * Pose model start-up is all or nothing: when the second model (CenterNet) fails to load, the first
 * (MoveNet, already an onnxruntime session) is released; a cancelled start-up leaves nothing loaded; dispose
 * may be called twice. The failing model is a corrupt copy (truncated weights) in a temp folder.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError, InputError } from '../../../native-models/errors.ts';
import { liveOrtSessions } from '../../../native-models/enhance/onnxRuntime.ts';
import { createPoseModelRunner } from '../../../native-models/enhance/poseModelRunner.ts';
import * as tf from '@tensorflow/tfjs-core';
import { initTfjs } from '../../../native-models/enhance/tfjsRuntime.ts';
import { corruptModelsDir } from './testMedia.ts';

describe('pose model runner start-up', () => {
  it('a failing second model releases the first and names the bad file', async () => {
    const before = liveOrtSessions();
    await assert.rejects(createPoseModelRunner({ runtime: 'onnx', threads: 1, modelsDir: corruptModelsDir() }),
      (e) => e instanceof InputError && /centernet\.json/.test(e.message));
    assert.equal(liveOrtSessions(), before);
  });

  it('a cancelled start-up gives CancelledError and leaves no session', async () => {
    const before = liveOrtSessions();
    await assert.rejects(createPoseModelRunner({ runtime: 'onnx', threads: 1, signal: AbortSignal.abort() }), CancelledError);
    assert.equal(liveOrtSessions(), before);
  });

  it('dispose releases both sessions and is safe to call twice', async () => {
    const before = liveOrtSessions();
    const runner = await createPoseModelRunner({ runtime: 'onnx', threads: 1 });
    assert.equal(liveOrtSessions(), before + 2);
    await runner.dispose();
    await runner.dispose();
    assert.equal(liveOrtSessions(), before);
  });

  it('the TF.js runtime fails on the corrupt folder without keeping the first model\'s tensors', async () => {
    await initTfjs();
    const before = tf.memory().numTensors;
    await assert.rejects(createPoseModelRunner({ runtime: 'tfjs', modelsDir: corruptModelsDir() }));
    assert.equal(tf.memory().numTensors, before);
  });
});
