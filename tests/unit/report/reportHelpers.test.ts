import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { baseName } from '../../../native-models/report/baseName.ts';
import { describeModels } from '../../../native-models/report/describeModels.ts';
import { describeVariant } from '../../../native-models/report/describeVariant.ts';
import { justificationsFor } from '../../../native-models/report/drawEvidence.ts';
import { tickStep } from '../../../native-models/report/drawTimelineFigure.ts';
import { latestDecisions } from '../../../native-models/report/latestDecisions.ts';
import { resolveReportFonts } from '../../../native-models/report/reportFonts.ts';
import type { AnalysisResult, Answer, Finding, ModelInfo } from '../../../native-models/contract/analysisSchema.ts';
import { flattenText, parsePdffonts } from '../../helpers/checkReportPdf.ts';

test('fonts come from the dejavu-fonts-ttf package and all four files exist', () => {
  const f = resolveReportFonts();
  for (const p of Object.values(f)) assert.ok(existsSync(p), p);
  assert.match(f.regular, /dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans\.ttf$/);
  assert.throws(() => resolveReportFonts('/nonexistent-font-dir'), /DejaVu Sans/);
});

test('baseName strips POSIX and Windows folders', () => {
  assert.equal(baseName('/home/zoe/videos/seizure 1.mp4'), 'seizure 1.mp4');
  assert.equal(baseName('C:\\Users\\Zoë\\clip.mkv'), 'clip.mkv');
  assert.equal(baseName('clip.mp4'), 'clip.mp4');
});

test('models are described without paths, credentials or query strings', () => {
  const m: ModelInfo = {
    backend: 'local', name: 'Qwen2.5-Omni-7B', identity: 'x', demo: false, hasVision: true, hasAudio: false,
    files: { model: '/home/dr.smith/models/q.gguf', mmproj: null }, architecture: 'qwen2vl', projectorType: 'qwen2.5o',
    audioModel: { backend: 'remote', name: 'af3', identity: 'y', demo: true, hasVision: false, hasAudio: true,
      endpoint: 'https://user:secret@gpu.example.org:8443/v1?key=abc' },
  };
  const text = describeModels(m).join('\n');
  assert.ok(!text.includes('/home'), text);
  assert.ok(!text.includes('secret') && !text.includes('key=abc'), text);
  assert.match(text, /q\.gguf/);
  assert.match(text, /gpu\.example\.org:8443/);
  assert.match(text, /DEMO/);
});

test('variants read as a clinician would say them', () => {
  assert.equal(describeVariant('blank_stare', 'crop'), 'face crop');
  assert.equal(describeVariant('tonic', 'pose'), 'skeleton overlay');
  assert.equal(describeVariant('ictal_vocalization', 'base'), 'raw audio');
  assert.equal(describeVariant('ictal_vocalization', 'transcript'), 'audio + transcript');
});

test('timeline ticks stay at about ten or fewer', () => {
  for (const d of [20, 95, 150, 600, 1800, 7200]) assert.ok(d / tickStep(d) <= 10 || tickStep(d) === 3600, String(d));
  assert.equal(tickStep(150), 15);
});

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

test('the latest clinician decision per feature wins', () => {
  const a = { decisions: [
    { featureId: 'tonic', decision: 'confirmed', atIso: '2025-01-01T10:00:00Z' },
    { featureId: 'tonic', decision: 'rejected', atIso: '2025-01-02T10:00:00Z' },
    { featureId: 'clonic', decision: 'confirmed', atIso: '2025-01-01T10:00:00Z' },
  ] } as unknown as AnalysisResult;
  const d = latestDecisions(a);
  assert.equal(d.get('tonic')?.decision, 'rejected');
  assert.equal(d.get('clonic')?.decision, 'confirmed');
});

test('checker helpers: pdffonts parsing and text flattening', () => {
  const out = [
    'name                                 type              encoding         emb sub uni object ID',
    '------------------------------------ ----------------- ---------------- --- --- --- ---------',
    'BZZZZZ+DejaVuSans                    CID TrueType      Identity-H       yes yes yes     12  0',
    'Helvetica                            Type 1            WinAnsi          no  no  no       7  0',
  ].join('\n');
  assert.deepEqual(parsePdffonts(out), [
    { name: 'BZZZZZ+DejaVuSans', type: 'CID TrueType', embedded: true },
    { name: 'Helvetica', type: 'Type 1', embedded: false },
  ]);
  assert.equal(flattenText('figure-\n4 sign  (1:24)\n→ clonic'), 'figure-4 sign (1:24) → clonic');
});
