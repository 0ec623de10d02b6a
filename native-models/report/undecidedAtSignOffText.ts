/**
 * What the report's review block says when a review was signed off with model/measurement disagreements
 * undecided (pipeline/undecidedDisagreements.ts), one line each after the headline:
 *   Signed off with 2 model/measurement disagreements undecided:
 *   • Arm flexion — model: absent in every segment; measured: patient's right, onset 0:20, 6.0 s, 62°
 *   • Figure-4 sign — model: present from 1:24; measured: no interval
 *   Decided after the sign-off: Figure-4 sign.
 * '' when the sign-off left none (or there was no sign-off).
 */
import type { ReviewDisagreements, UndecidedDisagreement } from '../contract/reviewDisagreements.ts';
import { formatClock } from '../media/formatClock.ts';
import { getFeature } from '../semiology/featureCatalogue.ts';

const side = (s: UndecidedDisagreement['measured'][number]['side']): string =>
  s === null ? 'no side' : s === 'bilateral' ? "both sides (patient's)" : `patient's ${s}`;

/** "model: present from 1:24; measured: no interval" / "model: absent in every segment; measured: patient's left, onset 0:05, 20.0 s, 4.1 Hz (and 1 more)". */
export function disagreementSummary(d: UndecidedDisagreement): string {
  const model = d.model === 'absent' ? 'absent in every segment' : `present${d.modelOnsetS !== null ? ` from ${formatClock(d.modelOnsetS)}` : ''}`;
  const m = d.measured[0];
  const measured = m
    ? [side(m.side), `onset ${formatClock(m.startS)}`, `${Math.max(0, m.endS - m.startS).toFixed(1)} s`,
      m.frequencyHz !== null ? `${m.frequencyHz.toFixed(1)} Hz` : m.angleDeg !== null ? `${Math.round(m.angleDeg)}°` : '']
      .filter(Boolean).join(', ') + (d.measured.length > 1 ? ` (and ${d.measured.length - 1} more)` : '')
    : 'no interval';
  return `model: ${model}; measured: ${measured}`;
}

export function undecidedAtSignOffText(signOff: ReviewDisagreements['signOff']): string {
  if (!signOff?.undecided.length) return '';
  const n = signOff.undecided.length;
  const list = signOff.undecided.map((d) => `• ${d.label} — ${disagreementSummary(d)}`);
  const since = signOff.decidedSince.length ? [`Decided after the sign-off: ${signOff.decidedSince.map((id) => getFeature(id).label).join(', ')}.`] : [];
  return [`Signed off with ${n} model/measurement disagreement${n === 1 ? '' : 's'} undecided:`, ...list, ...since].join('\n');
}
