/**
 * The sequence of signs: positive findings in order of onset, in the conventional form
 * "blank stare (0:12) → oral automatisms (0:31) → …". Labels come from the feature catalogue, lower-cased.
 */
import type { AnalysisResult, Finding } from '../contract/analysisSchema.ts';
import { FEATURE_IDS, getFeature, isFeatureId } from '../semiology/featureCatalogue.ts';
import { formatClock } from '../media/formatClock.ts';

/** U+2192, present in DejaVu Sans; pdftotext prints it as "→". */
export const SEQUENCE_ARROW = ' → ';

export interface SignInSequence {
  featureId: string;
  label: string;
  onsetS: number | null;
}

function catalogueOrder(id: string): number {
  const i = isFeatureId(id) ? FEATURE_IDS.indexOf(id) : -1;
  return i < 0 ? FEATURE_IDS.length : i;
}

/** Present findings sorted by onset (unknown onsets last), ties in catalogue order. */
export function orderPositiveFindings(findings: readonly Finding[], exclude: ReadonlySet<string> = new Set()): Finding[] {
  return findings
    .filter((f) => f.status === 'present' && isFeatureId(f.featureId) && !exclude.has(f.featureId))
    .sort((a, b) => {
      const ao = a.onsetS ?? Number.POSITIVE_INFINITY;
      const bo = b.onsetS ?? Number.POSITIVE_INFINITY;
      return ao !== bo ? ao - bo : catalogueOrder(a.featureId) - catalogueOrder(b.featureId);
    });
}

export function sequenceOfSigns(findings: readonly Finding[], exclude?: ReadonlySet<string>): SignInSequence[] {
  return orderPositiveFindings(findings, exclude).map((f) => ({
    featureId: f.featureId,
    label: getFeature(f.featureId).label.toLowerCase(),
    onsetS: f.onsetS,
  }));
}

/** "blank stare (0:12) → oral automatisms (0:31)"; an empty string when nothing was found. */
export function formatSequenceLine(signs: readonly SignInSequence[], arrow: string = SEQUENCE_ARROW): string {
  return signs.map((s) => (s.onsetS === null ? s.label : `${s.label} (${formatClock(s.onsetS)})`)).join(arrow);
}

/** The machine sequence line of an analysis (what the report prints first under "Sequence of signs"). */
export function sequenceLineOf(analysis: AnalysisResult, arrow: string = SEQUENCE_ARROW): string {
  return formatSequenceLine(sequenceOfSigns(analysis.findings), arrow);
}
