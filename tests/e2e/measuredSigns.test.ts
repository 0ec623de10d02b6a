/**
 * Measured signs on the review screen, in Chromium: an analysis with analysis.measuredSigns (the focal fixture
 * and tests/helpers/measuredSignsFixture.ts, over a 150 s recording ffmpeg makes) is recorded in a cache,
 * with the pipeline's measurementAgreement (compareMeasuredSigns), served by the loopback review bridge and opened from the list. The measured intervals sit in a second row
 * of their lanes at their times with the patient's side, the rhythm plot is under the timeline with the
 * playhead at the time shown, a disagreement between model and measurement is flagged in its finding (the
 * model's finding unchanged) and on its lane (a button with an accessible name and a tooltip, reached by Tab,
 * that takes the focus to the finding's note), masked care spans are shaded in the measured rows, a feature
 * the pose cannot show says why, and axe-core finds no serious or critical violation. Screenshots go to
 * test-results/measured-signs/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { MEASURED_REVIEW_DURATION_S, openMeasuredReview, type MeasuredReview } from '../helpers/openMeasuredReview.ts';
import { REPO } from '../helpers/runCli.ts';

const SHOTS = path.join(REPO, 'test-results', 'measured-signs');
const DURATION_S = MEASURED_REVIEW_DURATION_S;
let review: MeasuredReview;
let page: Page;
let figure4Note: string;
let flexionNote: string;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  review = await openMeasuredReview('semioscope-measured-signs-');
  page = review.page;
  figure4Note = review.analysis.measurementAgreement!.find((e) => e.featureId === 'figure4')!.note;
  flexionNote = review.analysis.measurementAgreement!.find((e) => e.featureId === 'arm_flexion')!.note;
});
after(async () => {
  await review?.close();
});

/** Left edge and width of an element as a share of its lane track (the timeline's time axis). */
async function share(selector: string): Promise<{ left: number; width: number }> {
  return page.$eval(selector, (el) => {
    const track = el.closest('.lane-track')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return { left: (r.left - track.left) / track.width, width: r.width / track.width };
  });
}

