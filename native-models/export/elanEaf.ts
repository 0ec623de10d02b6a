/**
 * review.eaf: the analysis and its review as an ELAN 3.0 annotation document
 * (http://www.mpi.nl/tools/elan/EAFv3.0.xsd), so a research group can open the recording in ELAN with the
 * model's answers and the clinician's intervals on a timeline. Per catalogue feature two tiers:
 * `<id> (model)`, one annotation per answered segment of the finding's variant (value `present|absent|failed
 * (segment n, a-b s): justification`), and `<id> (clinician)`, the standing decision's interval (value
 * `decision; side; comment`, plus where borrowed times came from: clinicianInterval.ts).
 *
 * Choices where ELAN is strict or the issue silent:
 * - Segments overlap (5 s by default) but annotations on one ELAN tier may not: each model annotation is cut
 *   at the middle of its overlap with the neighbouring answered segment; the exact window is in the value.
 * - Every annotation has its own two time slots (ELAN moves a shared slot for every annotation on it);
 *   slots are numbered in time order, so TIME_ORDER is non-decreasing; an annotation lasts at least 1 ms.
 * - The media is linked by name only: RELATIVE_MEDIA_URL `./<file name>` (ELAN resolves it next to the .eaf,
 *   i.e. with the recording copied beside it) and MEDIA_URL `file:///<file name>`, never the folder path
 *   (folders can carry a patient's name); ELAN asks for the file when neither resolves.
 * - LINGUISTIC_TYPE, LOCALE, LANGUAGE and CONSTRAINT are written as ELAN itself writes a new document.
 */
import type { AnalysisResult, Answer, Finding, SegmentInfo } from '../contract/analysisSchema.ts';
import { clinicianStatus, type ReviewEntry } from '../contract/clinicianReview.ts';
import { localIsoWithOffset } from '../platform/localTime.ts';
import { FEATURES } from '../semiology/featureCatalogue.ts';
import { clinicianInterval } from './clinicianInterval.ts';
import { secondsCell } from './spreadsheetCsv.ts';
import { xmlAttr, xmlText } from './xmlEscape.ts';

export const MODEL_TYPE = 'model-answer';
export const CLINICIAN_TYPE = 'clinician-decision';
export const modelTierId = (featureId: string) => `${featureId} (model)`;
export const clinicianTierId = (featureId: string) => `${featureId} (clinician)`;

const MIME: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', mpg: 'video/mpeg', mpeg: 'video/mpeg', avi: 'video/x-msvideo',
  mkv: 'video/x-matroska', webm: 'video/webm', wmv: 'video/x-ms-wmv', wav: 'audio/x-wav', mp3: 'audio/mpeg', m4a: 'audio/mp4',
};

