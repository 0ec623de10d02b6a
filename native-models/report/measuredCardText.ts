/**
 * What a finding's evidence card says about its measurement from the patient's pose: one line per measured
 * interval (the patient's side, onset, duration, frequency and trend where rhythmic or the angle of a
 * posture, evidence strength) and whether the model and the measurement agree. A disagreement carries the
 * same words as the review app's flag (renderer/src/review/measuredEvidence.ts DISAGREE_TEXT) and the
 * pipeline's note: it is for the clinician to review, and the model's finding is printed unchanged.
 */
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { MEASURED_FEATURE_IDS, type MeasuredSign } from '../contract/measuredSigns.ts';
import { formatClock } from '../media/formatClock.ts';
import { measureText } from './drawMeasuredSigns.ts';
import type { MeasuredAgreement, MeasuredRow, MeasuredSummary } from './measuredSignsSummary.ts';

/** The flag of a disagreement, word for word as the review app shows it. */
export const DISAGREE_TEXT = 'Model and measurement disagree: review';
export const AGREE_TEXT = 'Model and measurement agree.';
export const MEASURED_ONLY_TEXT = 'Measured only: the model gave no usable answer.';
export const NO_INTERVAL_TEXT = 'Measured from the pose: no interval.';
/** Intervals listed on a card; more are counted ("and 2 more", all are in the measured signs table). */
export const MAX_CARD_INTERVALS = 3;

const MEASURED = new Set<string>(MEASURED_FEATURE_IDS);

export interface MeasuredCardText {
  /** "Measured: patient's left · onset 1:29 · 38.5 s · 2.9 Hz, slowing 0.05 Hz/s · evidence strength 0.78", or the no-interval line. */
  lines: string[];
  agreement: MeasuredAgreement | null;
  /** For a disagreement: the pipeline's note (why). Otherwise the one sentence to print. */
  agreementText: string;
}

export function patientSideText(side: MeasuredSign['side']): string {
  return side === null ? 'no side' : side === 'bilateral' ? 'both sides (patient\'s)' : `patient's ${side}`;
}

export function intervalLine(r: Pick<MeasuredRow, 'side' | 'startS' | 'endS' | 'frequencyHz' | 'trendHzPerS' | 'angleDeg' | 'confidence'>): string {
  const measure = measureText(r);
  // No-break spaces and word joiners (after a slash) keep each part on one line when the line wraps.
  return ['Measured: ' + patientSideText(r.side), `onset ${formatClock(r.startS)}`, `${Math.max(0, r.endS - r.startS).toFixed(1)} s`,
    ...(measure === '–' ? [] : [measure]), `evidence strength ${r.confidence.toFixed(2)}`]
    .map((p) => p.replace(/ /g, '\u00a0').replace(/\//g, '/\u2060')).join('\u00a0· ');
}

/** Why model and measurement disagree, when analysis.json records no note (analyses made before the pipeline compared them). */
function computedNote(analysis: AnalysisResult, featureId: string, rows: readonly MeasuredRow[]): string {
  const status = analysis.findings.find((f) => f.featureId === featureId)?.status;
  const n = rows.length;
  if (status === 'present') {
    return n ? `The model found it present, but no measured interval falls in its positive segments (${n} elsewhere).`
      : 'The model found it present; the measurement found no interval.';
  }
  return `The model found it absent, but it was measured ${n === 1 ? 'once' : `${n} times`}.`;
}

/** null when the analysis has no measured signs or the feature is not one the signals layer measures. */
export function measuredCardText(analysis: AnalysisResult, featureId: string, summary: MeasuredSummary | null): MeasuredCardText | null {
  if (!summary || !MEASURED.has(featureId)) return null;
  const agreement = summary.agreement.get(featureId) ?? null;
  const notMeasurable = summary.notMeasurable.find((n) => n.featureId === featureId);
  if (notMeasurable || agreement === 'not_measurable') {
    const reason = (notMeasurable?.reason ?? 'not measurable from this view').replace(/^not measurable from this view:\s*/i, '');
    return { lines: [], agreement: 'not_measurable', agreementText: `Not measurable from this view: ${reason}` };
  }
  const rows = summary.rows.filter((r) => r.featureId === featureId);
  const lines = rows.length ? rows.slice(0, MAX_CARD_INTERVALS).map(intervalLine) : [NO_INTERVAL_TEXT];
  if (rows.length > MAX_CARD_INTERVALS) lines.push(`and ${rows.length - MAX_CARD_INTERVALS} more (all in "Measured signs")`);
  const recorded = analysis.measurementAgreement?.find((e) => e.featureId === featureId)?.note;
  const agreementText = agreement === 'disagree' ? (recorded ?? computedNote(analysis, featureId, rows))
    : agreement === 'agree' ? AGREE_TEXT
    : agreement === 'measured_only' ? MEASURED_ONLY_TEXT : '';
  return { lines, agreement, agreementText };
}
