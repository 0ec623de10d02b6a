/**
 * drawEvidence: which model justifications a card quotes, in what order; on each card of a measured sign, the
 * measured interval(s) and the agreement with the model, a disagreement flagged in a drawn box; cards kept
 * whole across page breaks. Checked with poppler (pdftotext, -bbox, pdftoppm); pages go to artifacts/report/evidence-*.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PNG } from 'pngjs';
import { justificationsFor, TEXT_COLUMN_OFFSET } from '../../../native-models/report/drawEvidence.ts';
import type { Answer, Finding } from '../../../native-models/contract/analysisSchema.ts';
import { MEASURED_FEATURE_IDS } from '../../../native-models/contract/measuredSigns.ts';
import { compareMeasuredSigns } from '../../../native-models/pipeline/compareMeasuredSigns.ts';
import { CARD_MEASURED_HEADING } from '../../../native-models/report/drawCardMeasurement.ts';
import { MEASURED_ABSENT_HEADING } from '../../../native-models/report/drawMeasuredAbsentCards.ts';
import { AGREE_TEXT, DISAGREE_TEXT, NO_INTERVAL_TEXT } from '../../../native-models/report/measuredCardText.ts';
import { writeReportPdf } from '../../../native-models/report/writeReportPdf.ts';
import { MARGINS } from '../../../native-models/report/reportLayout.ts';
import { getFeature } from '../../../native-models/semiology/featureCatalogue.ts';
import { buildAnalysisFixture, type FixtureScenario } from '../../helpers/analysisFixture.ts';
import { checkReportPdf, pageTextIn, pageWords, renderPage, type PdfWord } from '../../helpers/checkReportPdf.ts';
import { focalMeasuredSigns } from '../../helpers/measuredSignsFixture.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/report');
const FIXED = { timeZone: 'UTC', generatedAt: new Date('2025-03-15T12:00:00Z') };
const EVIDENCE_HEADING = 'Evidence for positive findings';

test('justifications: positive answers first, earliest segment first, de-duplicated, capped', () => {
  const f: Finding = { featureId: 'clonic', present: true, status: 'present', variant: 'base', positiveSegments: [1, 3], onsetS: 30,
    justifications: ['A', 'Z'] };
  const ans = (seg: number, present: boolean, j: string): Answer => ({ featureId: 'clonic', segmentIndex: seg, variant: 'base', present,
    justification: j, onsetS: null, fromCache: false, status: 'ok' });
  const answers = [ans(3, true, 'B'), ans(1, true, 'A'), ans(2, false, 'nothing')];
  assert.deepEqual(justificationsFor(f, answers, 2), ['A', 'B']);
  assert.deepEqual(justificationsFor(f, answers, 5), ['A', 'B', 'Z']);
  assert.deepEqual(justificationsFor(f, [], 0), []);
});

describe('the measurement on each evidence card', () => {
  let root: string;
  before(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'semioscope-evidence-')); });
  after(async () => { await rm(root, { recursive: true, force: true }); });

  /** The focal analysis (or `scenario`) with the measured signs fixture and the pipeline's agreement, rendered and checked with poppler. */
  async function render(name: string, scenario: FixtureScenario = 'focal') {
    const dir = path.join(root, name);
    const analysis = await buildAnalysisFixture(dir, { scenario, decisions: false, measuredSigns: focalMeasuredSigns() });
    analysis.measurementAgreement = compareMeasuredSigns(analysis.findings, analysis.measuredSigns!, analysis.segments);
    const pdf = path.join(dir, 'report.pdf');
    await writeReportPdf(analysis, pdf, FIXED);
    return { analysis, pdf, report: await checkReportPdf(pdf, analysis, { renderDir: path.join(ARTIFACTS, `evidence-${name}`), dpi: 80 }) };
  }
  /** The cards' text column (right of the keyframes), evidence pages only, in page order. */
  function textColumn(pdf: string, pageTexts: string[]): string {
    const first = pageTexts.findIndex((t) => t.includes(EVIDENCE_HEADING));
    const textX = MARGINS.left + TEXT_COLUMN_OFFSET;
    return pageTexts.slice(first).map((_, k) => pageTextIn(pdf, first + k + 1, { x: textX - 1, y: 0, width: 600 - textX, height: 842 })).join(' ');
  }
  /** The text of a card: from its heading (label, then definition) to its clinician line. */
  function cardText(column: string, featureId: string): string {
    const def = getFeature(featureId);
    const start = column.indexOf(`${def.label} ${def.definition}`);
    assert.ok(start >= 0, `no card for ${featureId}`);
    return column.slice(start, column.indexOf('Clinician:', start));
  }

  test('the measured interval with its side, onset, duration, frequency and evidence strength, and the agreement; a disagreement flagged', async () => {
    const { analysis, pdf, report } = await render('focal');
    const column = textColumn(pdf, report.pageTexts);
    const clonic = cardText(column, 'clonic');
    assert.ok(clonic.includes(`${CARD_MEASURED_HEADING} Measured: patient's left · onset 1:29 · 38.5 s · 2.9 Hz, slowing 0.05 Hz/s · evidence strength 0.78 ${AGREE_TEXT}`), clonic);
    const tonic = cardText(column, 'tonic');
    assert.ok(tonic.includes(`Measured: both sides (patient's) · onset 1:19 · 8.5 s · evidence strength 0.55 ${AGREE_TEXT}`), tonic);
    const note = analysis.measurementAgreement!.find((e) => e.featureId === 'figure4')!.note;
    const figure4 = cardText(column, 'figure4');
    assert.ok(figure4.includes(`${CARD_MEASURED_HEADING} ${NO_INTERVAL_TEXT} ⚠ ${DISAGREE_TEXT}. ${note}`), figure4);
    assert.ok(figure4.indexOf('MODEL JUSTIFICATION') < figure4.indexOf(CARD_MEASURED_HEADING), 'the measurement follows the model\'s words');
    // The model's finding is printed unchanged on the card.
    assert.ok(figure4.includes('First onset 1:24 · positive in segment 4'), figure4);
    assert.ok(!cardText(column, 'blank_stare').includes(CARD_MEASURED_HEADING), 'blank stare is not measured from the pose');
    const measuredPositives = analysis.findings.filter((f) => f.status === 'present' && (MEASURED_FEATURE_IDS as readonly string[]).includes(f.featureId));
    const evidence = report.flatText.slice(report.flatText.indexOf(EVIDENCE_HEADING), report.flatText.indexOf(MEASURED_ABSENT_HEADING));
    assert.equal(evidence.split(CARD_MEASURED_HEADING).length - 1, measuredPositives.length, 'one measurement block per measured positive finding');
  });

  test('the disagreement is boxed (drawn, not only words), the agreement is not', async () => {
    const { pdf, report } = await render('boxed');
    const pageOf = (s: string) => report.pageTexts.findIndex((t) => t.includes(s)) + 1;
    const flagPage = pageOf(`⚠ ${DISAGREE_TEXT}`);
    assert.ok(flagPage > 0);
    const words = pageWords(pdf, flagPage);
    const i = words.findIndex((w, k) => w.text === '⚠' && words[k + 1]?.text === 'Model');
    const end = words.slice(i).find((w) => w.text === 'review.')!;
    const DPI = 144;
    const png = await renderPage(pdf, flagPage, DPI, path.join(ARTIFACTS, 'evidence-boxed', 'flag'));
    const px = DPI / 72;
    /** Share of a band right of a word (points) in the disagreement's fill colour. */
    const filled = (p: PNG, w: PdfWord) => {
      let hit = 0, n = 0;
      for (let y = Math.ceil(w.yMin * px); y < Math.floor(w.yMax * px); y++) {
        for (let x = Math.ceil((w.xMax + 8) * px); x < Math.floor((w.xMax + 60) * px); x++) {
          const o = (y * p.width + x) * 4;
          if (Math.abs(p.data[o]! - 0xff) < 6 && Math.abs(p.data[o + 1]! - 0xf4) < 6 && Math.abs(p.data[o + 2]! - 0xe0) < 6) hit++;
          n++;
        }
      }
      return hit / n;
    };
    assert.ok(filled(png, end) > 0.9, `the flag sits in its box: ${filled(png, end)}`);
    const agreePage = pageOf(AGREE_TEXT);
    const agreeWords = pageWords(pdf, agreePage);
    const agree = agreeWords.find((w, k) => w.text === 'agree.' && agreeWords[k - 1]?.text === 'measurement')!;
    assert.equal(filled(await renderPage(pdf, agreePage, DPI, path.join(ARTIFACTS, 'evidence-boxed', 'agree')), agree), 0);
  });

  test('cards with their measurement are never split across pages (every sign present, long justifications)', async () => {
    const { analysis, report } = await render('stress', 'allPresent');
    const first = report.pageTexts.findIndex((t) => t.includes(EVIDENCE_HEADING));
    let cards = 0;
    for (const t of report.pageTexts.slice(first)) {
      const count = (s: string) => t.split(s).length - 1;
      const n = count('MODEL JUSTIFICATION');
      assert.equal(count('Clinician:'), n, `a card split across pages: ${t.slice(0, 300)}`);
      assert.ok(count(CARD_MEASURED_HEADING) <= n);
      cards += n;
    }
    assert.equal(cards, analysis.findings.filter((f) => f.status === 'present').length);
    assert.equal(report.flatText.split(`⚠ ${DISAGREE_TEXT}.`).length - 1,
      analysis.measurementAgreement!.filter((e) => e.flaggedForReview && e.model === 'present').length, 'each disagreeing card flagged once');
  });
});
