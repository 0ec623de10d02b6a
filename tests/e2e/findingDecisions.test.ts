/**
 * The clinician's decisions in the review app, end to end: a recording generated with ffmpeg is analysed by
 * the real engine (AnalysisSession, the tiny random-weight Omni pair on the real llama-server, one thread),
 * the renderer is built with Vite and served by the loopback review bridge on that cache file, and Debian's
 * Chromium (playwright-core) drives the UI only: the reviewer's name is asked before any decision, one
 * finding is confirmed, one rejected, a missed sign added with its onset from the frame reached with Go-to
 * and a side, its offset set with `]`; a change made meanwhile elsewhere is refused with the engine's message
 * and the typed comment stays; after a reload all of it is there with its history; an undo, the sign-off and
 * a change after it ("Amended after sign-off"); the clinician's interval sits on its lane. The SQLite file refuses UPDATE and DELETE on the log. axe-core
 * scans the screen with the decision controls. Screenshots go to test-results/finding-decisions/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import react from '@vitejs/plugin-react';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { XMLValidator } from 'fast-xml-parser';
import { startReviewBridge, type ReviewBridge } from '../../native-models/bridge/startReviewBridge.ts';
import { makeSampleRecording } from '../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../native-models/demo/writeTinyModels.ts';
import { AnalysisSession } from '../../native-models/session/analysisSession.ts';
import { REPO } from '../helpers/runCli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'test-results', 'finding-decisions');
const REVIEWER = 'Dr Ana Müller-王';
const FEATURES = ['blank_stare', 'tonic', 'clonic'];
let dir: string;
let dbPath: string;
let sha: string;
let analysisId: number;
let bridge: ReviewBridge;
let browser: Browser;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Debian's Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'semioscope-decisions-'));
  // The fast-seek stills this test makes stay in its own folder, not in the user's cache.
  process.env.SEMIOSCOPE_STILLS_DIR = path.join(dir, 'stills');
  mkdirSync(SHOTS, { recursive: true });
  dbPath = path.join(dir, 'cache.sqlite');
  const dist = path.join(dir, 'renderer');
  const video = await makeSampleRecording(path.join(dir, 'rec.mp4'), { durationS: 12, width: 320, height: 240, fps: 10, audio: false, faststart: true });
  const models = await writeTinyModelPair('omni', path.join(dir, 'models'));
  {
    await using session = await AnalysisSession.open({ models: { main: { kind: 'local', model: models.model, mmproj: models.mmproj } }, dbPath,
      settings: { fps: 1, maxFrames: 2, frameSize: 112, threads: 1, segmentS: 5, overlapS: 1, features: FEATURES } });
    const out = await session.analyze({ videoPath: video, outDir: path.join(dir, 'analyses', 'rec') });
    sha = out.analysis.recording.sha256;
    analysisId = out.id;
  }
  await build({ root: path.join(REPO, 'renderer'), configFile: false, plugins: [react()], logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  bridge = await startReviewBridge({ rendererDir: dist, dbPath, analysesDir: path.join(dir, 'analyses') });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  await bridge?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function accessibilityProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}
const settled = (page: Page) => page.waitForFunction(() => { const v = document.querySelector('[data-testid=player]') as HTMLVideoElement; return !v.seeking && v.readyState >= 2; }, undefined, { timeout: 10_000 });
const inFinding = (id: string, testId: string) => `[data-testid=finding-${id}] [data-testid=${testId}]`;
const pressed = (page: Page, id: string, testId: string) => page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-pressed') === 'true', inFinding(id, testId), { timeout: 10_000 });
const historyOf = (page: Page, id: string) => page.$$eval(`[data-testid=history-${id}] li`, (els) => els.map((e) => ({ kind: e.getAttribute('data-kind'), decision: e.getAttribute('data-decision'), text: (e as HTMLElement).innerText })));
const historyLength = (page: Page, id: string, n: number) => page.waitForFunction(([sel, count]) => document.querySelectorAll(sel as string).length === count, [`[data-testid=history-${id}] li`, n] as const, { timeout: 10_000 });
async function goTo(page: Page, t: number) {
  await page.fill('[data-testid=go-to]', String(t));
  await page.press('[data-testid=go-to]', 'Enter');
  await settled(page);
  await page.waitForFunction((s) => document.querySelector('[data-testid=current-time]')?.textContent === s, t.toFixed(3), { timeout: 5_000 });
}
async function openRecording(page: Page) {
  await page.click(`[data-testid=recording-item][data-sha256="${sha}"]`, { timeout: 10_000 });
  await page.waitForSelector('[data-testid=player]', { timeout: 10_000 });
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('[data-testid=review-status]')?.textContent ?? 'Loading'), undefined, { timeout: 10_000 });
  await settled(page);
}
/** The log as the SQLite file holds it. */
const logRows = () => {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, analysis_id, kind, feature_id, decision, onset_s, offset_s, side, comment, reviewer, replaces FROM review_log WHERE recording_sha=? ORDER BY id').all(sha) as
      Array<{ id: number; analysis_id: number | null; kind: string; feature_id: string | null; decision: string | null; onset_s: number | null; offset_s: number | null; side: string | null; comment: string; reviewer: string; replaces: number | null }>;
  } finally { db.close(); }
};

