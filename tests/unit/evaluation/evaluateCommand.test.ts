/**
 * `runEvaluateCommand` end to end on small hand-built files: binary mode (coverage, Wilson intervals,
 * MCC, unmatched rows, undefined precision), the same files in paper mode, usage errors (exit 2, one
 * clear message, no stack trace), analysis.json input, several raters, deterministic bootstrap, and the
 * self-contained HTML summary and SVG chart.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { csvText, makeTempDir, runEvaluate, writeText } from './evaluationFixtures.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';
import type { Finding } from '../../../native-models/contract/analysisSchema.ts';

const name = (i: number, ext = 'mp4'): string => `P${Math.floor(i / 2) + 1}@1-1-2024@X@sz_v${i}.${ext}`;

// blank_stare: r0-r5 yes, r6-r11 no, r12 unlabelled. Predictions: answered TP 3, FN 2, FP 1, TN 4; r5 na; r11 fail.
const BS_LABELS = ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'no', 'no', 'no', ''];
const BS_PREDS = ['yes', 'yes', 'yes', 'no', 'no', 'na', 'yes', 'no', 'no', 'no', 'no', 'fail', 'yes'];
// tonic: two positives, the model never says yes -> precision undefined.
const TONIC_LABELS = ['yes', 'no', 'yes', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no'];
const TONIC_PREDS = TONIC_LABELS.map(() => 'no');

interface Detail { [column: string]: string }
async function detailed(path: string): Promise<Detail[]> {
  const t = parseCsv(await readFile(path, 'utf8'), 'metrics-detailed.csv');
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? ''])));
}
const near = (a: string | undefined, b: number, eps = 5e-6): void => {
  assert.ok(a !== undefined && Math.abs(Number(a) - b) < eps, `${a} ≈ ${b}`);
};

/** Minimal well-formedness check: every opened tag is closed in order. */
function assertBalancedXml(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, close, tag, self] = m;
    if (self) continue;
    if (close) assert.equal(stack.pop(), tag, `closing </${tag}>`);
    else stack.push(tag!);
  }
  assert.deepEqual(stack, []);
}

