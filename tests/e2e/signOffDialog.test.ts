/**
 * The sign-off dialog, end to end in Chromium: an analysis with measured signs (the focal fixture and
 * tests/helpers/measuredSignsFixture.ts, over a 150 s recording ffmpeg makes: figure 4 present for the model
 * and not measured, arm flexion measured on the patient's right at 0:20 where the model found none) is
 * recorded in a real SQLite cache, served by the loopback review bridge and opened from the list. "Review
 * complete" with those undecided opens a modal dialog listing them (name, what the model said, what was
 * measured), focus inside it and trapped there, the review screen's keys kept out, Escape cancelling with
 * nothing recorded and nothing typed lost; "Go to finding" seeks and takes the focus to the finding; a
 * decided disagreement drops out; "Sign off anyway" records the sign-off, and the exported JSON and PDF say
 * it was signed off with one undecided; with none undecided the sign-off is one click as before. axe-core
 * finds no serious or critical violation with the dialog open. Screenshots go to test-results/signoff-dialog/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { parseAnalysisJson } from '../../native-models/contract/parseAnalysisJson.ts';
import { flattenText, renderPage } from '../helpers/checkReportPdf.ts';
import { openMeasuredReview, type MeasuredReview } from '../helpers/openMeasuredReview.ts';
import { REPO } from '../helpers/runCli.ts';

const SHOTS = path.join(REPO, 'test-results', 'signoff-dialog');
const REVIEWER = 'Dr Ngozi Okafor';
let review: MeasuredReview;
let db: string;
let analysisDir: string;
let page: Page;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  review = await openMeasuredReview('semioscope-signoff-dialog-');
  ({ db, analysisDir, page } = review);
  await page.fill('[data-testid=reviewer-name]', REVIEWER);
  await page.click('[data-testid=reviewer-save]');
  await page.waitForSelector('[data-testid=reviewer-shown]');
});
after(async () => {
  await review?.close();
});

const DIALOG = '[data-testid=signoff-dialog]';
const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.id ?? null);
const focusInDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid=signoff-dialog]')));
const videoTime = () => page.$eval('[data-testid=player]', (v) => (v as HTMLVideoElement).currentTime);
const logKinds = () => {
  const sqlite = new Database(db, { readonly: true });
  try {
    return (sqlite.prepare('SELECT kind, feature_id, decision FROM review_log ORDER BY id').all() as Array<{ kind: string; feature_id: string | null; decision: string | null }>)
      .map((r) => `${r.kind}:${r.feature_id ?? '-'}:${r.decision ?? '-'}`);
  } finally { sqlite.close(); }
};
async function accessibilityProblems(): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}
async function openDialog(): Promise<void> {
  await page.click('[data-testid=review-complete]');
  await page.waitForSelector(`${DIALOG}[open]`, { timeout: 10_000 });
}

describe('sign-off with undecided model/measurement disagreements', () => {
  it('lists them in a modal dialog: name, what the model said, what was measured; focus inside and trapped; keys kept out; no serious axe violation', async () => {
    // Something typed and not yet recorded, to prove cancelling loses nothing.
    await page.fill('[data-testid=finding-figure4] [data-testid=decision-comment]', 'posture hard to see under the blanket');
    await openDialog();
    const dialog = page.getByRole('dialog', { name: '2 model/measurement disagreements are undecided', exact: true });
    assert.equal(await dialog.count(), 1, 'a dialog named by its title');
    assert.deepEqual(await page.$$eval(`${DIALOG} li`, (els) => els.map((e) => (e as HTMLElement).dataset.testid)),
      ['signoff-disagreement-arm_flexion', 'signoff-disagreement-figure4'], 'in catalogue order');
    const item = (id: string, what: string) => page.innerText(`[data-testid=signoff-disagreement-${id}] [data-testid=${what}]`);
    assert.equal(await page.innerText('[data-testid=signoff-disagreement-arm_flexion] strong'), 'Arm flexion');
    assert.equal(await item('arm_flexion', 'model-said'), 'absent in every segment');
    assert.equal(await item('arm_flexion', 'measured'), "patient's right · onset 20.0 s · 6.0 s long · 62°");
    assert.equal(await item('figure4', 'model-said'), 'present from 84.0 s (positive 75.0–105.0 s)');
    assert.equal(await item('figure4', 'measured'), 'no interval measured');
    assert.equal(await page.$eval(DIALOG, (d) => (d as HTMLDialogElement).matches(':modal')), true, 'modal: the page behind is inert');
    assert.equal(await focused(), 'signoff-goto-arm_flexion', 'the focus starts on the first "Go to finding"');
    await page.locator(DIALOG).screenshot({ path: path.join(SHOTS, 'dialog.png') });
    await page.screenshot({ path: path.join(SHOTS, 'dialog-over-review.png') });
    assert.deepEqual(await accessibilityProblems(), [], 'review screen with the sign-off dialog open');

    // Tab cycles inside the dialog, both ways.
    const order: Array<string | null> = [];
    for (let i = 0; i < 5; i++) { await page.keyboard.press('Tab'); order.push(await focused()); assert.ok(await focusInDialog(), `Tab ${i + 1} left the dialog`); }
    assert.deepEqual(order, ['signoff-goto-figure4', 'signoff-cancel', 'signoff-anyway', 'signoff-goto-arm_flexion', 'signoff-goto-figure4']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'signoff-anyway', 'Shift+Tab from the first control goes round to the last');
    await page.locator(DIALOG).screenshot({ path: path.join(SHOTS, 'dialog-focus-sign-off-anyway.png') });

    // The review screen's keys do not act behind the dialog.
    const t0 = await videoTime();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('>');
    assert.equal(await videoTime(), t0, 'no frame step while the dialog is open');

    // Escape cancels: nothing recorded, the focus back on the button, what was typed still there.
    await page.keyboard.press('Escape');
    await page.waitForSelector(DIALOG, { state: 'detached', timeout: 5_000 });
    assert.equal(await page.getAttribute('[data-testid=review-status]', 'data-state'), 'open');
    assert.deepEqual(logKinds(), [], 'no entry recorded');
    assert.equal(await focused(), 'review-complete');
    assert.equal(await page.inputValue('[data-testid=finding-figure4] [data-testid=decision-comment]'), 'posture hard to see under the blanket');
  });

  it('"Cancel" closes it as Escape does; "Go to finding" (keyboard) closes it, seeks to the measured onset and takes the focus to the finding', async () => {
    await openDialog();
    await page.click('[data-testid=signoff-cancel]');
    await page.waitForSelector(DIALOG, { state: 'detached', timeout: 5_000 });
    assert.equal(await focused(), 'review-complete');
    assert.deepEqual(logKinds(), []);
    await openDialog();
    await page.keyboard.press('Enter');
    await page.waitForSelector(DIALOG, { state: 'detached', timeout: 5_000 });
    await page.waitForFunction(() => Math.abs((document.querySelector('[data-testid=player]') as HTMLVideoElement).currentTime - 20) < 0.3, undefined, { timeout: 10_000 });
    await page.waitForFunction(() => document.activeElement?.id === 'measured-disagree-arm_flexion', undefined, { timeout: 5_000 });
    assert.match(await page.getAttribute('[data-testid=finding-arm_flexion]', 'class') ?? '', /\bselected\b/, 'the finding is selected');
    assert.deepEqual(logKinds(), []);
    await page.screenshot({ path: path.join(SHOTS, 'went-to-finding.png') });
  });

  it('a decided disagreement drops out; "Sign off anyway" records the sign-off; the exported JSON and PDF list what was left undecided', async () => {
    await page.click('[data-testid=finding-arm_flexion] [data-testid=decision-confirm]');
    await page.waitForFunction(() => document.querySelector('[data-testid=finding-arm_flexion]')?.getAttribute('data-decision') === 'confirmed', undefined, { timeout: 10_000 });
    await openDialog();
    assert.equal(await page.innerText(`${DIALOG} h2`), '⚠ One model/measurement disagreement is undecided');
    assert.deepEqual(await page.$$eval(`${DIALOG} li`, (els) => els.map((e) => (e as HTMLElement).dataset.testid)), ['signoff-disagreement-figure4']);
    await page.locator(DIALOG).screenshot({ path: path.join(SHOTS, 'dialog-one.png') });
    await page.click('[data-testid=signoff-anyway]');
    await page.waitForSelector('[data-testid=review-status][data-state=complete]', { timeout: 10_000 });
    assert.equal(await page.locator(DIALOG).count(), 0);
    assert.deepEqual(logKinds(), ['decision:arm_flexion:confirmed', 'signoff:-:-']);

    await page.click('[data-testid=export-menu] summary');
    await page.click('[data-testid=export-json]');
    await page.waitForSelector('[data-testid=export-result] li[data-format=json]', { timeout: 20_000 });
    const json = parseAnalysisJson(readFileSync(path.join(analysisDir, 'analysis.reviewed.json'), 'utf8'), 'analysis.reviewed.json');
    assert.deepEqual(json.reviewDisagreements?.signOff?.undecided.map((d) => [d.featureId, d.model, d.measured.length]), [['figure4', 'present', 0]]);
    assert.equal(json.reviewDisagreements?.signOff?.reviewer, REVIEWER);
    assert.deepEqual(json.reviewDisagreements?.undecided.map((d) => d.featureId), ['figure4']);

    await page.click('[data-testid=export-pdf]');
    await page.waitForSelector('[data-testid=export-result] li[data-format=pdf]', { timeout: 60_000 });
    const pdf = path.join(analysisDir, 'report.pdf');
    const page1 = flattenText(execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    assert.ok(page1.includes('Clinician review: Review complete'), page1);
    assert.ok(page1.includes('⚠ Signed off with 1 model/measurement disagreement undecided: • Figure-4 sign — model: present from 1:24; measured: no interval'), page1);
    await renderPage(pdf, 1, 80, path.join(SHOTS, 'exported-report-page'));
    const all = flattenText(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    assert.ok(all.includes('Measured, model absent — for review'), 'the arm flexion measured where the model found none has its card');
  });

  it('with no disagreement undecided, signing off again is one click: no dialog', async () => {
    await page.click('[data-testid=finding-figure4] [data-testid=decision-reject]');
    await page.waitForSelector('[data-testid=review-status][data-state=amended]', { timeout: 10_000 });
    await page.evaluate(() => {
      (window as unknown as { dialogSeen: boolean }).dialogSeen = false;
      new MutationObserver(() => { if (document.querySelector('[data-testid=signoff-dialog]')) (window as unknown as { dialogSeen: boolean }).dialogSeen = true; })
        .observe(document.body, { childList: true, subtree: true });
    });
    await page.click('[data-testid=review-complete]');
    await page.waitForSelector('[data-testid=review-status][data-state=complete]', { timeout: 10_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { dialogSeen: boolean }).dialogSeen), false, 'no dialog on the way');
    assert.deepEqual(logKinds(), ['decision:arm_flexion:confirmed', 'signoff:-:-', 'decision:figure4:rejected', 'signoff:-:-']);
  });
});
