/**
 * --mode paper reproduces the paper's Table 2: label and prediction files are built here from integer
 * confusion counts consistent with the published cells, and the command must print every published
 * accuracy, precision, recall and F1 to the third decimal, plus the same ↑ features.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { csvText, labelColumn, makeTempDir, realiseCounts, recordingName, runEvaluate, writeText, type RunResult } from './evaluationFixtures.ts';
import { TABLE2_ICTAL_VOCALIZATION, TABLE2_VERBAL_RESPONSIVENESS, TABLE2_VISUAL, type PublishedFeature } from './publishedTable2.ts';

const N = 90;
const BINARY_FEATURES: readonly PublishedFeature[] = [...TABLE2_VISUAL, TABLE2_ICTAL_VOCALIZATION];
const VR = TABLE2_VERBAL_RESPONSIVENESS;

/** Label columns, rotated per feature so features do not share the same rows. */
function buildLabels(): Map<string, string[]> {
  const cols = new Map<string, string[]>();
  [...BINARY_FEATURES, VR].forEach((f, k) => {
    const col = labelColumn(f.positives, f.negatives, N - f.positives - f.negatives);
    const shift = (k * 7) % N;
    cols.set(f.id, [...col.slice(shift), ...col.slice(0, shift)]);
  });
  return cols;
}

/** Verbal responsiveness predictions with `na`: yes-labelled rows -> (yes, no, na) counts, same for no. */
function realiseVerbal(labels: readonly string[], yes: readonly number[], no: readonly number[]): string[] {
  const take = (counts: readonly number[], i: number): string => (i < counts[0]! ? 'yes' : i < counts[0]! + counts[1]! ? 'no' : i < counts[0]! + counts[1]! + counts[2]! ? 'na' : 'fail');
  let y = 0;
  let n = 0;
  return labels.map((l) => (l === 'yes' ? take(yes, y++) : l === 'no' ? take(no, n++) : 'na'));
}

