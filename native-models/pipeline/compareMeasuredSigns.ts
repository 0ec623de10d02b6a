/**
 * Model against measurement, per finding: for each feature the signals layer measures, does the model's
 * finding agree with the measured intervals? A disagreement is flagged for the clinician's review and never
 * resolved here: the finding is left exactly as the model gave it. Pure; the output is analysis.json
 * `measurementAgreement` (contract/analysisSchema.ts).
 */
import type { Finding, MeasurementAgreement, SegmentInfo } from '../contract/analysisSchema.ts';
import { MEASURED_FEATURE_IDS, type MeasuredSign, type MeasuredSigns } from '../contract/measuredSigns.ts';
import { formatClock } from '../media/formatClock.ts';
import { getFeature } from '../semiology/featureCatalogue.ts';

const MEASURED = new Set<string>(MEASURED_FEATURE_IDS);

/**
 * One entry per primary finding whose feature the signals layer measures, in the findings' order. Both
 * present agree only when a measured interval overlaps one of the model's positive segments: the same sign at
 * another time is a disagreement too.
 */
export function compareMeasuredSigns(findings: readonly Finding[], measured: MeasuredSigns, segments: readonly SegmentInfo[]): MeasurementAgreement[] {
  return findings.filter((f) => MEASURED.has(f.featureId)).map((f): MeasurementAgreement => {
    const label = getFeature(f.featureId).label;
    const signs = measured.signs.filter((s) => s.featureId === f.featureId);
    const unmeasurable = measured.notMeasurable.find((n) => n.featureId === f.featureId);
    const first = signs[0] ?? null;
    const base = {
      featureId: f.featureId, model: f.status, modelOnsetS: f.onsetS,
      measuredOnsetS: first ? first.startS : null, measuredSide: first ? first.side : null, measuredIntervals: signs.length,
    };
    if (unmeasurable && !signs.length) {
      return { ...base, measured: 'not_measurable', agrees: null, flaggedForReview: false, note: `${label}: not measured (${unmeasurable.reason}).` };
    }
    const present = signs.length > 0;
    const where = present ? describe(signs) : '';
    if (f.status !== 'present' && f.status !== 'absent') {
      return { ...base, measured: present ? 'present' : 'absent', agrees: null, flaggedForReview: false,
        note: `${label}: the model's finding is ${f.status === 'failed' ? 'failed' : 'not assessed'}, nothing to compare; measured ${present ? where : 'no interval'}.` };
    }
    if (f.status === 'absent') {
      return present
        ? { ...base, measured: 'present', agrees: false, flaggedForReview: true, note: `${label}: the model answered absent, the keypoints show ${where}. Review the recording.` }
        : { ...base, measured: 'absent', agrees: true, flaggedForReview: false, note: `${label}: absent for the model and in the measurement.` };
    }
    if (!present) {
      return { ...base, measured: 'absent', agrees: false, flaggedForReview: true, note: `${label}: the model answered present, the keypoints show no such interval. Review the recording.` };
    }
    const positive = f.positiveSegments.map((i) => segments[i]).filter((s): s is SegmentInfo => s !== undefined);
    const overlapping = signs.some((sg) => positive.some((s) => sg.startS < s.endS && sg.endS > s.startS));
    return overlapping
      ? { ...base, measured: 'present', agrees: true, flaggedForReview: false, note: `${label}: present for the model and measured ${where}.` }
      : { ...base, measured: 'present', agrees: false, flaggedForReview: true,
        note: `${label}: present for the model and measured, but at different times (measured ${where}; the model's positive segments do not overlap). Review the recording.` };
  });
}

/** "2 intervals from 0:05 (first on the patient's left, 4.1 Hz)". */
function describe(signs: readonly MeasuredSign[]): string {
  const s = signs[0]!;
  const side = s.side ? ` on the patient's ${s.side === 'bilateral' ? 'both sides' : s.side}` : '';
  const hz = s.measures.frequencyHz !== undefined ? `, ${s.measures.frequencyHz.toFixed(1)} Hz` : '';
  return `${signs.length} interval${signs.length === 1 ? '' : 's'} from ${formatClock(s.startS)} (first${side}${hz})`;
}
