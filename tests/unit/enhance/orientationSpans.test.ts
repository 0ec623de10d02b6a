/** orientationSpans: pose frames cut into spans where the orientation the models saw them in changes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orientationSpans } from '../../../native-models/enhance/orientationSpans.ts';

describe('orientationSpans', () => {
  it('gives one span per run of one orientation, in time order whatever the order of the frames', () => {
    const frames = [
      { tS: 0.2, orientation: 0 as const }, { tS: 0, orientation: 0 as const }, { tS: 0.4, orientation: 90 as const },
      { tS: 0.6, orientation: 90 as const }, { tS: 0.8, orientation: 0 as const },
    ];
    assert.deepEqual(orientationSpans(frames), [
      { startS: 0, endS: 0.2, degrees: 0 }, { startS: 0.4, endS: 0.6, degrees: 90 }, { startS: 0.8, endS: 0.8, degrees: 0 },
    ]);
  });

  it('gives no span without frames', () => {
    assert.deepEqual(orientationSpans([]), []);
  });
});
