/**
 * OrientationSearch: when to look at the frame the other ways up, which orientation to go on in (the best by
 * a margin), the search backing off while it finds nothing better, and a fixed setting never searching.
 * orientationScore: the best-seen person of a look.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FOUND_WELL_SCORE, OrientationSearch, orientationKey, orientationScore, SEARCH_MAX_GAP_S, SEARCH_MIN_GAP_S, SWITCH_MARGIN,
} from '../../../native-models/enhance/orientationSearch.ts';
import type { Orientation } from '../../../native-models/enhance/uprightView.ts';

const looks = (scores: Record<Orientation, number>) => ([0, 90, 180, 270] as const).map((o) => ({ orientation: o, score: scores[o] }));

describe('OrientationSearch', () => {
  it('starts upright, searches only when the patient is not found well, and takes the best orientation', () => {
    const s = new OrientationSearch();
    assert.equal(s.orientation, 0);
    assert.equal(s.shouldSearch(0, { orientation: 0, score: FOUND_WELL_SCORE }), false, 'found well: no search');
    assert.equal(s.shouldSearch(0, { orientation: 0, score: 0.05 }), true);
    assert.deepEqual(s.others(), [90, 180, 270]);
    assert.equal(s.choose(0, looks({ 0: 0.05, 90: 0.29, 180: 0.11, 270: 0 })), 90);
    assert.equal(s.orientation, 90);
    assert.deepEqual(s.others(), [0, 180, 270]);
  });

  it('keeps the current orientation unless another is better by the margin', () => {
    const s = new OrientationSearch();
    assert.equal(s.choose(0, looks({ 0: 0.15, 90: 0.15 + SWITCH_MARGIN / 2, 180: 0, 270: 0 })), 0);
    assert.equal(s.choose(10, looks({ 0: 0.15, 90: 0.15 + SWITCH_MARGIN * 1.5, 180: 0, 270: 0 })), 90);
    // Nobody anywhere (the patient out of view): stay.
    assert.equal(s.choose(20, looks({ 0: 0, 90: 0, 180: 0, 270: 0 })), 90);
  });

  it('backs off: searches at most every SEARCH_MIN_GAP_S, the gap doubling to SEARCH_MAX_GAP_S while nothing better is found', () => {
    const s = new OrientationSearch();
    const poor = { orientation: 0 as const, score: 0.01 };
    const nothing = looks({ 0: 0, 90: 0, 180: 0, 270: 0 });
    let t = 0;
    const searchedAt: number[] = [];
    for (; t <= 200; t += 1) {
      if (s.shouldSearch(t, poor)) { searchedAt.push(t); s.choose(t, nothing); }
    }
    const gaps = searchedAt.slice(1).map((x, i) => x - searchedAt[i]!);
    assert.equal(gaps[0], 2 * SEARCH_MIN_GAP_S, 'the first gap has already doubled once');
    assert.ok(gaps.every((g, i) => i === 0 || g >= gaps[i - 1]!), `gaps grow: ${gaps}`);
    assert.equal(Math.max(...gaps), SEARCH_MAX_GAP_S);
    // Found well again: the gap is back to the least.
    s.shouldSearch(t, { orientation: 0, score: 0.3 });
    assert.equal(s.shouldSearch(t + SEARCH_MIN_GAP_S, poor), true);
  });

  it('a fixed orientation never searches, and does not follow cached frames', () => {
    const s = new OrientationSearch(180);
    assert.equal(s.orientation, 180);
    assert.equal(s.shouldSearch(0, { orientation: 180, score: 0 }), false);
    s.follow(90);
    assert.equal(s.orientation, 180);
    const auto = new OrientationSearch('auto');
    auto.follow(270);
    assert.equal(auto.orientation, 270, 'auto goes on in the orientation cached frames were estimated in');
  });

  it('keys name the setting and the search version', () => {
    assert.equal(orientationKey(90), '90');
    assert.match(orientationKey('auto'), /^auto\.v\d+$/);
    assert.notEqual(orientationKey(0), orientationKey('auto'));
  });
});

describe('orientationScore', () => {
  it('is the best detection score times pose score of those seen, 0 for nobody', () => {
    assert.equal(orientationScore([]), 0);
    // Three people on a sofa: the tracker may take the one seen worst; the look counts the best seen.
    assert.equal(orientationScore([{ detectionScore: 0.38, poseScore: 0.36 }, { detectionScore: 0.6, poseScore: 0.48 }, { detectionScore: 0.3, poseScore: 0.2 }]), 0.6 * 0.48);
  });
});
