/**
 * The cache key of measured signs changes with everything that changes them: the pose track, the output
 * format, the signals layer's revision (a new way of measuring never serves the old measurements), the
 * mirrored setting and the frames measured; and with nothing else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measuredSignsKey } from '../../../native-models/pipeline/measuredSignsKey.ts';
import { MEASURE_SIGNS_REVISION } from '../../../native-models/signals/measureSigns.ts';

const base = { poseKey: 'pose=movenet@15fps', mirrored: false, frames: 2700 };

test('each part changes the key; the same parts give the same key', () => {
  const k = measuredSignsKey(base);
  assert.equal(measuredSignsKey({ ...base }), k);
  const variants = [
    measuredSignsKey({ ...base, poseKey: 'pose=movenet@10fps' }),
    measuredSignsKey({ ...base, mirrored: true }),
    measuredSignsKey({ ...base, frames: 2699 }),
    measuredSignsKey(base, MEASURE_SIGNS_REVISION - 1),
    measuredSignsKey(base, MEASURE_SIGNS_REVISION + 1),
  ];
  for (const v of variants) assert.notEqual(v, k);
  assert.equal(new Set(variants).size, variants.length);
  assert.equal(measuredSignsKey(base, MEASURE_SIGNS_REVISION), k, 'the current revision by default');
});
