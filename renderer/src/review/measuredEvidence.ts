/**
 * The measured signs (analysis.measuredSigns, from the signals layer) as the review screen shows them, pure:
 * the second row of each measured feature's lane (intervals with a tooltip: the patient's side, onset,
 * duration, frequency, evidence strength), the words for a finding's measured evidence, and whether the
 * model and the measurement agree, with the lanes to flag. The model's finding is never changed: a
 * disagreement is only flagged.
 * The renderer imports only types from the engine, so the measured feature list is repeated here (checked
 * against contract/measuredSigns.ts in tests/unit/renderer/measuredEvidence.test.ts).
 */
import type { AnalysisResult, Finding, MeasurementAgreement } from '../../../native-models/contract/analysisSchema.ts';
import type { MeasuredFeatureId, MeasuredSign, MeasuredSigns } from '../../../native-models/contract/measuredSigns.ts';

/** As contract/measuredSigns.ts MEASURED_FEATURE_IDS. */
export const MEASURED_FEATURES: readonly MeasuredFeatureId[] = [
  'clonic', 'tonic', 'head_turning', 'figure4', 'arm_flexion', 'arm_straightening',
  'arms_move_simultaneously', 'asynchronous_movement', 'full_body_shaking', 'pelvic_thrusting', 'limb_automatisms',
];

export interface MeasuredInterval {
  startS: number;
  endS: number;
  side: MeasuredSign['side'];
  confidence: number;
  frequencyHz: number | null;
  trendHzPerS: number | null;
  angleDeg: number | null;
}

/** What a lane's second row shows: the measured intervals, or why the feature could not be measured. */
export interface MeasuredLaneRow {
  intervals: MeasuredInterval[];
  /** The signals layer's reason, when it could not measure this feature; null when it could. */
  notMeasurable: string | null;
}

export type Agreement = 'agree' | 'disagree' | 'measured_only' | 'not_measurable';

export interface FindingAgreement {
  agreement: Agreement;
  /** One sentence for the findings panel. */
  text: string;
}

/** The banner a disagreement carries in the findings panel. */
export const DISAGREE_TEXT = 'Model and measurement disagree: review';

const num = (m: Record<string, number>, k: string): number | null => (typeof m[k] === 'number' && Number.isFinite(m[k]) ? m[k] : null);

export function intervalOf(s: MeasuredSign): MeasuredInterval {
  return { startS: s.startS, endS: s.endS, side: s.side, confidence: s.confidence,
    frequencyHz: num(s.measures, 'frequencyHz'), trendHzPerS: num(s.measures, 'frequencyTrendHzPerS'), angleDeg: num(s.measures, 'angleDeg') };
}

/** The second row of every measured feature's lane; empty when the analysis has no measured signs. */
export function measuredLaneRows(measured: MeasuredSigns | null | undefined): Map<string, MeasuredLaneRow> {
  const rows = new Map<string, MeasuredLaneRow>();
  if (!measured) return rows;
  for (const id of MEASURED_FEATURES) {
    const reason = measured.notMeasurable.find((n) => n.featureId === id)?.reason ?? null;
    const intervals = measured.signs.filter((s) => s.featureId === id).map(intervalOf).sort((a, b) => a.startS - b.startS);
    rows.set(id, { intervals, notMeasurable: reason });
  }
  return rows;
}

/** "not measurable from this view: …" as the signals layer words it, or prefixed so it always says so. */
export function notMeasurableText(reason: string): string {
  return /^not measurable/i.test(reason) ? reason : `not measurable: ${reason}`;
}

export function sideText(side: MeasuredSign['side']): string {
  return side === null ? 'no side' : side === 'bilateral' ? 'both sides (patient\'s)' : `patient's ${side}`;
}

/** "2.1 Hz, slowing 0.05 Hz/s" (a rhythm), "" without a frequency. */
export function frequencyText(iv: Pick<MeasuredInterval, 'frequencyHz' | 'trendHzPerS'>): string {
  if (iv.frequencyHz === null) return '';
  const t = iv.trendHzPerS;
  const trend = t === null || Math.abs(t) < 0.005 ? '' : `, ${t < 0 ? 'slowing' : 'speeding up'} ${Math.abs(t).toFixed(2)} Hz/s`;
  return `${iv.frequencyHz.toFixed(1)} Hz${trend}`;
}

/** The parts of an interval's description: side, onset, duration, frequency or angle, evidence strength. */
export function intervalParts(iv: MeasuredInterval): string[] {
  return [
    sideText(iv.side),
    `onset ${iv.startS.toFixed(1)} s`,
    `${Math.max(0, iv.endS - iv.startS).toFixed(1)} s long`,
    frequencyText(iv) || (iv.angleDeg !== null ? `${Math.round(iv.angleDeg)}°` : ''),
    `evidence strength ${iv.confidence.toFixed(2)}`,
  ].filter(Boolean);
}

