/** Engine errors as the bridge answers them: the status per kind, the engine's message, hint and setting, and no detail of a bug. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUG_MESSAGE, errorReply } from '../../../native-models/bridge/errorReply.ts';
import { BackendError, CancelledError, InputError, UsageError } from '../../../native-models/errors.ts';

describe('errorReply', () => {
  it('maps each kind of engine error to its status with its message, hint, setting and exit code', () => {
    assert.deepEqual(errorReply(new UsageError('The sampling rate is too high.', { setting: 'fps', hint: 'Use 0.1-30.' })),
      { status: 400, body: { error: { name: 'UsageError', message: 'The sampling rate is too high.', hint: 'Use 0.1-30.', setting: 'fps', exitCode: 2 } } });
    assert.equal(errorReply(new InputError('Not a video.')).status, 400);
    assert.equal(errorReply(new BackendError('The model server died.')).status, 502);
    const cancelled = errorReply(new CancelledError());
    assert.equal(cancelled.status, 409);
    assert.equal(cancelled.body.error.exitCode, 130);
  });

  it('answers a bug with 500 and a generic message: never its text or stack', () => {
    const r = errorReply(new TypeError('cannot read /home/patient-name/video.mp4'));
    assert.equal(r.status, 500);
    assert.deepEqual(r.body, { error: { name: 'Error', message: BUG_MESSAGE, exitCode: 1 } });
  });
});