describe('the clinician\'s decisions in the review app', () => {
  it('records decisions, an added sign, history, undo and sign-off through the UI; the log survives a reload and refuses rewriting', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1700 } })).newPage();
    const problems: string[] = [];
    // Refusals answer 400 on review:record (deliberately below); anything else failing is a problem.
    page.on('console', (m) => { if ((m.type() === 'error' && !/Failed to load resource/.test(m.text())) || /Content Security Policy/i.test(m.text())) problems.push(m.text()); });
    page.on('response', (r) => { const u = new URL(r.url()); if (r.status() >= 400 && u.pathname !== '/favicon.ico' && !(r.status() === 400 && u.pathname === '/api/review:record')) problems.push(`${r.status()} ${u.pathname}`); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(bridge.url);
    await openRecording(page);
    for (const id of FEATURES) {
      for (const t of ['decision-confirm', 'decision-reject', 'decision-uncertain', 'decision-comment', 'decision-side']) assert.ok(await page.$(inFinding(id, t)), `finding-${id} holds ${t}`);
    }
    assert.equal(await page.isDisabled(inFinding('blank_stare', 'decision-side')), true, 'a blank stare does not lateralize: no side');
    assert.equal(await page.isEnabled(inFinding('tonic', 'decision-side')), true, 'tonic lateralizes');
    assert.equal(await page.innerText('[data-testid=review-status]'), 'Review not signed off');

    // No name yet: the decision is not recorded, the name field is asked for.
    await page.waitForSelector('[data-testid=reviewer-name]');
    await page.fill(inFinding('blank_stare', 'decision-comment'), 'Eyes fixed, no response to voice');
    await page.click(inFinding('blank_stare', 'decision-confirm'));
    await page.waitForFunction(() => /Give the reviewer's name first/.test(document.querySelector('[data-testid=finding-blank_stare] [role=alert]')?.textContent ?? ''), undefined, { timeout: 5_000 });
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid), 'reviewer-name', 'the name field has the focus');
    assert.equal(await page.inputValue(inFinding('blank_stare', 'decision-comment')), 'Eyes fixed, no response to voice', 'the typed comment stays');
    assert.deepEqual(logRows(), [], 'nothing recorded without a reviewer');
    await shot(page, '1-reviewer-asked');
    // The engine refuses it too (the review API itself, same origin).
    const engineAnswer = await page.evaluate(async (s) => {
      const r = await fetch('/api/review:record', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ recordingSha256: s, analysisId: null, reviewer: '  ', replaces: null, change: { kind: 'decision', featureId: 'tonic', decision: 'confirmed' } }) });
      return { status: r.status, body: await r.json() as { error: { message: string } } };
    }, sha);
    assert.equal(engineAnswer.status, 400);
    assert.match(engineAnswer.body.error.message, /Give the reviewer's name first/);

    await page.fill('[data-testid=reviewer-name]', REVIEWER);
    await page.click('[data-testid=reviewer-save]');
    assert.equal(await page.innerText('[data-testid=reviewer-shown]'), REVIEWER);

    // Confirm one (with its comment), reject one.
    await page.click(inFinding('blank_stare', 'decision-confirm'));
    await pressed(page, 'blank_stare', 'decision-confirm');
    await page.click(inFinding('tonic', 'decision-reject'));
    await pressed(page, 'tonic', 'decision-reject');
    assert.equal(await page.getAttribute(inFinding('tonic', 'decision-confirm'), 'aria-pressed'), 'false');

    // Add a missed sign: onset from the frame reached with Go-to, the patient's side; then its offset with ].
    await goTo(page, 3.2);
    await page.selectOption('[data-testid=add-feature]', 'head_turning');
    await page.click('[data-testid=add-onset]');
    assert.equal(await page.innerText('[data-testid=add-onset]'), 'Onset 3.200 s');
    await page.selectOption('[data-testid=add-side]', 'left');
    await page.fill('[data-testid=add-comment]', 'Head version to the left, ~2 s');
    await page.click('[data-testid=add-sign]');
    await page.waitForSelector('[data-testid=finding-head_turning][data-decision=added]', { timeout: 10_000 });
    assert.equal(await page.inputValue(inFinding('head_turning', 'decision-side')), 'left');
    assert.match(await page.innerText('[data-testid=finding-head_turning]'), /not asked of the model/);
    await page.click('[data-testid=finding-head_turning] .finding-head strong');
    await goTo(page, 5.5);
    await page.keyboard.press(']');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Offset 5.500 s', inFinding('head_turning', 'decision-offset'), { timeout: 5_000 });
    assert.ok(await page.$(inFinding('head_turning', 'decision-unsaved')), 'a typed change is marked as not recorded yet');
    await page.click(inFinding('head_turning', 'decision-save'));
    await historyLength(page, 'head_turning', 2);

    // A change made meanwhile elsewhere (another window, through the same API): the stale one is refused with
    // the engine's message; the comment typed here stays; the screen then shows the other change.
    await page.fill(inFinding('clonic', 'decision-comment'), 'rhythmic jerks of the right arm');
    await page.evaluate(async (s) => {
      const r = await fetch('/api/review:record', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ recordingSha256: s, analysisId: null, reviewer: 'Dr Other', replaces: null, change: { kind: 'decision', featureId: 'clonic', decision: 'uncertain' } }) });
      if (r.status !== 200) throw new Error(`the other window's change: HTTP ${r.status}`);
    }, sha);
    await page.click(inFinding('clonic', 'decision-reject'));
    await page.waitForFunction(() => /changed meanwhile \(by Dr Other/.test(document.querySelector('[data-testid=finding-clonic] [role=alert]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    assert.equal(await page.inputValue(inFinding('clonic', 'decision-comment')), 'rhythmic jerks of the right arm', 'nothing typed is lost');
    await pressed(page, 'clonic', 'decision-uncertain');
    await page.click(inFinding('clonic', 'decision-reject'));
    await pressed(page, 'clonic', 'decision-reject');
    await historyLength(page, 'clonic', 2);
    await shot(page, '2-decisions');
    assert.deepEqual(await accessibilityProblems(page), [], 'review screen with the decision controls');

    // Reload: the name is remembered, and all three decisions are there with their history.
    await page.reload();
    await openRecording(page);
    assert.equal(await page.$('[data-testid=reviewer-name]'), null, 'the name is not asked again');
    assert.equal(await page.innerText('[data-testid=reviewer-shown]'), REVIEWER);
    await pressed(page, 'blank_stare', 'decision-confirm');
    await pressed(page, 'tonic', 'decision-reject');
    assert.equal(await page.inputValue(inFinding('blank_stare', 'decision-comment')), 'Eyes fixed, no response to voice');
    const stare = await historyOf(page, 'blank_stare');
    assert.equal(stare.length, 1);
    assert.match(stare[0]!.text, new RegExp(`${REVIEWER}[\\s\\S]*Confirmed[\\s\\S]*Eyes fixed, no response to voice`));
    assert.match(stare[0]!.text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ([+-]\d{2}:\d{2}|UTC)/, 'local time with its offset');
    assert.equal((await historyOf(page, 'tonic'))[0]!.decision, 'rejected');
    const turning = await historyOf(page, 'head_turning');
    assert.deepEqual(turning.map((e) => e.decision), ['added', 'added'], 'newest first');
    assert.match(turning[0]!.text, /Added by the clinician · onset 3\.200 s · offset 5\.500 s · patient's left/);
    assert.match(turning[1]!.text, /onset 3\.200 s · patient's left[\s\S]*Head version to the left/);
    assert.equal(await page.inputValue(inFinding('head_turning', 'decision-side')), 'left');
    assert.equal(await page.innerText(`[data-testid=clinician-onset-head_turning]`), 'clinician onset 3.200 s');
    assert.deepEqual((await historyOf(page, 'clonic')).map((e) => e.text.includes('Dr Other')), [false, true]);
    // The clinician's interval on its lane, under the model's segments.
    const interval = await page.$eval('[data-testid=lane-head_turning] [data-testid=clinician-interval-head_turning]', (e) => [e.getAttribute('data-start-s'), e.getAttribute('data-end-s')]);
    assert.deepEqual(interval, ['3.2', '5.5']);

    // Undo one: a new entry, back to no decision.
    await page.click(inFinding('blank_stare', 'decision-undo'));
    await historyLength(page, 'blank_stare', 2);
    const undone = await historyOf(page, 'blank_stare');
    assert.equal(undone[0]!.kind, 'undo');
    assert.match(undone[0]!.text, /Undo: back to no decision/);
    assert.equal(await page.getAttribute(inFinding('blank_stare', 'decision-confirm'), 'aria-pressed'), 'false');

    // Sign off, then change one after it.
    await page.click('[data-testid=review-complete]');
    await page.waitForSelector('[data-testid=review-status][data-state=complete]', { timeout: 10_000 });
    assert.match(await page.innerText('[data-testid=review-status]'), new RegExp(`^Review complete · ${REVIEWER} · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} ([+-]\\d{2}:\\d{2}|UTC)$`));
    assert.equal(await page.$('[data-testid=review-complete]'), null, 'signed off: nothing to sign');
    await shot(page, '3-signed-off');
    await page.click(inFinding('tonic', 'decision-uncertain'));
    await page.waitForSelector('[data-testid=review-status][data-state=amended]', { timeout: 10_000 });
    assert.match(await page.innerText('[data-testid=review-status]'), /Review complete · .* · Amended after sign-off$/);
    assert.equal(await page.innerText('[data-testid=review-complete]'), 'Sign off again');
    await shot(page, '4-amended');
    assert.deepEqual(await accessibilityProblems(page), [], 'review screen after sign-off');

    // The SQLite file holds every change as its own row naming what it replaces, with the analysis on screen.
    const rows = logRows();
    assert.deepEqual(rows.map((r) => `${r.kind}:${r.feature_id ?? '-'}:${r.decision ?? '-'}`), [
      'decision:blank_stare:confirmed', 'decision:tonic:rejected', 'decision:head_turning:added', 'decision:head_turning:added',
      'decision:clonic:uncertain', 'decision:clonic:rejected', 'undo:blank_stare:-', 'signoff:-:-', 'decision:tonic:uncertain',
    ]);
    const byFeature = (id: string) => rows.filter((r) => r.feature_id === id);
    assert.equal(byFeature('head_turning')[1]!.replaces, byFeature('head_turning')[0]!.id);
    assert.deepEqual([byFeature('head_turning')[1]!.onset_s, byFeature('head_turning')[1]!.offset_s, byFeature('head_turning')[1]!.side], [3.2, 5.5, 'left']);
    assert.equal(byFeature('clonic')[1]!.replaces, byFeature('clonic')[0]!.id, 'the retried change names the other window\'s entry');
    assert.equal(byFeature('clonic')[1]!.comment, 'rhythmic jerks of the right arm');
    assert.ok(rows.filter((r) => r.reviewer === REVIEWER).every((r) => r.analysis_id === analysisId), 'each change names the analysis on screen');
    assert.ok(rows.filter((r) => r.reviewer === REVIEWER).length === 8);

    // The database itself refuses rewriting the log.
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      assert.throws(() => db.prepare("UPDATE review_log SET decision='confirmed' WHERE feature_id='tonic'").run(), /review_log is append-only/);
      assert.throws(() => db.prepare('DELETE FROM review_log').run(), /review_log is append-only/);
    } finally { db.close(); }
    assert.equal(logRows().length, rows.length);

    // Export every format from the review screen: each file carries the decisions as recorded.
    await page.click('[data-testid=export-menu] summary');
    await page.click('[data-testid=export-all]');
    await page.waitForSelector('[data-testid=export-result]', { timeout: 60_000 });
    await shot(page, '5-exported');
    const folder = path.join(dir, 'analyses', 'rec');
    const exported = await page.$$eval('[data-testid=export-result] li', (els) => els.map((e) => e.getAttribute('data-format')));
    assert.deepEqual(exported.sort(), ['annotation', 'audit', 'csv', 'eaf', 'json', 'pdf']);
    const findings = readFileSync(path.join(folder, 'findings.csv'), 'utf8');
    assert.match(findings, /head_turning,[^\n]*,added,present,3\.2,5\.5,left,/);
    assert.match(findings, /tonic,[^\n]*,uncertain,uncertain,/);
    const audit = readFileSync(path.join(folder, 'audit-trail.csv'), 'utf8').trim().split(/\r?\n/);
    assert.equal(audit.length, 1 + rows.length, 'the audit trail holds every entry');
    assert.match(audit.at(-1)!, /decision,tonic,.*,uncertain,/);
    const eaf = readFileSync(path.join(folder, 'review.eaf'), 'utf8');
    assert.equal(XMLValidator.validate(eaf), true, 'the ELAN file is well-formed XML');
    assert.match(eaf, /TIER_ID="head_turning \(clinician\)"[^]*?<ANNOTATION_VALUE>added/);
    const annotation = readFileSync(path.join(folder, 'annotation.csv'), 'utf8').split(/\r?\n/);
    const head = annotation[0]!.split(',');
    const row = annotation[1]!.split(',');
    assert.equal(row[head.indexOf('head_turning')], 'yes', 'an added sign is a yes label');
    assert.equal(row[head.indexOf('tonic')], '', 'an uncertain sign is not labelled');
    const reviewed = JSON.parse(readFileSync(path.join(folder, 'analysis.reviewed.json'), 'utf8')) as { schemaVersion: number; review: { entries: unknown[]; amendedAfterSignOff: boolean } };
    assert.equal(reviewed.schemaVersion, 2);
    assert.equal(reviewed.review.entries.length, rows.length);
    assert.equal(reviewed.review.amendedAfterSignOff, true);
    const pdfText = execFileSync('pdftotext', ['-layout', path.join(folder, 'report.pdf'), '-'], { encoding: 'utf8' });
    assert.match(pdfText, /Amended after sign-off/i);
    assert.match(pdfText, new RegExp(REVIEWER));

    assert.deepEqual(problems, [], 'no page errors or failed requests');
    await page.close();
  });
});
