/**
 * `semioscope export` end to end through the real launcher: analyses written to folders, reviews recorded in
 * a real SQLite cache file (cache/reviewLog.ts), every export checked; the round trip review -> annotation
 * CSV -> `semioscope evaluate` against the analyses, whose confusion counts and metrics must equal a hand
 * computation from the known decisions and model findings; and the bad inputs (exit 2, one clear message, no
 * stack trace, no folder path).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AnswerCache } from '../../../native-models/cache/answerCache.ts';
import { readReview, recordReviewChange } from '../../../native-models/cache/reviewLog.ts';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { latestEntryOf, type ReviewChange } from '../../../native-models/contract/clinicianReview.ts';
import { EXPORT_DESCRIPTIONS, EXPORT_FORMATS } from '../../../native-models/contract/exportFormats.ts';
import { parseAnalysisJson } from '../../../native-models/contract/parseAnalysisJson.ts';
import { parseCsv } from '../../../native-models/evaluation/parseCsv.ts';
import { FEATURE_IDS, type FeatureId } from '../../../native-models/semiology/featureCatalogue.ts';
import { buildAnalysisFixture } from '../../helpers/analysisFixture.ts';
import { hasStackTrace, runCli } from '../../helpers/runCli.ts';

const root = mkdtempSync(path.join(tmpdir(), 'semioscope-export-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

const NAME_A = '患者 山田太郎 発作1.mp4';
const NAME_B = 'Zoë Ångström 癫痫 2.mp4';
const SHA_B = 'e'.repeat(64);
const COMMENT = '左腕の屈曲 — 肘\nzweite Zeile, "zitiert"';
const db = path.join(root, 'cache.sqlite');
const folderA = path.join(root, 'analysis-A');
const folderB = path.join(root, 'analysis-B');
let analysisA: AnalysisResult;

/** The focal fixture's model findings (tests/helpers/analysisFixture.ts), as the analysis.json prediction cells. */
const MODEL_PRESENT = new Set(['occur_during_sleep', 'blank_stare', 'oral_automatisms', 'head_turning', 'figure4', 'tonic', 'clonic', 'ictal_vocalization']);
const prediction = (id: string): 'yes' | 'no' | 'na' | 'fail' => (id === 'eye_blinking' ? 'fail' : id === 'verbal_responsiveness' ? 'na' : MODEL_PRESENT.has(id) ? 'yes' : 'no');

/**
 * The labels a neurologist's decisions mean, worked out by hand (confirmed: the model's finding stands;
 * rejected: the opposite; added: present; uncertain and undone: no label).
 */
const HAND_LABELS: Record<'A' | 'B', Partial<Record<FeatureId, 'yes' | 'no'>>> = {
  A: { blank_stare: 'yes', head_turning: 'no', arm_flexion: 'yes', close_eyes: 'yes', pelvic_thrusting: 'no', clonic: 'yes' },
  B: { blank_stare: 'no', head_turning: 'yes', arm_flexion: 'no', clonic: 'yes', tonic: 'yes' },
};

const decide = (featureId: FeatureId, decision: 'confirmed' | 'rejected' | 'uncertain' | 'added', extra: Partial<Extract<ReviewChange, { kind: 'decision' }>> = {}): ReviewChange =>
  ({ kind: 'decision', featureId, decision, onsetS: null, offsetS: null, side: null, comment: '', ...extra });

function record(cache: AnswerCache, sha: string, reviewer: string, change: ReviewChange): void {
  const featureId = change.kind === 'signoff' ? null : change.featureId;
  const replaces = latestEntryOf(readReview(cache, sha), featureId)?.id ?? null;
  recordReviewChange(cache, { recordingSha256: sha, analysisId: 1, reviewer, replaces, change });
}

async function writeAnalysis(folder: string, fileName: string, sha?: string): Promise<AnalysisResult> {
  const built = await buildAnalysisFixture(folder, { fileName, decisions: false });
  const a = sha ? { ...built, recording: { ...built.recording, sha256: sha } } : built;
  writeFileSync(path.join(folder, 'analysis.json'), `${JSON.stringify(a, null, 2)}\n`);
  return a;
}

const rows = (text: string, name: string) => {
  const t = parseCsv(text, name);
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? ''])));
};

