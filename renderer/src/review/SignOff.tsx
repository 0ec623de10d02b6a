/**
 * The review's sign-off in the screen's header: "Review complete" records who and when; the header then says
 * so, and any later change marks it "Amended after sign-off" (the button signs off again).
 * Before signing, the engine is asked which model/measurement disagreements have no decision
 * (`review:disagreements`); with none the sign-off is recorded at once, otherwise the dialog lists them
 * (SignOffDialog.tsx) and the sign-off waits for "Sign off anyway".
 */
import { useRef, useState } from 'react';
import { api } from '../semioscopeApi.ts';
import { errorText, type ShownError } from '../errorText.ts';
import type { UndecidedDisagreement } from './disagreementText.ts';
import { SignOffDialog } from './SignOffDialog.tsx';
import type { ClinicianReview } from './useClinicianReview.ts';
import { signOffText } from './reviewLog.ts';

export interface SignOffProps {
  review: ClinicianReview;
  /** The analysis on screen (its id in the list of analyses): the one whose disagreements are checked. */
  analysisId: number | null;
  /** Seeks to `t` (when given) and takes the focus to the finding. */
  onGoToFinding: (featureId: string, t: number | null) => void;
}

export function SignOff({ review, analysisId, onGoToFinding }: SignOffProps) {
  const status = signOffText(review.state);
  const [checking, setChecking] = useState(false);
  const [checkProblem, setCheckProblem] = useState<ShownError | null>(null);
  const [undecided, setUndecided] = useState<UndecidedDisagreement[] | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const problem = checkProblem ?? review.problems.signoff ?? review.loadProblem;

  const start = async () => {
    setCheckProblem(null);
    // Without a reviewer's name nothing can be recorded: the sign-off says so and takes the focus to the name field.
    if (!review.reviewer) { await review.signOff(); return; }
    if (analysisId === null) {
      setCheckProblem({ message: 'This analysis is not in the list of analyses, so its disagreements cannot be checked before sign-off.', hint: 'Reopen it from the list of analysed recordings.' });
      return;
    }
    setChecking(true);
    try {
      const open = (await api()['review:disagreements']({ analysisId })).undecided;
      if (open.length) setUndecided(open);
      else await review.signOff();
    } catch (e) {
      setCheckProblem(errorText(e));
    } finally {
      setChecking(false);
    }
  };
  const cancel = () => { setUndecided(null); buttonRef.current?.focus(); };
  const anyway = async () => {
    await review.signOff();
    setUndecided(null);
  };
  const goTo = (featureId: string, t: number | null) => { setUndecided(null); onGoToFinding(featureId, t); };

  return (
    <span className="signoff">
      <span className={`signoff-status signoff-${status.state}`} data-testid="review-status" data-state={status.state} aria-live="polite">{review.state ? status.text : 'Loading the review…'}</span>
      {status.state !== 'complete' && (
        <button ref={buttonRef} type="button" data-testid="review-complete" disabled={!review.state || Boolean(review.busy) || checking} onClick={() => void start()}
          title="Record that you reviewed every finding (your name and the time); later changes stay allowed and are marked as amended">{status.state === 'amended' ? 'Sign off again' : 'Review complete'}</button>
      )}
      {problem && <span role="alert" className="signoff-problem" data-testid="signoff-error">{problem.message}{problem.hint ? ` ${problem.hint}` : ''}</span>}
      {undecided && <SignOffDialog undecided={undecided} busy={review.busy === 'signoff'} onCancel={cancel} onSignOff={() => void anyway()} onGoTo={goTo} />}
    </span>
  );
}