describe('semioscope evaluate', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  let labels = '';
  let preds = '';

  before(async () => {
    ({ dir, cleanup } = await makeTempDir());
    // Labels: an unknown column (typo), an extra known column, a recording without prediction (r13).
    const labelRows = BS_LABELS.map((b, i) => [name(i), b, 'female', TONIC_LABELS[i]!, 'no']);
    labelRows.push([name(13), 'yes', 'male', 'no', 'no']);
    labels = await writeText(join(dir, 'labels.csv'), csvText(['file_name', 'blank_stare', 'gender', 'tonic', 'blank_staring'], labelRows));
    // Predictions: CRLF, .wav names, a recording not in the labels, a feature the labels lack.
    const predRows = BS_PREDS.map((p, i) => [name(i, 'wav'), TONIC_PREDS[i]!, p, 'yes']);
    predRows.push(['Q9@1-1-2024@X@sz_v1.wav', 'no', 'no', 'no']);
    preds = await writeText(join(dir, 'preds.csv'), csvText(['file_name', 'tonic', 'blank_stare', 'clonic'], predRows, '\r\n'));
  });
  after(() => cleanup());

  it('--help prints the usage and exits 0', async () => {
    const r = await runEvaluate(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: semioscope evaluate --labels <csv> --predictions/);
    assert.match(r.stdout, /--mode binary\|paper/);
  });

  it('binary mode: coverage, hand-computed metrics, Wilson intervals, MCC, patients', async () => {
    const out = join(dir, 'binary');
    const r = await runEvaluate(['--labels', labels, '--predictions', preds, '--out', out, '--bootstrap', '200']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Mode: binary/);
    assert.match(r.stderr, /ignoring column "blank_staring": not a feature id in the catalogue \(did you mean "blank_stare"\?\)/);
    assert.match(r.stderr, /1 labelled recording\(s\) have no prediction: P7@1-1-2024@X@sz_v13\.mp4/);
    assert.match(r.stderr, /1 predicted recording\(s\) have no label row: Q9@1-1-2024@X@sz_v1\.wav/);
    assert.match(r.stderr, /feature\(s\) not in the labels, not scored: clonic/);

    const d = await detailed(join(out, 'metrics-detailed.csv'));
    const bs = d.find((x) => x.feature === 'blank_stare')!;
    assert.equal(bs.mode, 'binary');
    assert.deepEqual([bs.labelled, bs.answered, bs.abstained_na, bs.failed, bs.missing, bs.n], ['12', '10', '1', '1', '0', '10']);
    near(bs.coverage, 10 / 12);
    assert.deepEqual([bs.tp, bs.fp, bs.fn, bs.tn, bs.positives], ['3', '1', '2', '4', '5']);
    near(bs.accuracy, 0.7);
    near(bs.accuracy_lo, 0.396778);
    near(bs.accuracy_hi, 0.892209);
    near(bs.precision, 0.75);
    near(bs.precision_lo, 0.300642);
    near(bs.precision_hi, 0.954413);
    near(bs.recall, 0.6);
    near(bs.recall_lo, 0.230724);
    near(bs.recall_hi, 0.882379);
    near(bs.f1, 2 / 3);
    near(bs.mcc, 0.408248);
    assert.ok(Number(bs.f1_lo) <= 2 / 3 && Number(bs.f1_hi) >= 2 / 3);
    assert.match(bs.f1_bootstrap_replicates!, /^\d+\/200$/);
    // Scored rows r0-r4, r6-r10: patients P1..P6 (P3 via r4, P6 via r10).
    assert.deepEqual([bs.videos, bs.patients, bs.positive_patients], ['10', '6', '3']);
    near(bs.random_f1, 6 / 12); // prevalence among labelled matched rows

    const tonic = d.find((x) => x.feature === 'tonic')!;
    assert.equal(tonic.precision, '');
    assert.equal(tonic.recall, '0');
    assert.equal(tonic.f1, '0');

    const m = parseCsv(await readFile(join(out, 'metrics.csv'), 'utf8'), 'metrics.csv');
    assert.deepEqual(m.header, ['Metric', 'blank_stare', 'tonic']);
    assert.deepEqual(m.rows.map((x) => x.cells), [
      ['Accuracy', '0.7', '0.846'], // tonic: 11 of 13 right,
      ['Precision', '0.75', ''],
      ['Recall', '0.6', '0.0'],
      ['F1 Score', '0.667', '0.0'],
      ['Positive Num', '5.0', '2.0'],
    ]);
    const unmatched = await readFile(join(out, 'unmatched.csv'), 'utf8');
    assert.match(unmatched, /predictions,P7@1-1-2024@X@sz_v13\.mp4,labels only/);
    assert.match(unmatched, /predictions,Q9@1-1-2024@X@sz_v1\.wav,predictions only/);
    const md = await readFile(join(out, 'comparison.md'), 'utf8');
    assert.match(md, /\| Blank stare \| Accuracy \| predictions \| 0\.700 \| 0\.500 \| 0\.500 \|/); // always-yes acc = p = .5, random = p²+(1-p)² = .5
    assert.match(md, /\|  \| Coverage \|  \| 0\.833 \|/);
  });

  it('paper mode on the same files: na kept as a class (macro), failed predictions excluded, undefined = 0', async () => {
    const out = join(dir, 'paper');
    const r = await runEvaluate(['--labels', labels, '--predictions', preds, '--out', out, '--mode', 'paper', '--bootstrap', '0']);
    assert.equal(r.code, 0, r.stderr);
    const m = parseCsv(await readFile(join(out, 'metrics.csv'), 'utf8'), 'metrics.csv');
    // blank_stare: 11 rows (r11 failed). yes: P 3/4 R 3/6 F1 .6; no: P 4/6 R 4/5 F1 8/11; na: 0.
    assert.deepEqual(m.rows.map((x) => x.cells), [
      ['Accuracy', '0.636', '0.846'],
      ['Precision', String(Math.round(((0.75 + 4 / 6) / 3) * 1000) / 1000), '0.0'],
      ['Recall', '0.433', '0.0'],
      ['F1 Score', '0.442', '0.0'],
      ['Positive Num', '6.0', '2.0'],
    ]);
    assert.match(r.stdout, /Mode: paper/);
  });

  it('the bootstrap is seeded: same seed, same intervals; another seed, other intervals', async () => {
    const run = async (seed: string, out: string): Promise<string> => {
      const r = await runEvaluate(['--labels', labels, '--predictions', preds, '--out', join(dir, out), '--bootstrap', '300', '--seed', seed]);
      assert.equal(r.code, 0);
      return readFile(join(dir, out, 'metrics-detailed.csv'), 'utf8');
    };
    const a = await run('5', 's1');
    assert.equal(await run('5', 's2'), a);
    assert.notEqual(await run('6', 's3'), a);
  });

  it('writes a self-contained HTML summary with the chart inline, and a well-formed SVG', async () => {
    const out = join(dir, 'binary');
    const html = await readFile(join(out, 'summary.html'), 'utf8');
    assert.match(html, /<svg [^>]*role="img"/);
    assert.match(html, /Binary mode/);
    assert.match(html, /P7@1-1-2024@X@sz_v13\.mp4/);
    assert.doesNotMatch(html, /https?:|<script|src=|<link|@import|url\(/i);
    const svg = await readFile(join(out, 'f1-chart.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assertBalancedXml(svg);
    assert.match(svg, /Blank stare: F1 0\.667/);
    const json = JSON.parse(await readFile(join(out, 'evaluation.json'), 'utf8'));
    assert.equal(json.mode, 'binary');
    assert.equal(json.sets[0].results[0].featureId, 'blank_stare');
    const rsvg = spawnSync('rsvg-convert', ['--version']);
    if (rsvg.status === 0) {
      const png = spawnSync('rsvg-convert', ['-o', join(out, 'chart.png'), join(out, 'f1-chart.svg')]);
      assert.equal(png.status, 0, String(png.stderr));
    }
  });

  it('reads analysis.json files; x.mp4 analyses match the labels, not_assessed counts as an abstention', async () => {
    const finding = (featureId: Finding['featureId'], v: string): Finding =>
      findingOf(featureId, v === 'yes' ? 'present' : v === 'no' ? 'absent' : v === 'na' ? 'not_assessed' : 'failed');
    for (let i = 0; i < 13; i++) {
      await writeText(join(dir, 'runs', `r${i}`, 'analysis.json'), JSON.stringify(
        analysisSkeleton(name(i), [finding('blank_stare', BS_PREDS[i]!), finding('tonic', TONIC_PREDS[i]!)])));
    }
    const csvOut = await detailed(join(dir, 'binary', 'metrics-detailed.csv'));
    const out = join(dir, 'json');
    const r = await runEvaluate(['--labels', labels, '--predictions', `qwen:base=${join(dir, 'runs')}`, '--out', out, '--bootstrap', '200']);
    assert.equal(r.code, 0, r.stderr);
    const d = await detailed(join(out, 'metrics-detailed.csv'));
    assert.equal(d[0]!.set, 'qwen:base');
    for (const col of ['labelled', 'answered', 'abstained_na', 'failed', 'tp', 'fp', 'fn', 'tn', 'accuracy', 'precision_lo', 'mcc', 'f1_lo']) {
      assert.equal(d[0]![col], csvOut[0]![col], col);
    }
    assert.match(r.stdout, /Set qwen:base \(runs\/ \(13 analysis files\)\): 13 matched, 1 labels only, 0 predictions only/);
  });

  it('several rater files: Cohen per pair, Fleiss, consensus labels scored against', async () => {
    const rater = async (file: string, flip: number[]): Promise<string> => writeText(join(dir, file), csvText(['file_name', 'blank_stare', 'tonic'],
      BS_LABELS.map((b, i) => [name(i), flip.includes(i) && b ? (b === 'yes' ? 'no' : 'yes') : b, TONIC_LABELS[i]!])));
    const a = await rater('rater_a.csv', []);
    const b = await rater('rater_b.csv', [0]);
    const c = await rater('rater_c.csv', [1]);
    const out = join(dir, 'raters');
    const r = await runEvaluate(['--labels', a, '--labels', b, '--labels', c, '--predictions', preds, '--out', out, '--bootstrap', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Rater agreement: Fleiss' kappa over all features/);
    const cohen = parseCsv(await readFile(join(out, 'agreement-cohen.csv'), 'utf8'), 'c');
    assert.deepEqual(cohen.rows.filter((x) => x.cells[0] === 'blank_stare').map((x) => `${x.cells[1]}-${x.cells[2]}`), ['rater_a-rater_b', 'rater_a-rater_c', 'rater_b-rater_c']);
    // rater_a vs rater_b on blank_stare: 12 items, one disagreement: po 11/12; a 6 yes, b 5 yes -> pe = (6*5 + 6*7)/144 = 0.5
    const ab = cohen.rows.find((x) => x.cells[0] === 'blank_stare')!;
    assert.equal(ab.cells[3], '12');
    near(ab.cells[6], (11 / 12 - 0.5) / 0.5);
    const fleiss = await readFile(join(out, 'agreement-fleiss.csv'), 'utf8');
    assert.match(fleiss, /\(all features\),3,/);
    const consensus = await readFile(join(out, 'consensus-labels.csv'), 'utf8');
    assert.equal(consensus.split('\n')[0], 'file_name,blank_stare,tonic');
    assert.equal(consensus.split('\n')[1], `${name(0)},yes,yes`); // 2 of 3 say yes
    const onlyLabels = await runEvaluate(['--labels', a, '--labels', b, '--out', join(dir, 'raters-only')]);
    assert.equal(onlyLabels.code, 0, onlyLabels.stderr);
  });

  describe('bad input exits 2 with one clear message and no stack trace', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['no arguments', () => [], /Missing --labels/],
      ['no --out', () => ['--labels', labels, '--predictions', preds], /Missing --out/],
      ['nothing to evaluate', () => ['--labels', labels, '--out', join(dir, 'x')], /Nothing to evaluate/],
      ['unknown option', () => ['--labels', labels, '--frobnicate'], /Unknown option '--frobnicate'/],
      ['bad mode', () => ['--labels', labels, '--predictions', preds, '--out', join(dir, 'x'), '--mode', 'fuzzy'], /--mode must be binary or paper/],
      ['bad bootstrap', () => ['--labels', labels, '--predictions', preds, '--out', join(dir, 'x'), '--bootstrap', 'many'], /--bootstrap must be a whole number/],
      ['missing label file', () => ['--labels', join(dir, 'nope.csv'), '--predictions', preds, '--out', join(dir, 'x')], /Label file not found/],
      ['missing predictions', () => ['--labels', labels, '--predictions', join(dir, 'nope.csv'), '--out', join(dir, 'x')], /Prediction file or folder not found/],
      ['labels passed as predictions and vice versa', () => ['--labels', preds, '--predictions', labels, '--out', join(dir, 'x')], /"fail" is a prediction outcome/],
      ['stray argument', () => ['stray.csv', '--labels', labels], /Unexpected argument "stray\.csv"/],
    ];
    for (const [title, args, pattern] of cases) {
      it(title, async () => {
        const r = await runEvaluate(args());
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /^semioscope evaluate: /);
        assert.match(r.stderr, pattern);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
      });
    }

    it('predictions that match no label row', async () => {
      const other = await writeText(join(dir, 'other.csv'), csvText(['file_name', 'tonic'], [['Z1@a@b.mp4', 'yes']]));
      const r = await runEvaluate(['--labels', labels, '--predictions', other, '--out', join(dir, 'x')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /No recording of prediction set "predictions" \(other\.csv\) matches a row of labels\.csv/);
      assert.match(r.stderr, /matched by file name without extension/);
    });

    it('predictions that share no feature with the labels', async () => {
      const other = await writeText(join(dir, 'other2.csv'), csvText(['file_name', 'clonic'], [[name(0), 'yes']]));
      const r = await runEvaluate(['--labels', labels, '--predictions', other, '--out', join(dir, 'x')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /shares no feature with labels\.csv/);
    });
  });
});
