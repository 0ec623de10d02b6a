/**
 * What the report says about the clinician's review, worked out once from the review carried in
 * analysis.json: its status (not reviewed, in progress, complete, amended after sign-off), who reviewed,
 * every finding sorted into "confirmed by the clinician", "rejected", "uncertain" and "model only (not
 * reviewed)", with the onset, offset and side the report prints (the clinician's where given), and the
 * model/measurement disagreements left undecided, now and at the sign-off.
 */
import type { AnalysisResult, Finding } from '../contract/analysisSchema.ts';
import { clinicianStatus, type ReviewEntry, type Side } from '../contract/clinicianReview.ts';
import { FEATURES, type FeatureId } from '../semiology/featureCatalogue.ts';
import { orderPositiveFindings, reviewedSequence } from './sequenceOfSigns.ts';
import { measuredOnsetOf } from './measuredSignsSummary.ts';
import type { ReviewDisagreements } from '../contract/reviewDisagreements.ts';
import { undecidedDisagreements } from '../pipeline/undecidedDisagreements.ts';

export type ReviewStatus = 'not_reviewed' | 'in_progress' | 'complete' | 'amended';

export interface ReviewedFinding {
  featureId: FeatureId;
  label: string;
  modelStatus: Finding['status'];
  /** The model's first onset, when it found the sign present. */
  modelOnsetS: number | null;
  decision: ReviewEntry | null;
  /** What the clinician holds true (contract clinicianStatus), null when not reviewed. */
  clinician: 'present' | 'absent' | 'uncertain' | null;
  /** The onset the report prints: the clinician's when given, else the measured one (signals layer), else the model's. */
  onsetS: number | null;
  onsetBy: 'clinician' | 'measured' | 'model' | null;
  /** The clinician's offset (the model gives none). */
  offsetS: number | null;
  /** The patient's side, as the clinician set it, else as measured. */
  side: Side | null;
  sideBy: 'clinician' | 'measured' | null;
}

export interface ReportReview {
  status: ReviewStatus;
  signOff: ReviewEntry | null;
  /** When amended: the latest change after the sign-off. */
  amendment: ReviewEntry | null;
  /** Everyone who made an entry, in order of their first one. */
  reviewers: string[];
  entryCount: number;
  /** Signs the clinician holds present (confirmed, added), in the order of the clinician's sequence. */
  confirmed: ReviewedFinding[];
  /** Model findings of presence the clinician rejected. */
  rejected: ReviewedFinding[];
  uncertain: ReviewedFinding[];
  /** Absences the clinician confirmed. */
  confirmedAbsent: ReviewedFinding[];
  /** Signs the model found present that carry no decision. */
  modelOnly: ReviewedFinding[];
  /** Standing decision per feature id. */
  decisions: Map<string, ReviewEntry>;
  /** Counts of standing decisions. */
  counts: { confirmed: number; rejected: number; uncertain: number; added: number; notReviewed: number };
  /** Model/measurement disagreements with no decision, now and at the latest sign-off (pipeline/undecidedDisagreements.ts). */
  disagreements: ReviewDisagreements;
}

export function reviewStatusOf(review: AnalysisResult['review']): ReviewStatus {
  if (!review) return 'not_reviewed';
  if (review.signOff) return review.amendedAfterSignOff ? 'amended' : 'complete';
  return review.entries.length ? 'in_progress' : 'not_reviewed';
}

export function summariseReview(analysis: AnalysisResult): ReportReview {
  const review = analysis.review;
  const entries = review?.entries ?? [];
  const current = review?.current ?? [];
  const decisions = new Map(current.map((e) => [e.featureId as string, e]));
  const byId = new Map(analysis.findings.map((f) => [f.featureId as string, f]));
  const signOff = review?.signOff ?? null;
  const status = reviewStatusOf(review);
  const after = signOff ? entries.filter((e) => e.kind !== 'signoff' && e.id > signOff.id) : [];

  const reviewed = FEATURES.map((def): ReviewedFinding => {
    const f = byId.get(def.id);
    const d = decisions.get(def.id) ?? null;
    const modelStatus = f?.status ?? 'not_assessed';
    const modelOnsetS = f?.status === 'present' ? f.onsetS : null;
    const clinician = clinicianStatus(modelStatus, d?.decision ?? null);
    // Measured onset and side only for what the clinician holds present, as in the clinician's sequence.
    const m = clinician === 'present' && (d?.onsetS == null || d?.side == null) ? measuredOnsetOf(analysis, def.id) : null;
    const onsetS = d?.onsetS ?? m?.onsetS ?? modelOnsetS;
    return {
      featureId: def.id, label: def.label, modelStatus, modelOnsetS, decision: d, clinician,
      onsetS, onsetBy: d?.onsetS != null ? 'clinician' : m ? 'measured' : modelOnsetS != null ? 'model' : null,
      offsetS: d?.offsetS ?? null, side: d?.side ?? m?.side ?? null,
      sideBy: d?.side != null ? 'clinician' : m?.side ? 'measured' : null,
    };
  });
  const of = (id: string): ReviewedFinding => reviewed.find((r) => r.featureId === id)!;
  const counts = { confirmed: 0, rejected: 0, uncertain: 0, added: 0, notReviewed: FEATURES.length - decisions.size };
  for (const d of decisions.values()) if (d.decision) counts[d.decision] += 1;

  return {
    status,
    signOff,
    amendment: after[after.length - 1] ?? null,
    reviewers: [...new Set(entries.map((e) => e.reviewer.trim()).filter(Boolean))],
    entryCount: entries.length,
    confirmed: reviewedSequence(analysis.findings, current, (id) => measuredOnsetOf(analysis, id)).map((s) => of(s.featureId)),
    rejected: reviewed.filter((r) => r.decision && r.clinician !== 'present' && r.decision.decision === 'rejected'),
    uncertain: reviewed.filter((r) => r.decision && r.clinician === 'uncertain' && r.decision.decision !== 'rejected'),
    confirmedAbsent: reviewed.filter((r) => r.decision?.decision === 'confirmed' && r.clinician === 'absent'),
    modelOnly: orderPositiveFindings(analysis.findings, new Set(decisions.keys())).map((f) => of(f.featureId)),
    decisions,
    counts,
    disagreements: undecidedDisagreements(analysis, review),
  };
}
