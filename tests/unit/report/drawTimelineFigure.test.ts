/**
 * drawTimelineFigure: the tick step keeps the timeline at about ten ticks or fewer; with measured signs, each
 * measured feature's lane has a second row under its model row with the measured intervals at their times,
 * the patient's side (L / R / L+R), the masked spans and the disagreement flag. Checked on the real PDF:
 * where the figure says it drew (renderReport's layout), what pdftotext -bbox finds printed there, and the
 * pixels pdftoppm renders there. The figure's page goes to artifacts/report/timeline-measured/.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PNG } from 'pngjs';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { MEASURED_FEATURE_IDS, type MeasuredSigns } from '../../../native-models/contract/measuredSigns.ts';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';
import { ROW_NOT_MEASURABLE, SIDE_MARK } from '../../../native-models/report/drawMeasuredRow.ts';
import { tickStep, TIMELINE_HEADING, TIMELINE_MEASURED_HEADING, type TimelineFigureLayout } from '../../../native-models/report/drawTimelineFigure.ts';
import { renderReport } from '../../../native-models/report/writeReportPdf.ts';
import { FEATURES } from '../../../native-models/semiology/featureCatalogue.ts';
import { buildAnalysisFixture } from '../../helpers/analysisFixture.ts';
import { checkReportPdf, pageWords, renderPage, type CheckedReport } from '../../helpers/checkReportPdf.ts';
import { FOCAL_MEASURED_SIGNS, focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/report/timeline-measured');
const FIXED = { timeZone: 'UTC', generatedAt: new Date('2025-03-15T12:00:00Z') };
const DPI = 144;
const PX = DPI / 72;
let root: string;
before(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-timeline-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

interface Rendered { analysis: AnalysisResult; pdf: string; timeline: TimelineFigureLayout; report: CheckedReport }

/** The focal analysis with `measuredSigns` (and the pipeline's agreement when it has some), rendered and checked with poppler. */
async function render(name: string, measuredSigns: MeasuredSigns | null | undefined): Promise<Rendered> {
  const dir = path.join(root, name);
  const analysis = await buildAnalysisFixture(dir, { decisions: false, ...(measuredSigns !== undefined ? { measuredSigns } : {}) });
  if (measuredSigns) analysis.measurementAgreement = compareMeasuredSigns(analysis.findings, measuredSigns, analysis.segments);
  const { bytes, timeline } = await renderReport(analysis, { baseDir: dir, ...FIXED });
  const pdf = path.join(dir, 'report.pdf');
  await writeFile(pdf, bytes);
  return { analysis, pdf, timeline, report: await checkReportPdf(pdf, analysis) };
}

/** Share of the pixels in a box (points) that pass `is`. */
function share(png: PNG, x1: number, y1: number, x2: number, y2: number, is: (r: number, g: number, b: number) => boolean): number {
  let hit = 0, n = 0;
  for (let y = Math.ceil(y1 * PX); y < Math.floor(y2 * PX); y++) {
    for (let x = Math.ceil(x1 * PX); x < Math.floor(x2 * PX); x++) {
      const o = (y * png.width + x) * 4;
      if (is(png.data[o]!, png.data[o + 1]!, png.data[o + 2]!)) hit++;
      n++;
    }
  }
  assert.ok(n > 0, `empty box ${[x1, y1, x2, y2].join(',')}`);
  return hit / n;
}
/** The measured colour's hatching (teal), not the model's red, grey or amber. */
const teal = (r: number, g: number, b: number) => g - r > 40 && b - r > 30;
/** The masked spans' grey cross-hatching. */
const grey = (r: number, g: number, b: number) => r < 215 && Math.abs(r - g) < 16 && Math.abs(g - b) < 16;

const MEASURED_IN_ORDER = FEATURES.map((f) => f.id as string).filter((id) => (MEASURED_FEATURE_IDS as readonly string[]).includes(id));

