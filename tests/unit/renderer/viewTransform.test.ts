/** Zoom and pan of the review video (renderer/src/review/viewTransform.ts): limits, zoom about a point, pan clamped to the picture, the CSS. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containBox, toCanvas } from '../../../renderer/src/review/overlayGeometry.ts';
import { clampView, contentFraction, IDENTITY, MAX_ZOOM, pan, toCss, viewBox, wheelFactor, ZOOM_STEP, zoomAt, zoomLabel, type View } from '../../../renderer/src/review/viewTransform.ts';

const near = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}${msg ? `: ${msg}` : ''}`);
/** Where a wrapper point (frame fractions) shows under the view. */
const shown = (v: View, p: { x: number; y: number }) => ({ x: v.scale * p.x + v.x, y: v.scale * p.y + v.y });

describe('viewTransform', () => {
  it('zooms about the pointer: the point under it stays under it', () => {
    const at = { x: 0.3, y: 0.7 };
    const v = zoomAt(IDENTITY, at, 2);
    assert.equal(v.scale, 2);
    near(v.x, -0.3); near(v.y, -0.7);
    const before = { x: (at.x - v.x) / v.scale, y: (at.y - v.y) / v.scale };
    const w = zoomAt(v, at, 1.5);
    const after = shown(w, before);
    near(after.x, at.x); near(after.y, at.y);
  });

  it('keeps the zoom within 1x-8x and the step and labels as shown', () => {
    let v = IDENTITY;
    for (let i = 0; i < 20; i++) v = zoomAt(v, { x: 0.5, y: 0.5 }, ZOOM_STEP);
    assert.equal(v.scale, MAX_ZOOM);
    assert.equal(zoomLabel(v), '8.0x');
    v = zoomAt(v, { x: 0.5, y: 0.5 }, 1 / 100);
    assert.deepEqual(v, IDENTITY);
    near(zoomAt(IDENTITY, { x: 0.5, y: 0.5 }, ZOOM_STEP ** 3).scale, 2);
    assert.equal(zoomLabel({ scale: 2.04, x: 0, y: 0 }), '2.0x');
  });

  it('zooming at a corner near the edge never shows outside the picture', () => {
    const v = zoomAt(IDENTITY, { x: 1, y: 0 }, 4);
    near(v.x, -3); near(v.y, 0);
    near(shown(v, { x: 1, y: 1 }).x, 1, 'the right edge stays at the frame edge');
  });

  it('pans, clamped so the picture never leaves the frame', () => {
    const v = zoomAt(IDENTITY, { x: 0.5, y: 0.5 }, 2);
    near(v.x, -0.5);
    const right = pan(v, 10, 0);
    near(right.x, 0, 'the left edge of the picture at most at the frame left');
    const left = pan(v, -10, -10);
    near(left.x, -1); near(left.y, -1);
    near(shown(left, { x: 1, y: 1 }).x, 1);
    assert.deepEqual(pan(IDENTITY, 0.3, -0.2), IDENTITY, 'nothing to pan at 1x');
    const some = pan(v, 0.1, 0.05);
    near(some.x, -0.4); near(some.y, -0.45);
  });

  it('letterboxed: a 4:3 picture in a 16:9 stage stays inside the frame while narrower than it, then covers it', () => {
    const c = contentFraction(1600, 900, 320, 240);
    near(c.x, 0.125); near(c.w, 0.75); near(c.y, 0); near(c.h, 1);
    assert.deepEqual(clampView(IDENTITY, c), IDENTITY);
    assert.deepEqual(pan(IDENTITY, 0.1, 0, c), IDENTITY, 'at 1x the picture stays where object-fit put it');
    // 0.75 * 1.2 = 0.9 of the frame wide: the point under the pointer stays while the picture fits inside.
    const at = { x: 0.6, y: 0.5 };
    const small = zoomAt(IDENTITY, at, 1.2, c);
    near(shown(small, at).x, at.x);
    const pushed = pan(small, 10, 0, c);
    near(shown(pushed, { x: c.x + c.w, y: 0 }).x, 1, 'pushed right: its right edge stops at the frame edge');
    near(shown(pan(small, -10, 0, c), { x: c.x, y: 0 }).x, 0);
    const big = pan(zoomAt(IDENTITY, { x: 0.5, y: 0.5 }, 4, c), 100, 0, c);
    near(shown(big, { x: c.x, y: 0 }).x, 0, 'the picture\'s left edge, not the pillar, meets the frame');
    const other = pan(big, -100, 0, c);
    near(shown(other, { x: c.x + c.w, y: 0 }).x, 1);
    assert.deepEqual(zoomAt(small, at, 0.5, c), IDENTITY, 'back at 1x: the whole picture as at first');
    assert.deepEqual(contentFraction(0, 0, 320, 240), { x: 0, y: 0, w: 1, h: 1 });
  });

  it('the overlay in the same wrapper lands where the video does (one transform for both)', () => {
    // A joint drawn at canvas px p (canvas = wrapper size) shows at s * p + t * frame, as the video pixel under it.
    const box = containBox(1600, 900, 320, 240);
    const joint = toCanvas(160, 120, 320, 240, box);
    const v = zoomAt(IDENTITY, { x: 0.25, y: 0.25 }, 3, contentFraction(1600, 900, 320, 240));
    const moved = viewBox({ x: joint.x, y: joint.y, w: 0, h: 0 }, v, 1600, 900);
    near(moved.x, v.scale * joint.x + v.x * 1600);
    const zoomedBox = viewBox(box, v, 1600, 900);
    const again = toCanvas(160, 120, 320, 240, zoomedBox);
    near(again.x, moved.x); near(again.y, moved.y);
  });

  it('writes the CSS transform in percentages of the wrapper, none at 1x', () => {
    assert.equal(toCss(IDENTITY), 'none');
    assert.equal(toCss({ scale: 2, x: -0.5, y: -0.25 }), 'translate(-50%, -25%) scale(2)');
  });

  it('a wheel notch zooms by a moderate factor, up is in', () => {
    assert.ok(wheelFactor(-100) > 1.15 && wheelFactor(-100) < 1.25);
    near(wheelFactor(100) * wheelFactor(-100), 1);
    near(wheelFactor(-3, 1), wheelFactor(-120));
    assert.equal(wheelFactor(0), 1);
  });

  it('repairs a nonsense view', () => {
    assert.deepEqual(clampView({ scale: Number.NaN, x: Number.NaN, y: 3 }), IDENTITY);
  });
});
