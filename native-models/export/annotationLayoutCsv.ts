/**
 * annotation.csv: the clinician's decisions in the layout of the published expert-annotation file
 * (../shared/data/90_FeatureAnnotation.csv: its 25 columns in its order), one row for this recording, so that
 * `semioscope evaluate --labels annotation.csv --predictions analysis.json` scores the model against the
 * clinician: a clinic builds its own validation set by reviewing. Written like the published file (UTF-8
 * without BOM, LF, quoting only where needed), which the evaluation importer reads as labels.
 *
 * Cells: yes when the clinician holds the sign present (clinicianStatus: a confirmed positive, a rejected
 * negative, an added sign), no when absent, empty when the clinician was uncertain or made no decision: empty
 * is "not labelled" in that format, so an unreviewed sign never becomes a label (`na` means "not assessable
 * on the video", a rater's judgement this review does not record). `gender` and `label` stay empty (the
 * analysis keeps no demographics; the published `label` column is not documented). `start_time` / `end_time`
 * (m:ss, whole seconds outward) span the intervals of the signs the clinician holds present
 * (clinicianInterval.ts), counting only times the clinician or the model gave (a sign added without times
 * says nothing of when the seizure was); empty when there are none.
 */
import type { AnalysisResult, Finding } from '../contract/analysisSchema.ts';
import { clinicianStatus } from '../contract/clinicianReview.ts';
import { formatCsv } from '../evaluation/formatCsv.ts';
import { clinicianInterval } from './clinicianInterval.ts';

/** The published file's header, in its order (the 20 feature ids and four extra columns). */
export const ANNOTATION_COLUMNS = [
  'file_name', 'gender', 'occur_during_sleep', 'blank_stare', 'ictal_vocalization', 'close_eyes', 'eye_blinking', 'tonic', 'clonic',
  'arm_flexion', 'arm_straightening', 'figure4', 'oral_automatisms', 'limb_automatisms', 'face_pulling', 'face_twitching', 'head_turning',
  'asynchronous_movement', 'pelvic_thrusting', 'verbal_responsiveness', 'start_time', 'end_time', 'label', 'full_body_shaking',
  'arms_move_simultaneously',
] as const;

const EXTRA = new Set(['file_name', 'gender', 'start_time', 'end_time', 'label']);

/** `m:ss` as in the published file (minutes not capped at 59); `round` picks the whole second. */
export function minutesSeconds(s: number, round: (x: number) => number = Math.round): string {
  const whole = Math.max(0, round(s));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** The label cell of one feature: yes / no / '' (not labelled). */
export function labelCell(status: ReturnType<typeof clinicianStatus>): 'yes' | 'no' | '' {
  return status === 'present' ? 'yes' : status === 'absent' ? 'no' : '';
}

export function annotationLayoutCsv(analysis: AnalysisResult): string {
  const findings = new Map<string, Finding>(analysis.findings.map((f) => [f.featureId, f]));
  const cells = new Map<string, string>();
  let start = Infinity;
  let end = -Infinity;
  for (const d of analysis.review?.current ?? []) {
    const f = findings.get(d.featureId!);
    const status = clinicianStatus(f?.status ?? 'not_assessed', d.decision);
    cells.set(d.featureId!, labelCell(status));
    if (status === 'present') {
      const i = clinicianInterval(analysis, f, d);
      if (i.from.onset !== 'recording') start = Math.min(start, i.startS);
      if (i.from.offset !== 'recording') end = Math.max(end, i.endS);
    }
  }
  const row = ANNOTATION_COLUMNS.map((c) => {
    if (c === 'file_name') return analysis.recording.fileName;
    if (c === 'start_time') return Number.isFinite(start) ? minutesSeconds(start, Math.floor) : '';
    if (c === 'end_time') return Number.isFinite(end) ? minutesSeconds(end, Math.ceil) : '';
    if (EXTRA.has(c)) return '';
    return cells.get(c) ?? '';
  });
  return formatCsv([ANNOTATION_COLUMNS, row]);
}
