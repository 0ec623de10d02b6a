/** recordingKey and patientIdOf: how a recording file name becomes the key that matches labels to predictions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patientIdOf, recordingKey } from '../../../native-models/evaluation/recordingKey.ts';

describe('recording keys and patients', () => {
  it('drops directory and extension, so x.mp4 and x.wav match; patient is the first @ field', () => {
    assert.equal(recordingKey('/data/A0002@5-13-2021@UA6693LK@sz_v1.mp4'), 'A0002@5-13-2021@UA6693LK@sz_v1');
    assert.equal(recordingKey('C:\\v\\A0002@x@sz_v1.wav'), 'A0002@x@sz_v1');
    assert.equal(recordingKey('noext'), 'noext');
    assert.equal(patientIdOf('A0002@5-13-2021@UA6693LK@sz_v1.mp4'), 'A0002');
  });
});
