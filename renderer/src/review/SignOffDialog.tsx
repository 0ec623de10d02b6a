/**
 * Before a sign-off that would leave model/measurement disagreements undecided: a modal dialog listing them
 * (the finding's name, what the model said, what was measured: the patient's side, onset, duration), each
 * with "Go to finding" (seeks there and takes the focus to the finding), then "Sign off anyway" and "Cancel".
 * A native modal <dialog> (the page behind is inert), the Tab key kept inside it, Escape cancels; nothing
 * typed elsewhere is touched, so cancelling loses nothing.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { disagreementSeekS, measuredLines, modelSaidText, type UndecidedDisagreement } from './disagreementText.ts';
import './signOffDialog.css';

export interface SignOffDialogProps {
  undecided: readonly UndecidedDisagreement[];
  /** Records the sign-off; the dialog stays until it answers. */
  onSignOff: () => void;
  /** Called once the dialog has closed (the page is no longer inert). */
  onCancel: () => void;
  /** Seeks to `t` (when given) and takes the focus to the finding; called once the dialog has closed (the page is no longer inert). */
  onGoTo: (featureId: string, t: number | null) => void;
  busy: boolean;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function SignOffDialog({ undecided, onSignOff, onCancel, onGoTo, busy }: SignOffDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => { if (d.open) d.close(); };
  }, []);
  // The dialog closes itself before the caller moves the focus (while it is open, the page behind is inert).
  const cancel = () => { if (ref.current?.open) ref.current.close(); onCancel(); };
  const n = undecided.length;
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    // The review screen's hotkeys (Space plays, arrows step frames) stay out of the dialog.
    e.stopPropagation();
    if (e.key === 'Escape') { e.preventDefault(); cancel(); return; }
    if (e.key !== 'Tab') return;
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  };
  return (
    <dialog ref={ref} className="signoff-dialog" data-testid="signoff-dialog" aria-labelledby="signoff-dialog-title" aria-describedby="signoff-dialog-text"
      onKeyDown={onKeyDown} onCancel={(e) => { e.preventDefault(); cancel(); }}>
      <h2 id="signoff-dialog-title"><span aria-hidden="true">⚠ </span>{n === 1 ? 'One model/measurement disagreement is' : `${n} model/measurement disagreements are`} undecided</h2>
      <p id="signoff-dialog-text">
        The model and the measurement from the patient&apos;s pose disagree on {n === 1 ? 'this finding' : 'these findings'}, and no decision is recorded
        for {n === 1 ? 'it' : 'them'}. Decide {n === 1 ? 'it' : 'each'} first, or sign off anyway: the report and the exports will then list {n === 1 ? 'it' : 'them'} as undecided at sign-off.
      </p>
      <ul className="signoff-disagreements">
        {undecided.map((d, i) => (
          <li key={d.featureId} data-testid={`signoff-disagreement-${d.featureId}`}>
            <div className="signoff-disagreement-head">
              <strong>{d.label}</strong>
              <button type="button" data-testid={`signoff-goto-${d.featureId}`} aria-label={`Go to finding: ${d.label}`} {...(i === 0 ? { 'data-autofocus': true } : {})}
                onClick={() => { if (ref.current?.open) ref.current.close(); onGoTo(d.featureId, disagreementSeekS(d)); }}>Go to finding</button>
            </div>
            <dl>
              <dt>Model</dt><dd data-testid="model-said">{modelSaidText(d)}</dd>
              <dt>Measured</dt><dd data-testid="measured">{measuredLines(d).map((line, k) => <span key={k} className="measured-line">{line}</span>)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <div className="signoff-dialog-actions">
        <button type="button" data-testid="signoff-cancel" onClick={cancel}>Cancel</button>
        <button type="button" data-testid="signoff-anyway" className="signoff-anyway" disabled={busy} onClick={onSignOff}>{busy ? 'Signing off…' : 'Sign off anyway'}</button>
      </div>
    </dialog>
  );
}
