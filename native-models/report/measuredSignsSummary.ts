/**
 * What the report says about the measured signs (analysis.measuredSigns, from the signals layer), worked out
 * once: one row per measured interval (the patient's side, onset, duration, frequency and trend for rhythmic
 * signs, evidence strength, agreement with the model), the features that could not be measured and why,
 * and the measured side and onset the sequence of signs uses when the clinician has not set them. The
 * model's findings are never changed; a disagreement is reported for review. Agreement: the pipeline's
 * `measurementAgreement` when analysis.json records one, else computed here (the review app computes the
 * same in renderer/src/review/measuredEvidence.ts; tests/unit/report/measuredSignsSummary.test.ts checks both agree).
 */
import type { AnalysisResult, Finding, MeasurementAgreement } from '../contract/analysisSchema.ts';
import type { MeasuredSign, MeasuredSigns } from '../contract/measuredSigns.ts';
import { MEASURED_FEATURE_IDS } from '../contract/measuredSigns.ts';
import { FEATURE_IDS, getFeature, isFeatureId } from '../semiology/featureCatalogue.ts';

export type MeasuredAgreement = 'agree' | 'disagree' | 'measured_only' | 'not_measurable';

export interface MeasuredRow {
  featureId: string;
  label: string;
  side: MeasuredSign['side'];
  startS: number;
  endS: number;
  frequencyHz: number | null;
  trendHzPerS: number | null;
  angleDeg: number | null;
  confidence: number;
  agreement: MeasuredAgreement | null;
  /** The model's status of the feature, for the agreement column. */
  modelStatus: Finding['status'];
}

export interface MeasuredSummary {
  measured: MeasuredSigns;
  rows: MeasuredRow[];
  notMeasurable: Array<{ featureId: string; label: string; reason: string }>;
  /** Agreement per measured feature (not measurable ones included). */
  agreement: Map<string, MeasuredAgreement>;
  /** Measured features the model found present that no interval backs: listed as disagreements. */
  unbacked: Array<{ featureId: string; label: string }>;
}

const num = (m: Record<string, number>, k: string): number | null => (typeof m[k] === 'number' && Number.isFinite(m[k]) ? m[k] : null);

function positiveSpans(finding: Pick<Finding, 'positiveSegments'>, segments: AnalysisResult['segments']): Array<[number, number]> {
  return finding.positiveSegments.flatMap((i) => {
    const s = segments.find((x) => x.index === i);
    return s ? [[s.startS, s.endS] as [number, number]] : [];
  });
}

/** The measured intervals of a finding that overlap the model's positive segments. */
export function overlappingSigns(finding: Pick<Finding, 'positiveSegments'>, segments: AnalysisResult['segments'], signs: readonly MeasuredSign[]): MeasuredSign[] {
  const spans = positiveSpans(finding, segments);
  return signs.filter((s) => spans.some(([a, b]) => s.startS < b && s.endS > a));
}

/**
 * Model against measurement for one feature (as the review app's computeAgreement): model present agrees
 * when a measured interval overlaps a positive segment; model absent agrees when nothing was measured;
 * failed or not asked with a measurement is "measured only"; null when there is nothing to compare.
 */
export function agreementOf(finding: Pick<Finding, 'status' | 'positiveSegments'> | undefined, segments: AnalysisResult['segments'], signs: readonly MeasuredSign[], notMeasurable: boolean): MeasuredAgreement | null {
  if (notMeasurable) return 'not_measurable';
  const status = finding?.status ?? 'not_assessed';
  if (status === 'present') return overlappingSigns(finding!, segments, signs).length ? 'agree' : 'disagree';
  if (status === 'absent') return signs.length ? 'disagree' : 'agree';
  return signs.length ? 'measured_only' : null;
}

/** The pipeline's comparison (pipeline/compareMeasuredSigns.ts) in the report's terms, as the review app reads it. */
export function recordedAgreementOf(e: Pick<MeasurementAgreement, 'measured' | 'agrees' | 'flaggedForReview'>): MeasuredAgreement | null {
  if (e.measured === 'not_measurable') return 'not_measurable';
  if (e.flaggedForReview || e.agrees === false) return 'disagree';
  if (e.agrees === true) return 'agree';
  return e.measured === 'present' ? 'measured_only' : null;
}

function recordedAgreement(analysis: AnalysisResult, featureId: string): MeasuredAgreement | null | undefined {
  const e = analysis.measurementAgreement?.find((x) => x.featureId === featureId);
  return e ? recordedAgreementOf(e) : undefined;
}

const order = (id: string): number => (isFeatureId(id) ? FEATURE_IDS.indexOf(id) : FEATURE_IDS.length);

/** null when the analysis carries no measured signs (pose off, or made before the signals layer). */
export function summariseMeasuredSigns(analysis: AnalysisResult): MeasuredSummary | null {
  const measured = analysis.measuredSigns;
  if (!measured) return null;
  const byId = new Map(analysis.findings.map((f) => [f.featureId as string, f]));
  const agreement = new Map<string, MeasuredAgreement>();
  for (const id of MEASURED_FEATURE_IDS) {
    const recorded = recordedAgreement(analysis, id);
    const a = recorded !== undefined ? recorded : agreementOf(byId.get(id), analysis.segments, measured.signs.filter((s) => s.featureId === id),
      measured.notMeasurable.some((n) => n.featureId === id));
    if (a) agreement.set(id, a);
  }
  const rows = measured.signs.map((s): MeasuredRow => ({
    featureId: s.featureId, label: getFeature(s.featureId).label, side: s.side, startS: s.startS, endS: s.endS,
    frequencyHz: num(s.measures, 'frequencyHz'), trendHzPerS: num(s.measures, 'frequencyTrendHzPerS'), angleDeg: num(s.measures, 'angleDeg'),
    confidence: s.confidence, agreement: agreement.get(s.featureId) ?? null, modelStatus: byId.get(s.featureId)?.status ?? 'not_assessed',
  })).sort((a, b) => a.startS - b.startS || order(a.featureId) - order(b.featureId));
  const unbacked = MEASURED_FEATURE_IDS.filter((id) => byId.get(id)?.status === 'present' && agreement.get(id) === 'disagree' && !rows.some((r) => r.featureId === id))
    .map((id) => ({ featureId: id, label: getFeature(id).label }));
  return {
    measured,
    rows,
    notMeasurable: measured.notMeasurable.map((n) => ({ featureId: n.featureId, label: getFeature(n.featureId).label, reason: n.reason }))
      .sort((a, b) => order(a.featureId) - order(b.featureId)),
    agreement,
    unbacked,
  };
}

/**
 * The measured onset and side of a sign, for the sequence: the first measured interval inside the model's
 * positive segments when the model found it present (an interval elsewhere is a disagreement, not its
 * onset), else the first measured interval. null without one.
 */
export function measuredOnsetOf(analysis: Pick<AnalysisResult, 'measuredSigns' | 'findings' | 'segments'>, featureId: string): { onsetS: number; side: MeasuredSign['side'] } | null {
  const signs = (analysis.measuredSigns?.signs ?? []).filter((s) => s.featureId === featureId).sort((a, b) => a.startS - b.startS);
  if (!signs.length) return null;
  const f = analysis.findings.find((x) => x.featureId === featureId);
  const pick = f?.status === 'present' ? overlappingSigns(f, analysis.segments, signs)[0] : signs[0];
  return pick ? { onsetS: pick.startS, side: pick.side } : null;
}
