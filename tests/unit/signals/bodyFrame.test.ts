/** estimateBodyFrame: the patient's left from shoulders and hips, checked against the face; mirrored flips it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnhancedFrameRecord } from '../../../native-models/contract/analysisSchema.ts';
import { estimateBodyFrame } from '../../../native-models/signals/bodyFrame.ts';
import { buildKeypointTracks } from '../../../native-models/signals/keypointTracks.ts';
import { synthFrames } from './syntheticPatient.ts';

/** The whole body's labels exchanged (a model that took a front view for a back view), the face left as is. */
function bodyLabelsSwapped(frames: EnhancedFrameRecord[]): EnhancedFrameRecord[] {
  const swap = (n: string) => (/shoulder|elbow|wrist|hip|knee|ankle/.test(n) ? n.replace(/^left_/, 'x').replace(/^right_/, 'left_').replace(/^x/, 'right_') : n);
  return frames.map((f) => ({ ...f, keypoints: f.keypoints.map((k) => ({ ...k, name: swap(k.name) as typeof k.name })) }));
}

describe('estimateBodyFrame', () => {
  it('labels consistent with the face: the patient\'s left is the image\'s right for a supine patient seen from above', () => {
    const f = estimateBodyFrame(buildKeypointTracks(synthFrames({ durationS: 3, fps: 15 }), 15));
    assert.equal(f.summary.labelsSwapped, false);
    assert.equal(f.summary.faceAgreement, 1);
    assert.ok(f.summary.patientLeft!.x > 0.99);
    assert.equal(f.patientSide('left'), 'left');
  });

  it('body labels that contradict the visible face are treated as swapped', () => {
    const f = estimateBodyFrame(buildKeypointTracks(bodyLabelsSwapped(synthFrames({ durationS: 3, fps: 15 })), 15));
    assert.equal(f.summary.labelsSwapped, true);
    assert.equal(f.patientSide('left'), 'right');
    assert.ok(f.summary.patientLeft!.x > 0.99, 'still the image\'s right');
  });

  it('without a face the labels are trusted; mirrored flips the side', () => {
    const noFace = synthFrames({ durationS: 3, fps: 15, dropout: (_t, n) => /nose|eye/.test(n) });
    const f = estimateBodyFrame(buildKeypointTracks(bodyLabelsSwapped(noFace), 15));
    assert.equal(f.summary.faceSamples, 0);
    assert.equal(f.summary.labelsSwapped, false);
    const m = estimateBodyFrame(buildKeypointTracks(synthFrames({ durationS: 3, fps: 15 }), 15), true);
    assert.equal(m.patientSide('left'), 'right');
    assert.ok(m.summary.patientLeft!.x < -0.99);
  });
});
