/**
 * Any-yes aggregation per feature: a feature is present when at least one segment says so. Its onset is the
 * earliest onset among positive segments (the model's onset inside the segment, else the segment's start);
 * its justifications are those of the positive segments, in time order. A feature with no positive segment
 * and at least one failed segment is "failed", not "absent": a failure is never read as "no".
 */
import type { FeatureId, InputVariant } from '../semiology/featureCatalogue.ts';
import type { Answer, Finding, SegmentInfo } from '../contract/analysisSchema.ts';

export interface FeaturePlan {
  featureId: FeatureId;
  variant: InputVariant;
  /** Set when the feature was not asked at all (e.g. audio features without an audio model). */
  notAssessedReason?: string;
}

export function aggregateFindings(plans: readonly FeaturePlan[], answers: readonly Answer[], segments: readonly SegmentInfo[]): Finding[] {
  const startOf = new Map(segments.map((s) => [s.index, s.startS]));
  return plans.map((plan): Finding => {
    const base = { featureId: plan.featureId, variant: plan.variant, positiveSegments: [] as number[], onsetS: null, justifications: [] as string[] };
    if (plan.notAssessedReason) return { ...base, present: null, status: 'not_assessed', reason: plan.notAssessedReason };
    const mine = answers
      .filter((a) => a.featureId === plan.featureId && a.variant === plan.variant)
      .sort((a, b) => a.segmentIndex - b.segmentIndex);
    const positive = mine.filter((a) => a.status === 'ok' && a.present === true);
    const failed = mine.filter((a) => a.status === 'failed');
    if (positive.length) {
      const onsets = positive.map((a) => a.onsetS ?? startOf.get(a.segmentIndex) ?? 0);
      return {
        ...base,
        present: true,
        status: 'present',
        positiveSegments: positive.map((a) => a.segmentIndex),
        onsetS: Math.min(...onsets),
        justifications: positive.map((a) => a.justification),
        ...(failed.length ? { reason: `${failed.length} of ${mine.length} segments failed to answer` } : {}),
      };
    }
    if (failed.length) {
      return { ...base, present: null, status: 'failed', reason: `${failed.length} of ${mine.length} segments failed to answer (${failed[0]?.error ?? 'no answer'}); no segment was positive` };
    }
    if (!mine.length) return { ...base, present: null, status: 'not_assessed', reason: 'no segment was asked' };
    return { ...base, present: false, status: 'absent' };
  });
}