function assertCleanRefusal(r: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, message);
  assert.equal(r.stdout, '');
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
  assert.ok(!r.stderr.includes(root), `no folder path: ${r.stderr}`);
}

before(async () => {
  analysisA = await writeAnalysis(folderA, NAME_A);
  await writeAnalysis(folderB, NAME_B, SHA_B);
  const cache = new AnswerCache(db);
  const sha = analysisA.recording.sha256;
  record(cache, sha, 'Dr Émile Noël', decide('blank_stare', 'confirmed', { onsetS: 12.5, offsetS: 40, comment: 'Blick starr — 凝視' }));
  record(cache, sha, 'Dr Émile Noël', decide('head_turning', 'rejected', { side: 'right', comment: 'voluntary turn toward the nurse' }));
  record(cache, sha, 'Dr 李', decide('arm_flexion', 'added', { onsetS: 70, offsetS: 95, side: 'left', comment: COMMENT }));
  record(cache, sha, 'Dr 李', decide('close_eyes', 'rejected'));
  record(cache, sha, 'Dr 李', decide('pelvic_thrusting', 'confirmed'));
  record(cache, sha, 'Dr 李', decide('clonic', 'confirmed', { onsetS: 91 }));
  record(cache, sha, 'Dr 李', decide('tonic', 'uncertain'));
  record(cache, sha, 'Dr 李', decide('oral_automatisms', 'confirmed'));
  record(cache, sha, 'Dr 李', { kind: 'undo', featureId: 'oral_automatisms' });
  record(cache, sha, 'Dr Émile Noël', { kind: 'signoff' });
  record(cache, SHA_B, 'Dr Ana Müller', decide('blank_stare', 'rejected'));
  record(cache, SHA_B, 'Dr Ana Müller', decide('head_turning', 'confirmed', { side: 'left' }));
  record(cache, SHA_B, 'Dr Ana Müller', decide('arm_flexion', 'confirmed'));
  record(cache, SHA_B, 'Dr Ana Müller', decide('clonic', 'confirmed'));
  record(cache, SHA_B, 'Dr Ana Müller', decide('tonic', 'added', { onsetS: 80, offsetS: 88 }));
  cache.close();
});

