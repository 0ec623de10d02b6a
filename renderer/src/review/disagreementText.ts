/**
 * The words of the sign-off dialog for one undecided disagreement (contract/reviewDisagreements.ts, worked out
 * by the engine: `review:disagreements`), pure: what the model said, what was measured from the pose (the
 * patient's side, onset, duration, frequency or angle), and the time "Go to finding" seeks to.
 */
import type { UndecidedDisagreement } from '../../../native-models/contract/reviewDisagreements.ts';
import { sideText } from './measuredEvidence.ts';

export type { UndecidedDisagreement };

const s1 = (t: number): string => `${t.toFixed(1)} s`;

/** "absent in every segment", "present from 52.0 s (positive 50.0–80.0 s)". */
export function modelSaidText(d: Pick<UndecidedDisagreement, 'model' | 'modelOnsetS' | 'modelSegments'>): string {
  if (d.model === 'absent') return 'absent in every segment';
  const spans = d.modelSegments.map((s) => `${s.startS.toFixed(1)}–${s1(s.endS)}`).join(', ');
  const from = d.modelOnsetS !== null ? ` from ${s1(d.modelOnsetS)}` : '';
  return `present${from}${spans ? ` (positive ${spans})` : ''}`;
}

/** One line per measured interval ("patient's left · onset 5.0 s · 20.0 s long · 4.1 Hz"), or the one line saying none was measured. */
export function measuredLines(d: Pick<UndecidedDisagreement, 'measured'>): string[] {
  if (!d.measured.length) return ['no interval measured'];
  return d.measured.map((m) => [
    sideText(m.side), `onset ${s1(m.startS)}`, `${Math.max(0, m.endS - m.startS).toFixed(1)} s long`,
    m.frequencyHz !== null ? `${m.frequencyHz.toFixed(1)} Hz` : m.angleDeg !== null ? `${Math.round(m.angleDeg)}°` : '',
  ].filter(Boolean).join(' · '));
}

/** Where "Go to finding" seeks: the first measured onset, else the model's onset, else its first positive segment; null for none. */
export function disagreementSeekS(d: Pick<UndecidedDisagreement, 'measured' | 'modelOnsetS' | 'modelSegments'>): number | null {
  return d.measured[0]?.startS ?? d.modelOnsetS ?? d.modelSegments[0]?.startS ?? null;
}
