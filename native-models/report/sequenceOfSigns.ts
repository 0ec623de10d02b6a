/**
 * The sequence of signs: positive findings in order of onset, in the conventional form
 * "blank stare (0:12) → oral automatisms (0:31) → …". Labels come from the feature catalogue, lower-cased.
 * Sequences: the model's proposal (its present findings and onsets); before any clinician decision, the
 * proposed sequence (the same findings at measured onsets and sides where measured, else the model's onsets);
 * and the clinician's (the signs the
 * clinician holds present, confirmed or added, with the patient's side; rejected signs left out). The
 * clinician's sequence takes each onset and side from the clinician first, then from the measured signs
 * (signals layer), then the model's onset; `onsetBy` / `sideBy` say whose.
 */
import type { AnalysisResult, Finding } from '../contract/analysisSchema.ts';
import { clinicianStatus, type ReviewEntry, type Side } from '../contract/clinicianReview.ts';
import { FEATURE_IDS, getFeature, isFeatureId } from '../semiology/featureCatalogue.ts';
import { formatClock } from '../media/formatClock.ts';
import { measuredOnsetOf } from './measuredSignsSummary.ts';

/** U+2192, present in DejaVu Sans; pdftotext prints it as "→". */
export const SEQUENCE_ARROW = ' → ';

export interface SignInSequence {
  featureId: string;
  label: string;
  onsetS: number | null;
  /** The patient's side (the clinician's, else measured). */
  side?: Side | null;
  /** Where the onset and the side came from. */
  onsetBy?: 'clinician' | 'measured' | 'model' | null;
  sideBy?: 'clinician' | 'measured' | null;
}

/** The measured onset and side of a sign (report/measuredSignsSummary.ts measuredOnsetOf), or null. */
export type MeasuredLookup = (featureId: string) => { onsetS: number; side: Side | null } | null;

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

/**
 * The machine's proposed sequence: the model's present findings, each with the onset and side measured from
 * the pose where a measured interval backs it (models are weakest at both), else the model's onset and no
 * side; ordered by those onsets. `onsetBy` / `sideBy` say which.
 */
export function proposedSequence(findings: readonly Finding[], measured: MeasuredLookup = () => null): SignInSequence[] {
  return sortByOnset(orderPositiveFindings(findings).map((f) => {
    const m = measured(f.featureId);
    return { featureId: f.featureId, label: getFeature(f.featureId).label.toLowerCase(), onsetS: m?.onsetS ?? f.onsetS, side: m?.side ?? null,
      onsetBy: m ? 'measured' : f.onsetS !== null ? 'model' : null, sideBy: m?.side ? 'measured' : null };
  }));
}

function sortByOnset(signs: SignInSequence[]): SignInSequence[] {
  return signs.sort((a, b) => {
    const ao = a.onsetS ?? Number.POSITIVE_INFINITY;
    const bo = b.onsetS ?? Number.POSITIVE_INFINITY;
    return ao !== bo ? ao - bo : catalogueOrder(a.featureId) - catalogueOrder(b.featureId);
  });
}

/**
 * The clinician's sequence: every sign whose standing decision makes it present (contract/clinicianReview.ts
 * clinicianStatus: confirmed on a present finding, added), ordered by the clinician's onset, else the
 * measured onset (`measured`), else the model's; the side the clinician's, else the measured one.
 */
export function reviewedSequence(findings: readonly Finding[], current: readonly ReviewEntry[], measured: MeasuredLookup = () => null): SignInSequence[] {
  const byId = new Map(findings.map((f) => [f.featureId as string, f]));
  const signs: SignInSequence[] = [];
  for (const e of current) {
    if (!e.featureId || !isFeatureId(e.featureId)) continue;
    const f = byId.get(e.featureId);
    if (clinicianStatus(f?.status ?? 'not_assessed', e.decision) !== 'present') continue;
    const modelOnset = f?.status === 'present' ? f.onsetS : null;
    const m = e.onsetS === null || e.side === null ? measured(e.featureId) : null;
    const onsetS = e.onsetS ?? m?.onsetS ?? modelOnset;
    const side = e.side ?? m?.side ?? null;
    signs.push({ featureId: e.featureId, label: getFeature(e.featureId).label.toLowerCase(), onsetS, side,
      onsetBy: e.onsetS !== null ? 'clinician' : m ? 'measured' : modelOnset !== null ? 'model' : null,
      sideBy: e.side !== null ? 'clinician' : m?.side ? 'measured' : null });
  }
  return sortByOnset(signs);
}

/** "blank stare (0:12) → head turning, left (0:58)"; an empty string when nothing was found. Sides are the patient's. */
export function formatSequenceLine(signs: readonly SignInSequence[], arrow: string = SEQUENCE_ARROW): string {
  return signs.map((s) => {
    const label = s.side ? `${s.label}, ${s.side}` : s.label;
    return s.onsetS === null ? label : `${label} (${formatClock(s.onsetS)})`;
  }).join(arrow);
}

/** The model's own sequence line (its present findings at its onsets): printed as the model's proposal once a clinician has decided anything. */
export function modelSequenceLineOf(analysis: AnalysisResult, arrow: string = SEQUENCE_ARROW): string {
  return formatSequenceLine(sequenceOfSigns(analysis.findings), arrow);
}

/** The proposed sequence line (measured onsets and sides where measured): the sequence of an analysis no clinician has decided on yet. */
export function proposedSequenceLineOf(analysis: AnalysisResult, arrow: string = SEQUENCE_ARROW): string {
  return formatSequenceLine(proposedSequence(analysis.findings, (id) => measuredOnsetOf(analysis, id)), arrow);
}

/** The machine sequence line the report prints for this analysis: the proposed one before any clinician decision, else the model's own. */
export function sequenceLineOf(analysis: AnalysisResult, arrow: string = SEQUENCE_ARROW): string {
  return (analysis.review?.current ?? []).length ? modelSequenceLineOf(analysis, arrow) : proposedSequenceLineOf(analysis, arrow);
}
