/** drawTimelineFigure's tick step keeps the timeline at about ten ticks or fewer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tickStep } from '../../../native-models/report/drawTimelineFigure.ts';

test('timeline ticks stay at about ten or fewer', () => {
  for (const d of [20, 95, 150, 600, 1800, 7200]) assert.ok(d / tickStep(d) <= 10 || tickStep(d) === 3600, String(d));
  assert.equal(tickStep(150), 15);
});
