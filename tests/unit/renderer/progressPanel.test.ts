/** What the progress panel shows (renderer/src/start/ProgressPanel.tsx): the percent once the total is known, the time left in words. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etaText, shownPercent } from '../../../renderer/src/start/ProgressPanel.tsx';

const event = (stage: 'probe' | 'analyse' | 'write', percent: number, total: number) => ({ stage, percent, etaS: null, message: '', done: 0, total });

describe('ProgressPanel', () => {
  it('shows 0 % while the engine does not know the total yet, then its percent', () => {
    assert.equal(shownPercent(null), 0);
    assert.equal(shownPercent(event('probe', 100, 0)), 0);
    assert.equal(shownPercent(event('analyse', 33.3, 9)), 33);
    assert.equal(shownPercent(event('write', 100, 0)), 100);
  });

  it('says the time left in seconds or minutes', () => {
    assert.equal(etaText(null), 'time left unknown');
    assert.equal(etaText(42.4), 'about 42 s left');
    assert.equal(etaText(125), 'about 2 min 5 s left');
  });
});