test('timeline ticks stay at about ten or fewer', () => {
  for (const d of [20, 95, 150, 600, 1800, 7200]) assert.ok(d / tickStep(d) <= 10 || tickStep(d) === 3600, String(d));
  assert.equal(tickStep(150), 15);
});

describe('the measured row of each measured lane', () => {
  let r: Rendered;
  before(async () => { r = await render('focal', focalMeasuredSigns()); });

  test('sits under its model row, in catalogue order, with the intervals at their times, masked spans, flags', () => {
    const { timeline } = r;
    assert.deepEqual(timeline.measured.map((m) => m.featureId), MEASURED_IN_ORDER);
    assert.equal(timeline.lanes.length, FEATURES.length);
    for (const row of timeline.measured) {
      const i = timeline.lanes.findIndex((l) => l.featureId === row.featureId);
      const lane = timeline.lanes[i]!;
      const next = timeline.lanes[i + 1];
      assert.ok(row.y >= lane.y + lane.height, `${row.featureId}: the measured row starts under the model row`);
      assert.ok(!next || row.y + row.height <= next.y, `${row.featureId}: the measured row ends above the next lane`);
    }
    const xOf = (t: number) => timeline.plotX + (t / timeline.durationS) * timeline.plotW;
    const drawn = timeline.measured.flatMap((m) => m.intervals.map((iv) => ({ featureId: m.featureId, ...iv })));
    assert.deepEqual(drawn.map((d) => `${d.featureId} ${d.startS}-${d.endS} ${d.mark}`).sort(),
      FOCAL_MEASURED_SIGNS.map((s) => `${s.featureId} ${s.startS}-${s.endS} ${SIDE_MARK[s.side!]}`).sort());
    for (const d of drawn) {
      assert.ok(Math.abs(d.x1 - xOf(d.startS)) < 0.01 && Math.abs(d.x2 - xOf(d.endS)) < 0.01, `${d.featureId} at its times`);
      assert.ok(d.markX! > d.x2, `${d.featureId}: the side mark follows the interval`);
    }
    assert.deepEqual(timeline.measured.filter((m) => m.disagree).map((m) => m.featureId), ['arm_flexion', 'figure4']);
    assert.deepEqual(timeline.measured.filter((m) => m.notMeasurable).map((m) => m.featureId), ['limb_automatisms', 'pelvic_thrusting']);
    for (const m of timeline.measured) {
      assert.deepEqual(m.masked.map((s) => [s.startS, s.endS]), m.notMeasurable ? [] : [[14, 19]], `${m.featureId}: the masked care span`);
    }
  });

  test('prints the side marks and the disagreement flags where the rows are', () => {
    const { timeline, pdf, report } = r;
    const page = timeline.pageIndex + 1;
    assert.ok(report.pageTexts[page - 1]!.includes(TIMELINE_MEASURED_HEADING), 'the layout names the figure\'s page');
    const words = pageWords(pdf, page);
    const rowAt = (w: { yMin: number; yMax: number }) => timeline.measured.find((m) => w.yMin >= m.y - 1.5 && w.yMax <= m.y + m.height + 2);
    const marks = words.filter((w) => w.xMin >= timeline.plotX && ['L', 'R', 'L+R'].includes(w.text))
      .map((w) => `${rowAt(w)?.featureId} ${w.text} ${w.xMin.toFixed(1)}`).sort();
    const expected = timeline.measured.flatMap((m) => m.intervals.map((iv) => `${m.featureId} ${iv.mark} ${iv.markX!.toFixed(1)}`)).sort();
    assert.deepEqual(marks, expected);
    const flags = words.filter((w) => w.text === '⚠' && w.xMax < timeline.plotX).map((w) => rowAt(w)?.featureId);
    assert.deepEqual(flags, ['arm_flexion', 'figure4'], 'a ⚠ in the label column of each disagreeing row');
    const [first, second] = ROW_NOT_MEASURABLE.split(' ');
    const notMeasurable = words.filter((w, i) => w.text === first && words[i + 1]?.text === second && w.xMin >= timeline.plotX).map((w) => rowAt(w)?.featureId);
    assert.deepEqual(notMeasurable, ['limb_automatisms', 'pelvic_thrusting']);
  });

  test('draws the hatched intervals and masked spans in the rows, nothing measured on the model rows', async () => {
    const { timeline, pdf } = r;
    const png = await renderPage(pdf, timeline.pageIndex + 1, DPI, path.join(ARTIFACTS, 'figure'));
    const xOf = (t: number) => timeline.plotX + (t / timeline.durationS) * timeline.plotW;
    const row = (id: string) => timeline.measured.find((m) => m.featureId === id)!;
    for (const m of timeline.measured) {
      for (const iv of m.intervals) {
        const s = share(png, iv.x1 + 1, m.y + 1, iv.x2 - 1, m.y + m.height - 1, teal);
        assert.ok(s > 0.2, `${m.featureId} ${iv.startS}-${iv.endS}: hatched in the measured colour (${s.toFixed(2)})`);
      }
      for (const sp of m.masked) {
        const s = share(png, sp.x1 + 1, m.y + 1, sp.x2 - 1, m.y + m.height - 1, grey);
        assert.ok(s > 0.2, `${m.featureId}: masked span cross-hatched (${s.toFixed(2)})`);
        assert.equal(share(png, sp.x1 + 1, m.y + 1, sp.x2 - 1, m.y + m.height - 1, teal), 0);
      }
    }
    // Where nothing was measured the row is empty; the model's row above a measured interval shows no measurement.
    const clonic = row('clonic');
    assert.equal(share(png, xOf(30), clonic.y + 1, xOf(80), clonic.y + clonic.height - 1, teal), 0);
    const lane = timeline.lanes.find((l) => l.featureId === 'clonic')!;
    assert.equal(share(png, xOf(95), lane.y + 1, xOf(125), lane.y + lane.height - 1, teal), 0);
    const flexion = row('arm_flexion');
    assert.equal(share(png, xOf(40), flexion.y + 1, xOf(140), flexion.y + flexion.height - 1, teal), 0);
  });
});