describe('semioscope export', () => {
  test('writes every format by default, one path a line, with the review from the cache file', async () => {
    const r = await runCli(['export', folderA, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines, EXPORT_FORMATS.map((f) => path.join(folderA, EXPORT_DESCRIPTIONS[f].fileName)));
    assert.match(r.stderr, /^Exported 6 files of 患者 山田太郎 発作1\.mp4: 7 clinician decisions \(10 log entries\), signed off by Dr Émile Noël\.\n$/);

    const json = parseAnalysisJson(readFileSync(lines[0]!, 'utf8'), 'analysis.reviewed.json');
    assert.equal(json.review!.entries.length, 10, "only this recording's entries");
    assert.equal(json.review!.current.find((e) => e.featureId === 'arm_flexion')!.comment, COMMENT);

    const findings = readFileSync(path.join(folderA, 'findings.csv'), 'utf8');
    assert.ok(findings.startsWith('\uFEFFfeature_id,'));
    const f = new Map(rows(findings, 'findings.csv').map((x) => [x.feature_id, x]));
    assert.equal(f.size, 20);
    assert.deepEqual([f.get('arm_flexion')!.clinician_status, f.get('arm_flexion')!.side, f.get('arm_flexion')!.comment, f.get('arm_flexion')!.reviewer], ['present', 'left', COMMENT, 'Dr 李']);
    assert.deepEqual([f.get('head_turning')!.model_status, f.get('head_turning')!.clinician_decision, f.get('head_turning')!.clinician_status], ['present', 'rejected', 'absent']);

    const audit = rows(readFileSync(path.join(folderA, 'audit-trail.csv'), 'utf8'), 'audit-trail.csv');
    assert.deepEqual(audit.map((x) => x.kind), ['decision', 'decision', 'decision', 'decision', 'decision', 'decision', 'decision', 'decision', 'undo', 'signoff']);
    assert.ok(audit.every((x) => x.recording_sha256 === analysisA.recording.sha256));
    assert.ok(audit.every((x) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/.test(x.at!)), 'local time with offset');
    assert.equal(audit[8]!.replaces, audit[7]!.entry_id, 'the undo names what it replaces');

    const eaf = readFileSync(path.join(folderA, 'review.eaf'), 'utf8');
    assert.equal(XMLValidator.validate(eaf), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, parseTagValue: false, trimValues: false,
      isArray: (n) => ['TIER', 'ANNOTATION', 'TIME_SLOT'].includes(n) }).parse(eaf).ANNOTATION_DOCUMENT;
    const times = doc.TIME_ORDER.TIME_SLOT.map((s: { TIME_VALUE: string }) => Number(s.TIME_VALUE));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    const clinicianAnnotated = doc.TIER.filter((t: { TIER_ID: string; ANNOTATION?: unknown[] }) => t.TIER_ID.endsWith('(clinician)') && t.ANNOTATION?.length)
      .map((t: { TIER_ID: string }) => t.TIER_ID.replace(' (clinician)', '')).sort();
    assert.deepEqual(clinicianAnnotated, ['arm_flexion', 'blank_stare', 'clonic', 'close_eyes', 'head_turning', 'pelvic_thrusting', 'tonic']);
    assert.ok(eaf.includes('RELATIVE_MEDIA_URL="./患者%20山田太郎%20発作1.mp4"'));

    const annotation = rows(readFileSync(path.join(folderA, 'annotation.csv'), 'utf8'), 'annotation.csv');
    assert.equal(annotation.length, 1);
    assert.equal(annotation[0]!.file_name, NAME_A);
    assert.equal(readFileSync(path.join(folderA, 'report.pdf')).subarray(0, 5).toString(), '%PDF-');
  });

  test('--format repeated and as a comma list writes only those, in that order', async () => {
    const folder = path.join(root, 'only-some');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'analysis.json'), readFileSync(path.join(folderB, 'analysis.json')));
    const r = await runCli(['export', folder, '--db', db, '--format', 'eaf,csv', '--format', 'audit']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((p) => path.basename(p)), ['review.eaf', 'findings.csv', 'audit-trail.csv']);
    assert.ok(!existsSync(path.join(folder, 'report.pdf')) && !existsSync(path.join(folder, 'annotation.csv')));
    assert.match(r.stderr, /5 clinician decisions \(5 log entries\), not signed off/);
  });

  test('the default cache file is the default cache path', async () => {
    const xdg = path.join(root, 'xdg');
    const defaultDb = path.join(xdg, 'semioscope', 'cache.sqlite');
    mkdirSync(path.dirname(defaultDb), { recursive: true });
    const cache = new AnswerCache(defaultDb);
    record(cache, SHA_B, 'Dr Ana Müller', decide('figure4', 'rejected'));
    cache.close();
    const folder = path.join(root, 'default-db');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'analysis.json'), readFileSync(path.join(folderB, 'analysis.json')));
    const r = await runCli(['export', folder, '--format', 'audit'], { XDG_DATA_HOME: xdg, HOME: root });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(rows(readFileSync(path.join(folder, 'audit-trail.csv'), 'utf8'), 'a.csv').map((x) => [x.feature_id, x.decision]), [['figure4', 'rejected']]);
  });

  test('round trip: the exported annotation CSVs as labels, the analyses as predictions: evaluate matches a hand computation', async () => {
    const r = await runCli(['export', folderB, '--db', db, '--format', 'annotation']);
    assert.equal(r.code, 0, r.stderr);
    const a = readFileSync(path.join(folderA, 'annotation.csv'), 'utf8').trimEnd().split('\n');
    const b = readFileSync(path.join(folderB, 'annotation.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(a[0], b[0], 'the same layout');
    // The clinic's validation set: the two reviewed recordings in one label file.
    const labels = path.join(root, 'clinic-labels.csv');
    writeFileSync(labels, `${[a[0], a[1], b[1]].join('\n')}\n`);
    const out = path.join(root, 'evaluation');
    const ev = await runCli(['evaluate', '--labels', labels, '--predictions', path.join(folderA, 'analysis.json'), path.join(folderB, 'analysis.json'),
      '--out', out, '--bootstrap', '0']);
    assert.equal(ev.code, 0, ev.stderr);
    const detail = new Map(rows(readFileSync(path.join(out, 'metrics-detailed.csv'), 'utf8'), 'metrics-detailed.csv').map((x) => [x.feature, x]));

    // By hand: per feature, each recording with a label gives one cell of the confusion table.
    const ratio = (x: number, y: number) => (y > 0 ? x / y : null);
    let scored = 0;
    for (const id of FEATURE_IDS) {
      const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
      for (const rec of ['A', 'B'] as const) {
        const label = HAND_LABELS[rec][id];
        const pred = prediction(id);
        if (!label || (pred !== 'yes' && pred !== 'no')) continue;
        if (label === 'yes') c[pred === 'yes' ? 'tp' : 'fn']++;
        else c[pred === 'yes' ? 'fp' : 'tn']++;
      }
      const n = c.tp + c.fp + c.fn + c.tn;
      scored += n;
      const row = detail.get(id)!;
      assert.ok(row, id);
      assert.deepEqual([row.n, row.tp, row.fp, row.fn, row.tn].map(Number), [n, c.tp, c.fp, c.fn, c.tn], id);
      const expected = { accuracy: ratio(c.tp + c.tn, n), precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn), f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn) };
      for (const [k, v] of Object.entries(expected)) {
        if (v === null) assert.equal(row[k], '', `${id} ${k} undefined`);
        else assert.ok(Math.abs(Number(row[k]) - v) < 1e-9, `${id} ${k}: ${row[k]} vs ${v}`);
      }
    }
    assert.equal(scored, 11, 'eleven decisions became labels (uncertain and undone ones did not)');
    // The headline cells of the two-recording features, spelled out.
    assert.deepEqual(['blank_stare', 'head_turning', 'clonic', 'arm_flexion'].map((id) => detail.get(id)!.f1).map(Number), [2 / 3, 2 / 3, 1, 0]);
    const metrics = parseCsv(readFileSync(path.join(out, 'metrics.csv'), 'utf8'), 'metrics.csv');
    const f1Row = metrics.rows.find((x) => x.cells[0] === 'F1 Score')!.cells;
    assert.equal(f1Row[metrics.header.indexOf('blank_stare')], '0.667');
  });

  test('bad inputs: exit 2 with one clear message', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    assertCleanRefusal(await runCli(['export', empty, '--db', db]), /There is no analysis\.json in the folder "empty"\./);
    assertCleanRefusal(await runCli(['export', path.join(root, 'missing'), '--db', db]), /The analysis folder "missing" cannot be opened/);
    assertCleanRefusal(await runCli(['export', path.join(folderA, 'analysis.json'), '--db', db]), /"analysis\.json" is not a folder/);
    assertCleanRefusal(await runCli(['export', folderA, '--db', db, '--format', 'csv,edf']), /Unknown export format "edf" \(did you mean "eaf"\?\)\.\nThe formats are json, csv, audit, eaf, annotation, pdf\./);
    assertCleanRefusal(await runCli(['export', folderA, '--db', path.join(root, 'nope.sqlite')]), /The answer cache "nope\.sqlite" does not exist/);
    const notDb = path.join(root, 'notes.sqlite');
    writeFileSync(notDb, 'these are not the droids');
    assertCleanRefusal(await runCli(['export', folderA, '--db', notDb]), /"notes\.sqlite" is not a Semioscope answer cache/);
    const broken = path.join(root, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'analysis.json'), '{"schemaVersion": 2, ');
    assertCleanRefusal(await runCli(['export', broken, '--db', db]), /analysis\.json is not valid JSON/);
    writeFileSync(path.join(broken, 'analysis.json'), JSON.stringify({ ...analysisA, schemaVersion: 1 }));
    assertCleanRefusal(await runCli(['export', broken, '--db', db]), /analysis\.json has schemaVersion 1; this version of semioscope reads schemaVersion 2/);
    assertCleanRefusal(await runCli(['export', '--db', db]), /Give the analysis folder to export/);
    assert.deepEqual(['empty', 'broken'].map((d) => existsSync(path.join(root, d, 'findings.csv'))), [false, false], 'nothing written');
  });

  test('--help lists the formats and their files', async () => {
    const r = await runCli(['export', '--help']);
    assert.equal(r.code, 0);
    for (const f of EXPORT_FORMATS) assert.ok(r.stdout.includes(EXPORT_DESCRIPTIONS[f].fileName), f);
    const top = await runCli(['--help']);
    assert.match(top.stdout, /semioscope export <analysis-folder>/);
  });
});
