/** poseTrackKeys: the pose and track cache keys change with everything the pose track depends on. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orientationKey } from '../../../native-models/enhance/orientationSearch.ts';
import { poseModelInfo } from '../../../native-models/enhance/poseEstimator.ts';
import { OTHERS_VERSION, poseTrackKeys } from '../../../native-models/pipeline/poseTrackKeys.ts';

describe('poseTrackKeys', () => {
  const base = { poseFps: 15, frameSize: 448, patientOrientation: 'auto' as const };

  it('names the pose model, rate, frame size and orientation setting; the track key adds the other-people version', () => {
    const { poseKey, trackKey } = poseTrackKeys(base);
    assert.equal(poseKey, `${poseModelInfo().id};fps=15;size=448;orientation=${orientationKey('auto')}`);
    assert.equal(trackKey, `${poseKey};others=${OTHERS_VERSION}`);
  });

  it('differs when any part differs', () => {
    const keys = [base, { ...base, poseFps: 10 }, { ...base, frameSize: 672 }, { ...base, patientOrientation: 0 as const },
      { ...base, patientOrientation: 90 as const }, { ...base, patientOrientation: 270 as const }].map((p) => poseTrackKeys(p).trackKey);
    assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
  });
});
