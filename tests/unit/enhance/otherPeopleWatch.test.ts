/**
 * OtherPeopleWatch: a person-sized change outside the patient's region between two pose frames calls for the
 * detector (the patient's own movement and small flicker do not), at most every MIN_GAP_S and backing off while
 * it finds nobody; while someone is in view their boxes are refreshed every REFRESH_S. othersThan keeps the
 * other people of a detection: not the patient, not small boxes, not a second box on the patient.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_GAP_S, MIN_GAP_S, othersThan, OtherPeopleWatch, REFRESH_S } from '../../../native-models/enhance/otherPeopleWatch.ts';
import { rgbImage } from '../../helpers/rgbImage.ts';

const W = 448, H = 252;
/** A grey room with dark rectangles (people, limbs) at the given boxes, plus a little deterministic noise. */
function room(boxes: Array<{ x: number; y: number; w: number; h: number }>, noise = 0, seed = 1) {
  let s = seed;
  return rgbImage(W, H, (x, y) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const n = Math.round(((s % 1000) / 1000 - 0.5) * 2 * noise);
    const v = boxes.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) ? 40 : 128;
    return [v + n, v + n, v + n];
  });
}
const patientRegion = { x: 150, y: 40, w: 160, h: 160 };
const det = (x: number, y: number, w: number, h: number, score = 0.8) => ({ box: { x, y, w, h }, score });

describe('OtherPeopleWatch.moved', () => {
  it('sees someone coming in outside the patient region, not the patient moving, not noise', () => {
    const watch = new OtherPeopleWatch();
    assert.equal(watch.moved(room([{ x: 200, y: 80, w: 60, h: 90 }], 4, 1), patientRegion), false, 'first frame: nothing to compare with');
    assert.equal(watch.moved(room([{ x: 204, y: 86, w: 60, h: 90 }], 4, 2), patientRegion), false, 'the patient moved inside its region');
    assert.equal(watch.moved(room([{ x: 204, y: 86, w: 60, h: 90 }], 4, 3), patientRegion), false, 'pixel noise');
    assert.equal(watch.moved(room([{ x: 204, y: 86, w: 60, h: 90 }, { x: 360, y: 60, w: 30, h: 120 }], 4, 4), patientRegion), true, 'a person comes in on the right');
    assert.equal(watch.moved(room([{ x: 204, y: 86, w: 60, h: 90 }, { x: 360, y: 60, w: 30, h: 120 }], 4, 5), patientRegion), false, 'and stands still');
    assert.equal(watch.moved(room([{ x: 204, y: 86, w: 60, h: 90 }, { x: 320, y: 60, w: 30, h: 120 }], 4, 6), patientRegion), true, 'then steps towards the bed');
  });

  it('counts movement anywhere when there is no patient region', () => {
    const watch = new OtherPeopleWatch();
    watch.moved(room([]), null);
    assert.equal(watch.moved(room([{ x: 200, y: 80, w: 40, h: 40 }]), null), true);
  });
});

describe('OtherPeopleWatch.due and seen', () => {
  const patient = { x: 150, y: 40, w: 120, h: 160 };
  const alone = [det(150, 40, 120, 160)];
  const visited = [det(150, 40, 120, 160), det(250, 30, 100, 180)];

  it('detects on movement at most every MIN_GAP_S and backs off up to MAX_GAP_S while it finds nobody', () => {
    const watch = new OtherPeopleWatch();
    assert.equal(watch.due(0, false), false, 'nothing moved, nobody known');
    assert.equal(watch.due(0, true), true);
    watch.seen(0, alone, patient, true);
    assert.deepEqual(watch.boxes, [], 'only the patient');
    assert.equal(watch.due(MIN_GAP_S, true), false, 'found nobody: the gap doubled');
    assert.equal(watch.due(2 * MIN_GAP_S, true), true);
    let t = 2 * MIN_GAP_S;
    for (let k = 0; k < 4; k++) { watch.seen(t, alone, patient, true); t += MAX_GAP_S; }
    assert.equal(watch.due(t - 0.1, true), false, 'the gap stops growing at MAX_GAP_S');
    assert.equal(watch.due(t, true), true);
    watch.seen(t, visited, patient, true);
    assert.equal(watch.boxes.length, 1, 'a visitor beside the patient');
    assert.equal(watch.due(t + MIN_GAP_S, true), true, 'someone found: back to MIN_GAP_S');
  });

  it('refreshes the boxes every REFRESH_S while someone is in view, without movement', () => {
    const watch = new OtherPeopleWatch();
    watch.seen(30, visited, patient);
    assert.equal(watch.due(30 + REFRESH_S - 0.1, false), false);
    assert.equal(watch.due(30 + REFRESH_S, false), true);
    watch.seen(40, alone, patient);
    assert.equal(watch.due(40 + REFRESH_S, false), false, 'nobody else any more');
  });

  it('looks once more when the movement stops (someone who came in half in view and stood still)', () => {
    const watch = new OtherPeopleWatch();
    assert.equal(watch.due(0, true), true);
    watch.seen(0, alone, patient, true);
    assert.equal(watch.due(0.4, true), false, 'still moving, within the gap');
    assert.equal(watch.due(0.6, false), false, 'stopped, but within the (doubled) gap');
    assert.equal(watch.due(2 * MIN_GAP_S, false), true, 'the movement stopped: look again');
    watch.seen(2 * MIN_GAP_S, visited, patient, true);
    assert.equal(watch.boxes.length, 1);
    assert.equal(watch.due(2, false), false, 'nothing moved since');
  });

  it('does not back off for the patient\'s own detections', () => {
    const watch = new OtherPeopleWatch();
    for (const t of [0, 10, 20, 30]) watch.seen(t, alone, patient);
    assert.equal(watch.due(30 + MIN_GAP_S, true), true);
  });
});

describe('othersThan', () => {
  const patient = { x: 150, y: 40, w: 120, h: 160 };
  it('keeps people beside or over the patient and drops the patient, small boxes and boxes on the patient', () => {
    const others = othersThan([
      det(148, 38, 125, 165), // the patient's own detection
      det(240, 20, 110, 200), // a visitor reaching over from the right
      det(20, 20, 15, 30), // a face on a poster
      det(170, 80, 60, 70), // a second box on the patient (an arm)
    ], patient);
    assert.deepEqual(others, [{ x: 240, y: 20, w: 110, h: 200 }]);
  });
  it('sizes people by the patient\'s detection when the tracked box is the smaller keypoint box', () => {
    const others = othersThan([det(140, 30, 200, 200), det(360, 100, 60, 70)], { x: 180, y: 60, w: 100, h: 100 });
    assert.deepEqual(others, [], 'a 70-px box is small beside a 200-px patient');
  });
});