describe('paper mode reproduces the published Table 2', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  let run: RunResult;
  const setNames: string[] = [];

  before(async () => {
    ({ dir, cleanup } = await makeTempDir());
    const labels = buildLabels();
    const files = Array.from({ length: N }, (_, i) => recordingName(i));
    // Label file with the published file's quirks: BOM, CRLF, extra columns, feature columns in another order.
    const featureOrder = [...labels.keys()].reverse();
    const header = ['file_name', 'gender', ...featureOrder.slice(0, 10), 'start_time', 'end_time', 'label', ...featureOrder.slice(10)];
    const rows = files.map((f, i) => header.map((h) => h === 'file_name' ? f : h === 'gender' ? 'female' : h === 'start_time' ? '0:10' : h === 'end_time' ? '1:05' : h === 'label' ? '1' : labels.get(h)![i]!));
    await writeText(join(dir, 'labels.csv'), '\ufeff' + csvText(header, rows, '\r\n'));

    const sets = new Map<string, Map<string, string[]>>();
    const column = (model: string, variant: string, feature: string, col: string[]): void => {
      const name = `${model}:${variant}`;
      if (!sets.has(name)) sets.set(name, new Map());
      sets.get(name)!.set(feature, col);
    };
    for (const f of BINARY_FEATURES) {
      for (const c of f.cells) {
        const [tp, fp, fn, tn] = c.counts;
        column(c.model, c.variant, f.id, realiseCounts(labels.get(f.id)!, { tp, fp, fn, tn }));
      }
    }
    for (const c of VR.cells) column(c.model, c.variant, VR.id, realiseVerbal(labels.get(VR.id)!, c.yes, c.no));

    const args = ['--labels', join(dir, 'labels.csv'), '--out', join(dir, 'out'), '--mode', 'paper', '--bootstrap', '0'];
    for (const [name, cols] of sets) {
      const feats = [...cols.keys()];
      // Predictions name the audio file: x.wav must match label x.mp4.
      const names = files.map((f) => (name.startsWith('af3') ? f.replace(/\.mp4$/, '.wav') : f));
      const path = await writeText(join(dir, `${name.replace(':', '_')}.csv`), csvText(['file_name', ...feats], names.map((f, i) => [f, ...feats.map((k) => cols.get(k)![i]!)])));
      args.push('--predictions', `${name}=${path}`);
      setNames.push(name);
    }
    run = await runEvaluate(args);
  });
  after(() => cleanup());

  it('exits 0 and says it is in paper mode', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Mode: paper/);
  });

  it('metrics.csv of every set holds the published accuracy, precision, recall, F1 and Positive Num', async () => {
    let checked = 0;
    for (const f of BINARY_FEATURES) {
      for (const c of f.cells) {
        const table = parseCsv(await readFile(join(dir, 'out', `${c.model}-${c.variant}`, 'metrics.csv'), 'utf8'), 'metrics.csv');
        assert.equal(table.header[0], 'Metric');
        const col = table.header.indexOf(f.id);
        assert.ok(col > 0, `${f.id} column in ${c.model}:${c.variant}`);
        const value = (metric: string): string => table.rows.find((r) => r.cells[0] === metric)!.cells[col]!;
        assert.deepEqual(
          ['Accuracy', 'Precision', 'Recall', 'F1 Score'].map((m) => Number(value(m)).toFixed(3)),
          c.published, `${f.id} ${c.model}:${c.variant}`);
        assert.equal(value('Positive Num'), `${f.positives}.0`, `${f.id} ${c.model}:${c.variant}: every labelled positive, failed predictions included`);
        checked++;
      }
    }
    assert.equal(checked, 18 * 4 + 3);
  });

  it('verbal responsiveness (na predictions) is the sklearn macro average over {yes, no, na}', async () => {
    for (const c of VR.cells) {
      const table = parseCsv(await readFile(join(dir, 'out', `af3-${c.variant}`, 'metrics.csv'), 'utf8'), 'metrics.csv');
      const col = table.header.indexOf(VR.id);
      const value = (metric: string): string => table.rows.find((r) => r.cells[0] === metric)!.cells[col]!;
      assert.deepEqual(['Accuracy', 'Precision', 'Recall', 'F1 Score'].map((m) => Number(value(m)).toFixed(3)), c.published, c.variant);
      assert.equal(value('Positive Num'), '11.0');
    }
    const detailed = await readFile(join(dir, 'out', 'metrics-detailed.csv'), 'utf8');
    assert.match(detailed, /af3:base,verbal_responsiveness,.*,paper,macro\(na\/no\/yes\),53,/);
  });

  it('the comparison table prints every published cell as x|y with the published arrows', async () => {
    const t = parseCsv(await readFile(join(dir, 'out', 'comparison.csv'), 'utf8'), 'comparison.csv');
    assert.deepEqual(t.header, ['feature', 'improved', 'metric', 'models', 'base', 'crop', 'pose', 'denoised', 'transcript', 'always_yes', 'random']);
    const metrics = ['Accuracy', 'Precision', 'Recall', 'F1 Score'];
    const cell = (feature: string, metric: string, variant: string): string => {
      const row = t.rows.find((r) => r.cells[0] === feature && r.cells[2] === metric)!;
      return row.cells[t.header.indexOf(variant)]!;
    };
    for (const f of TABLE2_VISUAL) {
      const enh = f.cells[2]!.variant;
      metrics.forEach((m, k) => {
        assert.equal(cell(f.id, m, 'base'), `${f.cells[0]!.published[k]}|${f.cells[1]!.published[k]}`, `${f.id} ${m} base`);
        assert.equal(cell(f.id, m, enh), `${f.cells[2]!.published[k]}|${f.cells[3]!.published[k]}`, `${f.id} ${m} ${enh}`);
      });
    }
    for (const f of [TABLE2_ICTAL_VOCALIZATION, VR]) {
      f.cells.forEach((c) => metrics.forEach((m, k) => assert.equal(cell(f.id, m, c.variant), c.published[k])));
    }
    const improved = [...new Set(t.rows.filter((r) => r.cells[1] === 'yes').map((r) => r.cells[0]))].sort();
    const published = [...BINARY_FEATURES, VR].filter((f) => f.improved).map((f) => f.id).sort();
    assert.deepEqual(improved, published);
    assert.equal(improved.length, 10, 'the paper: enhancements improved 10 of the 20 features');
    const md = await readFile(join(dir, 'out', 'comparison.md'), 'utf8');
    assert.match(md, /\| Blank stare ↑ \| Accuracy \| qwen\\\|intern \| 0\.544\\\|0\.456 \| 0\.533\\\|0\.433 \|/);
  });

  it('prints the figures on stdout', () => {
    const block = run.stdout.split('\n\n').find((b) => b.startsWith('Set qwen:base'))!;
    assert.match(block, /blank_stare\s+90\s+39\s+bin\s+0\.544\s+0\.486\s+0\.897\s+0\.631/);
    const vr = run.stdout.split('\n\n').find((b) => b.startsWith('Set af3:base'))!;
    assert.match(vr, /verbal_responsiveness\s+53\s+11\s+macro\s+0\.434\s+0\.468\s+0\.361\s+0\.380/);
    assert.equal(setNames.length, 9);
  });
});