/** The tooltip of a measured interval on the timeline. */
export function intervalTitle(label: string, iv: MeasuredInterval): string {
  return `${label}, measured from the pose: ${intervalParts(iv).join(' · ')} (evidence strength is not a calibrated probability)`;
}

/** Seconds of the finding's positive segments (the model's primary variant). */
function positiveSpans(finding: Pick<Finding, 'positiveSegments'>, segments: AnalysisResult['segments']): Array<[number, number]> {
  return finding.positiveSegments.flatMap((i) => {
    const s = segments.find((x) => x.index === i);
    return s ? [[s.startS, s.endS] as [number, number]] : [];
  });
}

const overlaps = (iv: Pick<MeasuredInterval, 'startS' | 'endS'>, [a, b]: [number, number]): boolean => iv.startS < b && iv.endS > a;

/** The measured intervals that overlap the model's positive segments. */
export function overlappingIntervals(finding: Pick<Finding, 'positiveSegments'>, segments: AnalysisResult['segments'], intervals: readonly MeasuredInterval[]): MeasuredInterval[] {
  const spans = positiveSpans(finding, segments);
  return intervals.filter((iv) => spans.some((sp) => overlaps(iv, sp)));
}

/**
 * Model against measurement for one feature; null when there is nothing to compare (no measured signs, a
 * feature the signals layer does not measure, or neither a model answer nor a measured interval).
 * Model present: agree when a measured interval overlaps one of its positive segments. Model absent: agree
 * when nothing was measured. Model failed or not asked: "measured only" when something was measured.
 */
export function computeAgreement(finding: Pick<Finding, 'status' | 'positiveSegments'> | undefined, segments: AnalysisResult['segments'], row: MeasuredLaneRow | undefined): FindingAgreement | null {
  if (!row) return null;
  if (row.notMeasurable !== null) return { agreement: 'not_measurable', text: notMeasurableText(row.notMeasurable) };
  const n = row.intervals.length;
  const status = finding?.status ?? 'not_assessed';
  if (status === 'present') {
    const hit = overlappingIntervals(finding!, segments, row.intervals).length;
    if (hit) return { agreement: 'agree', text: `Model and measurement agree: present (${hit} measured interval${hit === 1 ? '' : 's'} in the model's positive segments).` };
    return { agreement: 'disagree', text: n
      ? `The model found it present, but no measured interval falls in its positive segments (${n} elsewhere).`
      : 'The model found it present; the measurement found no interval.' };
  }
  if (status === 'absent') {
    return n
      ? { agreement: 'disagree', text: `The model found it absent, but it was measured ${n === 1 ? 'once' : `${n} times`}.` }
      : { agreement: 'agree', text: 'Model and measurement agree: absent.' };
  }
  return n ? { agreement: 'measured_only', text: `Measured ${n === 1 ? 'once' : `${n} times`}; the model gave no usable answer.` } : null;
}

/** The pipeline's comparison (analysis.json `measurementAgreement`, pipeline/compareMeasuredSigns.ts) in the panel's terms; null when it has nothing to compare. */
export function fromRecorded(e: Pick<MeasurementAgreement, 'measured' | 'agrees' | 'flaggedForReview' | 'note'>): FindingAgreement | null {
  const agreement: Agreement | null = e.measured === 'not_measurable' ? 'not_measurable'
    : e.flaggedForReview || e.agrees === false ? 'disagree'
    : e.agrees === true ? 'agree'
    : e.measured === 'present' ? 'measured_only' : null;
  return agreement ? { agreement, text: e.note } : null;
}

/** The agreement the findings panel shows: the pipeline's when analysis.json records one for the feature, else computed here (older analyses). */
export function findingAgreement(analysis: AnalysisResult, featureId: string, rows: ReadonlyMap<string, MeasuredLaneRow>): FindingAgreement | null {
  if (!analysis.measuredSigns) return null;
  const finding = analysis.findings.find((f) => f.featureId === featureId);
  const recorded = analysis.measurementAgreement?.find((e) => e.featureId === featureId);
  return recorded ? fromRecorded(recorded) : computeAgreement(finding, analysis.segments, rows.get(featureId));
}

/** The features whose model finding and measurement disagree, each with the findings panel's sentence: their lanes are flagged too. */
export function laneDisagreements(analysis: AnalysisResult, rows: ReadonlyMap<string, MeasuredLaneRow>): Map<string, string> {
  const out = new Map<string, string>();
  for (const featureId of rows.keys()) {
    const a = findingAgreement(analysis, featureId, rows);
    if (a?.agreement === 'disagree') out.set(featureId, a.text);
  }
  return out;
}

/** The element id of a finding's disagreement note in the findings panel, which a lane's flag moves the focus to. */
export function disagreeNoteId(featureId: string): string {
  return `measured-disagree-${featureId}`;
}
