/** describeVariant: input variants named as a clinician would say them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeVariant } from '../../../native-models/report/describeVariant.ts';

test('variants read as a clinician would say them', () => {
  assert.equal(describeVariant('blank_stare', 'crop'), 'face crop');
  assert.equal(describeVariant('tonic', 'pose'), 'skeleton overlay');
  assert.equal(describeVariant('ictal_vocalization', 'base'), 'raw audio');
  assert.equal(describeVariant('ictal_vocalization', 'transcript'), 'audio + transcript');
});