/** The recording's file name in a URL: characters a URI cannot hold are %-encoded; letters of any script kept. */
export function fileNameInUrl(name: string): string {
  return name.replace(/[\u0000-\u0020"#%<>?[\\\]^`{|}\u007f]/g, (c) => encodeURIComponent(c));
}

interface Span { startMs: number; endMs: number; value: string }
interface Tier { id: string; type: string; annotator: string; spans: Span[] }

const ms = (s: number) => Math.max(0, Math.round(s * 1000));

function modelSpans(analysis: AnalysisResult, f: Finding | undefined): Span[] {
  if (!f) return [];
  const segment = new Map<number, SegmentInfo>(analysis.segments.map((s) => [s.index, s]));
  const answers = analysis.answers.filter((a: Answer) => a.featureId === f.featureId && a.variant === f.variant && segment.has(a.segmentIndex))
    .sort((a, b) => a.segmentIndex - b.segmentIndex);
  if (!answers.length && f.status === 'not_assessed') {
    return [{ startMs: 0, endMs: ms(analysis.recording.durationS), value: `not assessed: ${f.reason ?? ''}`.trim() }];
  }
  return answers.map((a, i) => {
    const s = segment.get(a.segmentIndex)!;
    const prev = i > 0 ? segment.get(answers[i - 1]!.segmentIndex)! : undefined;
    const next = i + 1 < answers.length ? segment.get(answers[i + 1]!.segmentIndex)! : undefined;
    const lo = prev && prev.endS > s.startS ? (prev.endS + s.startS) / 2 : s.startS;
    const hi = next && next.startS < s.endS ? (s.endS + next.startS) / 2 : s.endS;
    const status = a.status === 'failed' || a.present === null ? 'failed' : a.present ? 'present' : 'absent';
    const text = status === 'failed' ? (a.error ?? '') : a.justification;
    return { startMs: ms(lo), endMs: ms(hi), value: `${status} (segment ${s.index}, ${secondsCell(s.startS)}-${secondsCell(s.endS)} s)${text ? `: ${text}` : ''}` };
  });
}

const FROM_TEXT = { model: "the model's", recording: "the recording's" } as const;

function clinicianSpan(analysis: AnalysisResult, f: Finding | undefined, d: ReviewEntry): Span {
  const i = clinicianInterval(analysis, f, d);
  const status = clinicianStatus(f?.status ?? 'not_assessed', d.decision);
  const parts: string[] = [d.decision ?? '', status ? `clinician: ${status}` : ''];
  if (d.side) parts.push(`side: ${d.side}`);
  if (d.comment) parts.push(d.comment);
  const borrowed: string[] = [];
  if (i.from.onset !== 'clinician') borrowed.push(`onset ${FROM_TEXT[i.from.onset]}`);
  if (i.from.offset !== 'clinician') borrowed.push(`offset ${i.from.offset === 'model' ? "the model's segment end" : "the recording's end"}`);
  if (borrowed.length) parts.push(`(times: ${borrowed.join(', ')})`);
  return { startMs: ms(i.startS), endMs: ms(i.endS), value: parts.filter(Boolean).join('; ') };
}

export interface ElanOptions {
  /** The document's DATE (default now), local time with offset. */
  generatedAt?: Date;
}

export function elanEaf(analysis: AnalysisResult, options: ElanOptions = {}): string {
  const findings = new Map<string, Finding>(analysis.findings.map((f) => [f.featureId, f]));
  const decisions = new Map((analysis.review?.current ?? []).map((e) => [e.featureId as string, e]));
  const tiers: Tier[] = [];
  for (const def of FEATURES) {
    const f = findings.get(def.id);
    tiers.push({ id: modelTierId(def.id), type: MODEL_TYPE, annotator: analysis.model.name, spans: modelSpans(analysis, f) });
    const d = decisions.get(def.id);
    tiers.push({ id: clinicianTierId(def.id), type: CLINICIAN_TYPE, annotator: d?.reviewer ?? '', spans: d ? [clinicianSpan(analysis, f, d)] : [] });
  }

  // Two slots per annotation, numbered in time order (stable: document order among equal times).
  const boundaries: { t: number; key: string }[] = [];
  tiers.forEach((tier, ti) => tier.spans.forEach((s, si) => {
    if (s.endMs <= s.startMs) s.endMs = s.startMs + 1;
    boundaries.push({ t: s.startMs, key: `${ti}.${si}.1` }, { t: s.endMs, key: `${ti}.${si}.2` });
  }));
  const sorted = boundaries.map((b, order) => ({ ...b, order })).sort((a, b) => a.t - b.t || a.order - b.order);
  const slotOf = new Map(sorted.map((b, i) => [b.key, `ts${i + 1}`]));

  const name = analysis.recording.fileName;
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const review = analysis.review;
  const reviewers = [...new Set((review?.entries ?? []).map((e) => e.reviewer))];
  const reviewState = !review?.signOff ? 'not signed off' : review.amendedAfterSignOff ? 'amended after sign-off' : 'complete';
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<ANNOTATION_DOCUMENT AUTHOR="${xmlAttr(reviewers.join(', '))}" DATE="${localIsoWithOffset(options.generatedAt ?? new Date())}" FORMAT="3.0" VERSION="3.0" ` +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">');
  out.push('    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">');
  out.push(`        <MEDIA_DESCRIPTOR MEDIA_URL="file:///${xmlAttr(fileNameInUrl(name))}" MIME_TYPE="${MIME[ext] ?? 'unknown'}" RELATIVE_MEDIA_URL="./${xmlAttr(fileNameInUrl(name))}"/>`);
  const property = (k: string, v: string) => out.push(`        <PROPERTY NAME="${xmlAttr(k)}">${xmlText(v)}</PROPERTY>`);
  property('lastUsedAnnotationId', String(tiers.reduce((n, t) => n + t.spans.length, 0)));
  property('semioscope:recordingSha256', analysis.recording.sha256);
  property('semioscope:generator', `${analysis.generator.name} ${analysis.generator.version}`);
  property('semioscope:model', analysis.model.name + (analysis.model.demo ? ' (demo model: random weights, findings meaningless)' : ''));
  property('semioscope:review', `${reviewState}${review?.signOff ? ` (${review.signOff.reviewer}, ${review.signOff.atIso})` : ''}`);
  out.push('    </HEADER>');
  out.push('    <TIME_ORDER>');
  for (const [i, b] of sorted.entries()) out.push(`        <TIME_SLOT TIME_SLOT_ID="ts${i + 1}" TIME_VALUE="${b.t}"/>`);
  out.push('    </TIME_ORDER>');
  let annotationId = 0;
  tiers.forEach((tier, ti) => {
    const head = `    <TIER LINGUISTIC_TYPE_REF="${tier.type}" TIER_ID="${xmlAttr(tier.id)}"${tier.annotator ? ` ANNOTATOR="${xmlAttr(tier.annotator)}"` : ''}`;
    if (!tier.spans.length) { out.push(`${head}/>`); return; }
    out.push(`${head}>`);
    tier.spans.forEach((s, si) => {
      out.push('        <ANNOTATION>');
      out.push(`            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a${++annotationId}" TIME_SLOT_REF1="${slotOf.get(`${ti}.${si}.1`)}" TIME_SLOT_REF2="${slotOf.get(`${ti}.${si}.2`)}">`);
      out.push(`                <ANNOTATION_VALUE>${xmlText(s.value)}</ANNOTATION_VALUE>`);
      out.push('            </ALIGNABLE_ANNOTATION>');
      out.push('        </ANNOTATION>');
    });
    out.push('    </TIER>');
  });
  for (const type of [MODEL_TYPE, CLINICIAN_TYPE]) out.push(`    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="${type}" TIME_ALIGNABLE="true"/>`);
  out.push('    <LOCALE COUNTRY_CODE="US" LANGUAGE_CODE="en"/>');
  out.push('    <LANGUAGE LANG_DEF="http://cdb.iso.org/lg/CDB-00138502-001" LANG_ID="eng" LANG_LABEL="English (eng)"/>');
  out.push('    <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation\'s time interval, no time gaps allowed within this interval" STEREOTYPE="Time_Subdivision"/>');
  out.push('    <CONSTRAINT DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered" STEREOTYPE="Symbolic_Subdivision"/>');
  out.push('    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>');
  out.push('    <CONSTRAINT DESCRIPTION="Time alignable annotations within the parent annotation\'s time interval, gaps are allowed" STEREOTYPE="Included_In"/>');
  out.push('</ANNOTATION_DOCUMENT>');
  return `${out.join('\n')}\n`;
}
