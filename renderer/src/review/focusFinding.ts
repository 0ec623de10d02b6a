/**
 * Takes the focus to a finding in the findings panel (which selects it), scrolled into view: to its
 * model/measurement disagreement note when it has one (the lane's "⚠ disagree" flag and the sign-off dialog's
 * "Go to finding" both land there), else to its first control.
 */
import { disagreeNoteId } from './measuredEvidence.ts';

export function focusFinding(featureId: string): void {
  const target = document.getElementById(disagreeNoteId(featureId))
    ?? document.querySelector<HTMLElement>(`[data-testid="finding-${featureId}"] button, [data-testid="finding-${featureId}"] input`);
  if (!target) return;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'center' });
}