describe('measured signs on the review screen', () => {
  it('draws the measured intervals as a second row of their lanes, at their times, with the patient\'s side and a tooltip', async () => {
    const clonic = await page.$$('[data-testid=measured-clonic]');
    assert.equal(clonic.length, 1);
    assert.deepEqual(await clonic[0]!.evaluate((e) => [e.dataset.startS, e.dataset.endS, e.dataset.side]), ['89.5', '128', 'left']);
    const at = await share('[data-testid=measured-clonic]');
    assert.ok(Math.abs(at.left - 89.5 / DURATION_S) < 0.005 && Math.abs(at.width - 38.5 / DURATION_S) < 0.005, JSON.stringify(at));
    const title = await clonic[0]!.getAttribute('title');
    assert.match(title ?? '', /patient's left · onset 89\.5 s · 38\.5 s long · 2\.9 Hz, slowing 0\.05 Hz\/s · evidence strength 0\.78/);
    // Below the model's blocks, not on them.
    const rows = await page.$eval('[data-testid=lane-clonic]', (lane) => {
      const m = lane.querySelector('[data-testid=measured-clonic]')!.getBoundingClientRect();
      const segs = Array.from(lane.querySelectorAll(".segment")).map((s) => s.getBoundingClientRect().bottom);
      return { measuredTop: m.top, segmentsBottom: Math.max(...segs) };
    });
    assert.ok(rows.measuredTop >= rows.segmentsBottom, JSON.stringify(rows));
    assert.deepEqual(await page.$$eval('[data-testid=measured-head_turning]', (els) => els.map((e) => e.dataset.side)), ['right']);
    assert.equal((await page.$$('[data-testid^=measured-blank_stare]')).length, 0, 'a feature the pose does not measure has no second row');
    const reason = await page.getAttribute('[data-testid=not-measurable-pelvic_thrusting]', 'title');
    assert.match(reason ?? '', /^not measurable from this view: the hips were not seen/);
    await page.locator('.timeline').first().screenshot({ path: path.join(SHOTS, 'timeline.png') });
  });

  it('plots rhythm frequency per limb under the timeline, on its time axis, with the playhead', async () => {
    const plot = page.locator('[data-testid=rhythm-plot]');
    assert.equal(await plot.count(), 1);
    assert.equal(await plot.getAttribute('data-lines'), '2');
    assert.equal(await plot.locator('polyline').count(), 2);
    await page.fill('[data-testid=go-to]', '100');
    await page.press('[data-testid=go-to]', 'Enter');
    await page.waitForFunction(() => Math.abs((document.querySelector('[data-testid=player]') as HTMLVideoElement).currentTime - 100) < 0.5, undefined, { timeout: 10_000 });
    const x = await page.$eval('[data-testid=rhythm-plot] [data-testid=plot-playhead]', (p) => {
      const area = p.parentElement!.getBoundingClientRect();
      const ruler = document.querySelector('[data-testid=ruler]')!.getBoundingClientRect();
      const head = document.querySelector('[data-testid=playhead]')!.getBoundingClientRect();
      return { plot: p.getBoundingClientRect().left, head: head.left, areaLeft: area.left, rulerLeft: ruler.left, areaW: area.width, rulerW: ruler.width };
    });
    assert.ok(Math.abs(x.areaLeft - x.rulerLeft) < 1.5 && Math.abs(x.areaW - x.rulerW) < 1.5, `the plot shares the lanes' time axis: ${JSON.stringify(x)}`);
    assert.ok(Math.abs(x.plot - x.head) < 1.5, `the plot's playhead is under the timeline's: ${JSON.stringify(x)}`);
    assert.equal(await page.locator('[data-testid=elbow-plot]').count(), 1);
    await page.locator('.signal-plots').screenshot({ path: path.join(SHOTS, 'rhythm-plot.png') });
  });

  it('flags a disagreement between model and measurement in the finding, leaving the model\'s finding as it was', async () => {
    const figure4 = page.locator('[data-testid=finding-figure4]');
    assert.equal(await figure4.locator('.finding-status').textContent(), 'Present', 'the model\'s finding is shown unchanged');
    assert.equal(await figure4.locator('[data-testid=disagree-figure4]').textContent(), `⚠ Model and measurement disagree: review. ${figure4Note}`);
    const flexion = page.locator('[data-testid=finding-arm_flexion]');
    assert.equal(await flexion.locator('.finding-status').textContent(), 'Absent');
    assert.equal(await flexion.locator('[data-testid=measured-evidence-arm_flexion]').getAttribute('data-agreement'), 'disagree');
    const clonic = page.locator('[data-testid=measured-evidence-clonic]');
    assert.equal(await clonic.getAttribute('data-agreement'), 'agree');
    assert.match(await clonic.textContent() ?? '', /Measured: patient's left · onset 89\.5 s · 38\.5 s long · 2\.9 Hz/);
    assert.match(await page.locator('[data-testid=measured-evidence-limb_automatisms]').textContent() ?? '', /not measurable from this view: the 17-point body pose has no hand/);
    // The measured onset seeks.
    await clonic.locator('button.onset').click();
    await page.waitForFunction(() => Math.abs((document.querySelector('[data-testid=player]') as HTMLVideoElement).currentTime - 89.5) < 0.5, undefined, { timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'review-screen.png'), fullPage: true });
    await page.locator('[data-testid=finding-figure4]').screenshot({ path: path.join(SHOTS, 'finding-disagree.png') });
    await page.locator('[data-testid=finding-clonic]').screenshot({ path: path.join(SHOTS, 'finding-agree.png') });
  });

  it('shades the masked care span in each measurable lane\'s measured row, not in a row the pose cannot measure', async () => {
    assert.deepEqual(await page.$$eval('[data-testid=masked-clonic]', (els) => els.map((e) => [e.dataset.startS, e.dataset.endS])), [['14', '19']]);
    const at = await share('[data-testid=masked-clonic]');
    assert.ok(Math.abs(at.left - 14 / DURATION_S) < 0.005 && Math.abs(at.width - 5 / DURATION_S) < 0.005, JSON.stringify(at));
    assert.match(await page.getAttribute('[data-testid=masked-figure4]', 'title') ?? '', /^Masked, not measured: another person overlapped the patient, 14\.0-19\.0 s/);
    assert.equal(await page.locator('[data-testid=masked-pelvic_thrusting]').count(), 0);
  });

  it('flags a disagreement on its lane too: ⚠ and words, an accessible name and a tooltip, reached by Tab, taking the focus to the finding\'s note', async () => {
    const marked = await page.$$eval('[data-testid^=lane-disagree-]', (els) => els.map((e) => e.dataset.testid!.replace('lane-disagree-', '')).sort());
    const flagged = await page.$$eval('.measured-disagree', (els) => els.map((e) => e.dataset.testid!.replace('disagree-', '')).sort());
    assert.deepEqual(marked, ['arm_flexion', 'figure4'], 'the lanes whose finding and measurement disagree, and only those');
    assert.deepEqual(marked, flagged, 'the same features as the findings panel flags');
    const mark = page.locator('[data-testid=lane-figure4] [data-testid=lane-disagree-figure4]');
    assert.equal(await mark.count(), 1, 'the mark sits on its own lane');
    assert.equal((await mark.textContent())?.replace(/\s+/g, ' ').trim(), '⚠ disagree', 'a sign and a word, not colour alone');
    assert.equal(await mark.getAttribute('title'), `Model and measurement disagree: review. ${figure4Note}`);
    assert.equal(await page.getByRole('button', { name: `Figure-4 sign: model and measurement disagree: review. ${figure4Note}`, exact: true }).count(), 1, 'its accessible name');
    assert.equal(await page.getByRole('button', { name: `Arm flexion: model and measurement disagree: review. ${flexionNote}`, exact: true }).count(), 1);
    // Under the feature's name, on the measured row's line: not over the model's segments.
    const where = await page.$eval('[data-testid=lane-figure4]', (lane) => {
      const m = lane.querySelector('[data-testid=lane-disagree-figure4]')!.getBoundingClientRect();
      const name = lane.querySelector('.lane-name')!.getBoundingClientRect();
      const track = lane.querySelector('.lane-track')!.getBoundingClientRect();
      const box = lane.getBoundingClientRect();
      return { top: m.top, bottom: m.bottom, right: m.right, nameBottom: name.bottom, trackLeft: track.left, laneTop: box.top, laneBottom: box.bottom };
    });
    assert.ok(where.top >= where.nameBottom - 1 && where.bottom <= where.laneBottom + 1 && where.right <= where.trackLeft, JSON.stringify(where));
    assert.equal(await page.locator('[data-testid=lane-clonic] [data-testid^=lane-disagree-]').count(), 0, 'no mark where model and measurement agree');
    await page.locator('.timeline').first().screenshot({ path: path.join(SHOTS, 'timeline-disagree.png') });
    await page.locator('.lane-group', { has: page.locator('[data-testid=lane-figure4]') }).screenshot({ path: path.join(SHOTS, 'lanes-disagree.png') });

    // Keyboard: Tab from the last segment of the lane above reaches the mark; Enter takes the focus to the finding's note.
    await page.locator('[data-testid=lane-head_turning] .segment').last().focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid), 'lane-disagree-arm_flexion');
    await page.locator('[data-testid=lane-arm_flexion]').screenshot({ path: path.join(SHOTS, 'lane-mark-focused.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'measured-disagree-arm_flexion', undefined, { timeout: 5_000 });
    assert.match(await page.locator('[data-testid=finding-arm_flexion]').getAttribute('class') ?? '', /\bselected\b/, 'the finding is selected');
    const visible = await page.$eval('#measured-disagree-arm_flexion', (note) => {
      const r = note.getBoundingClientRect();
      const panel = note.closest('.findings')!.getBoundingClientRect();
      return r.top >= panel.top - 1 && r.bottom <= panel.bottom + 1;
    });
    assert.ok(visible, 'the note is scrolled into view in the findings panel');
    assert.equal(await page.locator('[data-testid=finding-arm_flexion] .finding-status').textContent(), 'Absent', 'the model\'s finding is shown unchanged');
    await page.screenshot({ path: path.join(SHOTS, 'review-screen-disagree.png'), fullPage: true });
  });

  it('has no serious or critical accessibility violation (axe-core) with the measured rows, plots and flags shown', async () => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
    assert.deepEqual(bad, []);
    assert.ok(await page.locator('[data-testid^=lane-disagree-]').count() > 0, 'the scan saw the lane flags');
  });
});
