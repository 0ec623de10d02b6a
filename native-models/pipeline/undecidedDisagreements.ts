/**
 * The model/measurement disagreements the clinician has not decided, from the review log and the agreement
 * data, in one place: the review app's sign-off dialog (through `review:disagreements`), the report's review
 * block and the exports all read this. Pure.
 *
 * A disagreement is a measured feature whose model finding (present or absent) and measurement disagree:
 * analysis.json `measurementAgreement` when it records the feature, else compareMeasuredSigns worked out the
 * same way (analyses made before the pipeline compared them). It is undecided while its feature has no
 * standing decision (confirmed, rejected, uncertain or added: an undo back to none leaves it undecided).
 * "At sign-off" folds the log up to the latest sign-off entry, so a later decision never hides that the
 * sign-off was recorded with it open; it is listed in `decidedSince` instead.
 */
import type { AnalysisResult, MeasurementAgreement } from '../contract/analysisSchema.ts';
import { foldReview, type ReviewState } from '../contract/clinicianReview.ts';
import { MEASURED_FEATURE_IDS } from '../contract/measuredSigns.ts';
import type { ReviewDisagreements, UndecidedDisagreement } from '../contract/reviewDisagreements.ts';
import { FEATURE_IDS, getFeature, type FeatureId } from '../semiology/featureCatalogue.ts';
import { compareMeasuredSigns } from './compareMeasuredSigns.ts';

type AnalysisPart = Pick<AnalysisResult, 'findings' | 'segments' | 'measuredSigns' | 'measurementAgreement'>;

const finite = (m: Record<string, number>, k: string): number | null => (typeof m[k] === 'number' && Number.isFinite(m[k]) ? m[k] : null);

/** Every disagreement of the analysis, decided or not, in catalogue order. */
function disagreementsOf(analysis: AnalysisPart): UndecidedDisagreement[] {
  const measured = analysis.measuredSigns;
  if (!measured) return [];
  const recorded = new Map((analysis.measurementAgreement ?? []).map((e) => [e.featureId as string, e]));
  const computed = new Map(compareMeasuredSigns(analysis.findings, measured, analysis.segments).map((e) => [e.featureId as string, e]));
  const out: UndecidedDisagreement[] = [];
  for (const id of FEATURE_IDS) {
    if (!(MEASURED_FEATURE_IDS as readonly string[]).includes(id)) continue;
    const e: MeasurementAgreement | undefined = recorded.get(id) ?? computed.get(id);
    const finding = analysis.findings.find((f) => f.featureId === id);
    if (!e || !finding || e.measured === 'not_measurable' || !(e.flaggedForReview || e.agrees === false)) continue;
    if (finding.status !== 'present' && finding.status !== 'absent') continue;
    const segments = finding.status === 'present'
      ? finding.positiveSegments.map((i) => analysis.segments.find((s) => s.index === i)).filter((s) => s !== undefined)
        .map((s) => ({ startS: s.startS, endS: s.endS })).sort((a, b) => a.startS - b.startS)
      : [];
    out.push({
      featureId: id,
      label: getFeature(id).label,
      model: finding.status,
      modelOnsetS: finding.status === 'present' ? finding.onsetS : null,
      modelSegments: segments,
      measured: measured.signs.filter((s) => s.featureId === id).sort((a, b) => a.startS - b.startS)
        .map((s) => ({ startS: s.startS, endS: s.endS, side: s.side, frequencyHz: finite(s.measures, 'frequencyHz'), angleDeg: finite(s.measures, 'angleDeg') })),
      note: e.note,
    });
  }
  return out;
}

const decided = (state: Pick<ReviewState, 'current'>): Set<string> => new Set(state.current.map((e) => e.featureId as string));

/**
 * The disagreements with no standing decision now, and those the latest sign-off was recorded with (null
 * when never signed off). `review` absent or null: nothing decided, never signed off.
 */
export function undecidedDisagreements(analysis: AnalysisPart, review: ReviewState | null | undefined): ReviewDisagreements {
  const all = disagreementsOf(analysis);
  const now = decided(review ?? { current: [] });
  const undecided = all.filter((d) => !now.has(d.featureId));
  const signOff = review?.signOff ?? null;
  if (!signOff) return { undecided, signOff: null };
  const then = decided(foldReview(review!.entries.filter((e) => e.id < signOff.id)));
  const openThen = all.filter((d) => !then.has(d.featureId));
  return {
    undecided,
    signOff: {
      entryId: signOff.id, atIso: signOff.atIso, reviewer: signOff.reviewer, undecided: openThen,
      decidedSince: openThen.filter((d) => now.has(d.featureId)).map((d) => d.featureId as FeatureId),
    },
  };
}
