/**
 * Shared wording and number formats for the timing and laterality sections of the console and HTML summaries,
 * so both say the same thing.
 */
import type { PredictionSource } from './evaluationTypes.ts';
import { roundHalfEven } from './formatNumber.ts';

export const TIMING_DEFINITION = 'Onset / offset error = |predicted − labelled| seconds, over hits only (labelled onset and predicted onset); ' +
  'misses (labelled onset, none predicted) and false alarms (predicted onset, none labelled) are counted apart, not mixed into the error. ' +
  'Prediction order: the clinician\'s review, else the measured signs (earliest start, latest end), else the model\'s finding (onset only).';

export const LATERALITY_DEFINITION = 'Side = the patient\'s side. Coverage = labelled sides the prediction gave a side for; accuracy, balanced accuracy ' +
  '(mean recall over the sides in the labels) and macro-F1 (mean F1 over the sides seen) are on the rows with both sides, ' +
  'next to always answering "right" on the same rows. Prediction order: the clinician\'s side, else the measured sign\'s, else none.';

/** Seconds with one decimal; an en dash when undefined. */
export function formatSeconds(x: number | null): string {
  return x === null ? '–' : roundHalfEven(x, 1).toFixed(1);
}

/** `clinician 2, measured 1` (sources with a count only), or `none`. */
export function formatSources(s: Record<PredictionSource, number>): string {
  const parts = (Object.entries(s) as [PredictionSource, number][]).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}
