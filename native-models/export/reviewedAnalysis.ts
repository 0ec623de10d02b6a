/**
 * The analysis an export is made from: the analysis with its clinician review (an empty review when it has
 * none), checked against the contract (contract/parseAnalysisJson.ts) before anything is written, and refused
 * when the review belongs to another recording, so no export can pair one patient's video with another's
 * decisions. `reviewedAnalysisJson` is analysis.reviewed.json: schemaVersion 2 with `review` and
 * `reviewDisagreements` (the model/measurement disagreements left undecided, now and at the latest sign-off:
 * pipeline/undecidedDisagreements.ts), UTF-8, as written by JSON.stringify (non-ASCII kept as is, not \u-escaped).
 */
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { foldReview } from '../contract/clinicianReview.ts';
import { checkAnalysis } from '../contract/parseAnalysisJson.ts';
import { InputError } from '../errors.ts';
import { undecidedDisagreements } from '../pipeline/undecidedDisagreements.ts';

export function reviewedAnalysis(analysis: AnalysisResult): AnalysisResult & Required<Pick<AnalysisResult, 'review' | 'reviewDisagreements'>> {
  let checked: AnalysisResult;
  try {
    checked = checkAnalysis({ ...analysis, review: analysis.review ?? foldReview([]) }, 'analysis');
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`Cannot export: ${e.message}`, { hint: e.hint, cause: e });
    throw e;
  }
  const review = checked.review!;
  const foreign = review.entries.find((e) => e.recordingSha256 !== checked.recording.sha256);
  if (foreign) {
    throw new InputError(`Cannot export: review entry ${foreign.id} is about another recording (SHA-256 ${foreign.recordingSha256.slice(0, 12)}…, ` +
      `not ${checked.recording.sha256.slice(0, 12)}…).`, { hint: 'Export the analysis with the review of its own recording.' });
  }
  return { ...checked, review, reviewDisagreements: undecidedDisagreements(checked, review) };
}

export function reviewedAnalysisJson(analysis: AnalysisResult): string {
  return `${JSON.stringify(reviewedAnalysis(analysis), null, 2)}\n`;
}
