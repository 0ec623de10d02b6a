/** The plots under the timeline: lines on the recording's time axis, gaps where nothing was measured, fixed ranges. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLOT_H, PLOT_W, plotRange, signalPlot } from '../../../renderer/src/review/signalPlot.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

describe('signalPlot', () => {
  it('rhythm: one line per run of values, x on the recording\'s time axis, y from 0 to 8 Hz', () => {
    const plot = signalPlot([{ segment: 'left_arm', quantity: 'rhythmHz', unit: 'Hz', startS: 10, stepS: 5, values: [4, 2, null, 8, 0] }], 'rhythmHz', 100)!;
    assert.deepEqual([plot.min, plot.max, plot.ticks], [0, 8, [0, 4, 8]]);
    assert.deepEqual(plot.lines.map((l) => l.points), [`100,${PLOT_H / 2} 150,75`, `250,0 300,${PLOT_H}`]);
    assert.deepEqual(plot.segments, ['left_arm']);
    assert.equal(plot.unit, 'Hz');
  });

  it('values past the recording\'s end are not drawn; out-of-range values are clamped to the axis', () => {
    const plot = signalPlot([{ segment: 'right_arm', quantity: 'rhythmHz', unit: 'Hz', startS: 0, stepS: 10, values: [1, 20, 3] }], 'rhythmHz', 10)!;
    assert.equal(plot.max, 20, 'the axis grows to the largest value');
    assert.equal(plot.lines[0]!.points.split(' ').length, 2);
    assert.ok(plot.lines[0]!.points.split(' ').every((p) => Number(p.split(',')[0]) <= PLOT_W));
  });

  it('no series of a quantity, or only nulls: no plot', () => {
    assert.equal(signalPlot([], 'rhythmHz', 10), null);
    assert.equal(signalPlot([{ segment: 'head', quantity: 'rhythmHz', unit: 'Hz', startS: 0, stepS: 1, values: [null, null] }], 'rhythmHz', 10), null);
  });

  it('ranges: elbow 0-180, head symmetric about 0 in steps of 15 degrees', () => {
    assert.deepEqual(plotRange('elbowAngleDeg', [10, 200]).max, 180);
    assert.deepEqual(plotRange('headAngleDeg', [-70, 20]), { min: -75, max: 75, ticks: [-75, 0, 75] });
    assert.deepEqual(plotRange('headAngleDeg', [5]), { min: -45, max: 45, ticks: [-45, 0, 45] });
  });

  it('the focal fixture: both arms\' rhythm, left slowing from 3.6 Hz, in the order of the legend', () => {
    const plot = signalPlot(focalMeasuredSigns().series, 'rhythmHz', 150)!;
    assert.deepEqual(plot.segments, ['left_arm', 'right_arm']);
    const left = plot.lines.find((l) => l.segment === 'left_arm')!;
    const ys = left.points.split(' ').map((p) => Number(p.split(',')[1]));
    assert.ok(ys[0]! < ys[ys.length - 1]!, 'slowing: the line descends (y grows downwards)');
    assert.equal(signalPlot(focalMeasuredSigns().series, 'headAngleDeg', 150)!.lines.length, 2, 'the masked span breaks the line');
  });
});