test('a side mark that would run off the plot goes before its interval', async () => {
  const signs = [...FOCAL_MEASURED_SIGNS.filter((s) => s.featureId !== 'clonic'),
    { ...FOCAL_MEASURED_SIGNS.find((s) => s.featureId === 'clonic')!, startS: 131, endS: 150, side: 'bilateral' as const }];
  const { timeline, pdf } = await render('edge', focalMeasuredSigns({ signs, careIntervention: [] }));
  const clonic = timeline.measured.find((m) => m.featureId === 'clonic')!;
  const iv = clonic.intervals[0]!;
  assert.ok(iv.markX! < iv.x1, 'the mark is left of the interval');
  const word = pageWords(pdf, timeline.pageIndex + 1).find((w) => w.text === 'L+R' && w.yMin >= clonic.y - 1.5 && w.yMax <= clonic.y + clonic.height + 2);
  assert.ok(word && word.xMax <= iv.x1 + 0.5, `L+R printed before the interval: ${JSON.stringify(word)}`);
  assert.ok(timeline.measured.every((m) => m.masked.length === 0), 'no masked span without a care intervention');
});

test('no measured row without measured signs: an analysis made before the signals layer, and one with pose off', async () => {
  for (const [name, measured] of [['before', undefined], ['pose-off', null]] as const) {
    const { timeline, report } = await render(name, measured);
    assert.deepEqual(timeline.measured, [], name);
    assert.equal(timeline.lanes.length, FEATURES.length);
    const text = report.pageTexts[timeline.pageIndex]!;
    assert.ok(text.includes(TIMELINE_HEADING) && !text.includes(TIMELINE_MEASURED_HEADING), name);
    assert.ok(!/\bmeasured\b/.test(text.slice(text.indexOf(TIMELINE_HEADING))), `${name}: no measured row label`);
  }
});
