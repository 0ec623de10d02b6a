/** Brightness and contrast of the review video (renderer/src/review/pictureAdjust.ts): steps, limits, the CSS filter. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BRIGHTNESS, clampTo, CONTRAST, isNeutral, NEUTRAL, pictureFilter, stepPicture } from '../../../renderer/src/review/pictureAdjust.ts';

describe('pictureAdjust', () => {
  it('steps brightness 50 %-300 % and contrast 50 %-200 % by 25 %', () => {
    let p = NEUTRAL;
    p = stepPicture(p, 'brightness', 1);
    assert.deepEqual(p, { brightness: 125, contrast: 100 });
    for (let i = 0; i < 20; i++) p = stepPicture(p, 'brightness', 1);
    assert.equal(p.brightness, 300);
    for (let i = 0; i < 20; i++) p = stepPicture(p, 'brightness', -1);
    assert.equal(p.brightness, 50);
    for (let i = 0; i < 20; i++) p = stepPicture(p, 'contrast', 1);
    assert.equal(p.contrast, 200);
    assert.equal(stepPicture(NEUTRAL, 'contrast', -1).contrast, 75);
  });

  it('snaps slider values into the range', () => {
    assert.equal(clampTo(137, BRIGHTNESS), 125);
    assert.equal(clampTo(10, BRIGHTNESS), 50);
    assert.equal(clampTo(999, CONTRAST), 200);
    assert.equal(clampTo(Number.NaN, CONTRAST), 100);
  });

  it('filters the video only when changed', () => {
    assert.equal(pictureFilter(NEUTRAL), 'none');
    assert.ok(isNeutral(NEUTRAL));
    assert.equal(pictureFilter({ brightness: 200, contrast: 100 }), 'brightness(2)');
    assert.equal(pictureFilter({ brightness: 150, contrast: 125 }), 'brightness(1.5) contrast(1.25)');
    assert.ok(!isNeutral({ brightness: 100, contrast: 75 }));
  });
});
