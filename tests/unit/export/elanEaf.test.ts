/**
 * review.eaf: well-formed XML (fast-xml-parser's validator) in EAF 3.0's element order, time slots in time
 * order that every annotation references with start before end, one model and one clinician tier per feature,
 * the clinician tiers holding exactly the standing decisions with their intervals, no overlapping annotations
 * on a tier, the media linked by name only, and non-ASCII (and XML-special) text back exactly as written.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { foldReview } from '../../../native-models/contract/clinicianReview.ts';
import { clinicianInterval } from '../../../native-models/export/clinicianInterval.ts';
import { clinicianTierId, elanEaf, modelTierId } from '../../../native-models/export/elanEaf.ts';
import { FEATURE_IDS } from '../../../native-models/semiology/featureCatalogue.ts';
import { ADDED_COMMENT, FILE_NAME, REJECT_COMMENT, reviewEntries, reviewedFixture } from './reviewedFixture.ts';

interface Ann { ANNOTATION_ID: string; TIME_SLOT_REF1: string; TIME_SLOT_REF2: string; ANNOTATION_VALUE: string }
interface TierNode { TIER_ID: string; LINGUISTIC_TYPE_REF: string; ANNOTATOR?: string; ANNOTATION?: { ALIGNABLE_ANNOTATION: Ann }[] }
interface Doc {
  ANNOTATION_DOCUMENT: {
    FORMAT: string; VERSION: string; DATE: string; AUTHOR: string; 'xsi:noNamespaceSchemaLocation': string;
    HEADER: { TIME_UNITS: string; MEDIA_DESCRIPTOR: { MEDIA_URL: string; RELATIVE_MEDIA_URL: string; MIME_TYPE: string }; PROPERTY: { NAME: string; '#text': string }[] };
    TIME_ORDER: { TIME_SLOT: { TIME_SLOT_ID: string; TIME_VALUE: string }[] };
    TIER: TierNode[];
    LINGUISTIC_TYPE: { LINGUISTIC_TYPE_ID: string; TIME_ALIGNABLE: string }[];
  };
}

const ARRAYS = new Set(['TIER', 'ANNOTATION', 'TIME_SLOT', 'PROPERTY', 'LINGUISTIC_TYPE', 'CONSTRAINT']);
function parse(xml: string): Doc['ANNOTATION_DOCUMENT'] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false, htmlEntities: true,
    isArray: (name) => ARRAYS.has(name) });
  return (parser.parse(xml) as Doc).ANNOTATION_DOCUMENT;
}

let dir: string;
let analysis: AnalysisResult;
let xml: string;
let doc: Doc['ANNOTATION_DOCUMENT'];
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'semioscope-eaf-'));
  analysis = await reviewedFixture(dir);
  xml = elanEaf(analysis, { generatedAt: new Date('2025-03-16T08:00:00Z') });
  doc = parse(xml);
});
after(() => rm(dir, { recursive: true, force: true }));

const tier = (id: string) => doc.TIER.find((t) => t.TIER_ID === id)!;
const anns = (t: TierNode) => (t.ANNOTATION ?? []).map((a) => a.ALIGNABLE_ANNOTATION);

describe('elanEaf', () => {
  test('well-formed XML, EAF 3.0, elements in the schema order', () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ANNOTATION_DOCUMENT '));
    assert.equal(doc.FORMAT, '3.0');
    assert.equal(doc['xsi:noNamespaceSchemaLocation'], 'http://www.mpi.nl/tools/elan/EAFv3.0.xsd');
    assert.match(doc.DATE, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/);
    assert.equal(doc.HEADER.TIME_UNITS, 'milliseconds');
    const order = ['<HEADER', '<TIME_ORDER', '<TIER ', '<LINGUISTIC_TYPE ', '<LOCALE ', '<LANGUAGE ', '<CONSTRAINT '].map((tag) => xml.indexOf(tag));
    assert.ok(order.every((i) => i > 0));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'HEADER, TIME_ORDER, TIER*, LINGUISTIC_TYPE*, LOCALE, LANGUAGE, CONSTRAINT*');
    assert.ok(xml.lastIndexOf('<TIER ') < xml.indexOf('<LINGUISTIC_TYPE '));
  });

  test('time slots in increasing order, referenced once each, every annotation starting before it ends', () => {
    const slots = doc.TIME_ORDER.TIME_SLOT;
    const values = slots.map((s) => Number(s.TIME_VALUE));
    assert.ok(values.every(Number.isInteger), 'milliseconds');
    for (let i = 1; i < values.length; i++) assert.ok(values[i]! >= values[i - 1]!, `slot ${i + 1} not before slot ${i}`);
    assert.deepEqual(slots.map((s) => s.TIME_SLOT_ID), slots.map((_, i) => `ts${i + 1}`));
    const at = new Map(slots.map((s) => [s.TIME_SLOT_ID, Number(s.TIME_VALUE)]));
    const all = doc.TIER.flatMap(anns);
    const refs = all.flatMap((a) => [a.TIME_SLOT_REF1, a.TIME_SLOT_REF2]);
    assert.equal(new Set(refs).size, slots.length, 'each slot used by exactly one annotation boundary');
    for (const a of all) assert.ok(at.get(a.TIME_SLOT_REF1)! < at.get(a.TIME_SLOT_REF2)!, a.ANNOTATION_ID);
    assert.deepEqual(all.map((a) => a.ANNOTATION_ID).sort(), all.map((_, i) => `a${i + 1}`).sort(), 'unique annotation ids');
    assert.equal(doc.HEADER.PROPERTY.find((p) => p.NAME === 'lastUsedAnnotationId')!['#text'], String(all.length));
  });

  test('one model and one clinician tier per feature, typed by a declared linguistic type; no overlaps on a tier', () => {
    assert.deepEqual(doc.TIER.map((t) => t.TIER_ID), FEATURE_IDS.flatMap((id) => [modelTierId(id), clinicianTierId(id)]));
    const types = new Set(doc.LINGUISTIC_TYPE.map((t) => t.LINGUISTIC_TYPE_ID));
    assert.ok(doc.TIER.every((t) => types.has(t.LINGUISTIC_TYPE_REF)));
    assert.ok(doc.LINGUISTIC_TYPE.every((t) => t.TIME_ALIGNABLE === 'true'));
    const at = new Map(doc.TIME_ORDER.TIME_SLOT.map((s) => [s.TIME_SLOT_ID, Number(s.TIME_VALUE)]));
    for (const t of doc.TIER) {
      const spans = anns(t).map((a) => [at.get(a.TIME_SLOT_REF1)!, at.get(a.TIME_SLOT_REF2)!] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0] >= spans[i - 1]![1], `${t.TIER_ID}: annotations overlap`);
    }
  });

  test("model tiers: one annotation per answered segment of the finding's variant, with its answer", () => {
    const blank = analysis.findings.find((f) => f.featureId === 'blank_stare')!;
    const answers = analysis.answers.filter((a) => a.featureId === 'blank_stare' && a.variant === blank.variant);
    const values = anns(tier(modelTierId('blank_stare'))).map((a) => a.ANNOTATION_VALUE);
    assert.equal(values.length, answers.length);
    assert.match(values[0]!, /^present \(segment 0, 0-30 s\): Eyes open with a fixed gaze/);
    assert.match(values[2]!, /^absent \(segment 2, 50-80 s\)/);
    assert.ok(anns(tier(modelTierId('eye_blinking'))).every((a) => a.ANNOTATION_VALUE.startsWith('failed')));
    assert.match(anns(tier(modelTierId('verbal_responsiveness')))[0]!.ANNOTATION_VALUE, /^not assessed: no speech/);
    assert.equal(tier(modelTierId('blank_stare')).ANNOTATOR, analysis.model.name);
  });

  test('clinician tiers hold exactly the standing decisions, over their intervals', () => {
    const at = new Map(doc.TIME_ORDER.TIME_SLOT.map((s) => [s.TIME_SLOT_ID, Number(s.TIME_VALUE)]));
    const current = new Map(analysis.review!.current.map((e) => [e.featureId!, e]));
    for (const id of FEATURE_IDS) {
      const a = anns(tier(clinicianTierId(id)));
      const d = current.get(id);
      if (!d) { assert.equal(a.length, 0, `${id}: no decision, no annotation`); continue; }
      assert.equal(a.length, 1, id);
      const i = clinicianInterval(analysis, analysis.findings.find((f) => f.featureId === id), d);
      assert.deepEqual([at.get(a[0]!.TIME_SLOT_REF1), at.get(a[0]!.TIME_SLOT_REF2)], [Math.round(i.startS * 1000), Math.round(i.endS * 1000)], id);
      assert.ok(a[0]!.ANNOTATION_VALUE.startsWith(`${d.decision}; `), id);
      assert.equal(tier(clinicianTierId(id)).ANNOTATOR, d.reviewer);
    }
    assert.equal(anns(tier(clinicianTierId('oral_automatisms'))).length, 0, 'undone');
    const arm = anns(tier(clinicianTierId('arm_flexion')))[0]!;
    assert.equal(arm.ANNOTATION_VALUE, `added; clinician: present; side: left; ${ADDED_COMMENT}`, 'CJK, CR LF, quotes, & and <> exactly');
    assert.deepEqual([at.get(arm.TIME_SLOT_REF1), at.get(arm.TIME_SLOT_REF2)], [70_000, 95_250]);
    const head = anns(tier(clinicianTierId('head_turning')))[0]!;
    assert.equal(head.ANNOTATION_VALUE, `rejected; clinician: absent; side: right; ${REJECT_COMMENT}; (times: onset the model's, offset the model's segment end)`);
    assert.match(anns(tier(clinicianTierId('close_eyes')))[0]!.ANNOTATION_VALUE, /\(times: onset the recording's, offset the recording's end\)$/);
  });

  test('the media is linked by file name only (relative, then file:///name), non-ASCII kept, URL-special characters encoded', () => {
    const m = doc.HEADER.MEDIA_DESCRIPTOR;
    assert.equal(m.RELATIVE_MEDIA_URL, './患者%20山田太郎%20%232%20発作.mp4');
    assert.equal(m.MEDIA_URL, 'file:///患者%20山田太郎%20%232%20発作.mp4');
    assert.equal(decodeURIComponent(m.RELATIVE_MEDIA_URL.slice(2)), FILE_NAME);
    assert.equal(m.MIME_TYPE, 'video/mp4');
    assert.ok(!xml.includes(dir), 'no folder path in the file');
    assert.equal(doc.AUTHOR, 'Dr Émile Noël, Dr 李');
    assert.match(doc.HEADER.PROPERTY.find((p) => p.NAME === 'semioscope:review')!['#text'], /^amended after sign-off \(Dr Émile Noël, 2025-03-15T09:10:00.000\+01:00\)$/);
    assert.ok(Buffer.from(xml, 'utf8').includes(Buffer.from('凝視', 'utf8')), 'UTF-8 as is, no character references for CJK');
  });

  test('XML-special and XML-illegal characters in names and comments still give a well-formed file', () => {
    const sha = analysis.recording.sha256;
    const entries = reviewEntries(sha).slice(0, 1).map((e) => ({ ...e, reviewer: 'Dr "Q" & <Söhne>\tA', comment: 'bell\u0007 ]]> &amp; done' }));
    const text = elanEaf({ ...analysis, recording: { ...analysis.recording, fileName: 'a&b<"c">.MOV' }, review: foldReview(entries) });
    assert.equal(XMLValidator.validate(text), true);
    const d = parse(text);
    assert.equal(d.TIER.find((t) => t.TIER_ID === clinicianTierId('blank_stare'))!.ANNOTATOR, 'Dr "Q" & <Söhne>\tA');
    assert.match(anns(d.TIER.find((t) => t.TIER_ID === clinicianTierId('blank_stare'))!)[0]!.ANNOTATION_VALUE, /bell\uFFFD \]\]> &amp; done/);
    assert.equal(d.HEADER.MEDIA_DESCRIPTOR.RELATIVE_MEDIA_URL, './a&b%3C%22c%22%3E.MOV');
    assert.equal(d.HEADER.MEDIA_DESCRIPTOR.MIME_TYPE, 'video/quicktime');
  });
});
