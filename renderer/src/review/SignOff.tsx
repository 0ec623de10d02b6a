/**
 * The review's sign-off in the screen's header: "Review complete" records who and when; the header then says
 * so, and any later change marks it "Amended after sign-off" (the button signs off again).
 */
import type { ClinicianReview } from './useClinicianReview.ts';
import { signOffText } from './reviewLog.ts';

export function SignOff({ review }: { review: ClinicianReview }) {
  const status = signOffText(review.state);
  const problem = review.problems.signoff ?? review.loadProblem;
  return (
    <span className="signoff">
      <span className={`signoff-status signoff-${status.state}`} data-testid="review-status" data-state={status.state} aria-live="polite">{review.state ? status.text : 'Loading the review…'}</span>
      {status.state !== 'complete' && (
        <button type="button" data-testid="review-complete" disabled={!review.state || Boolean(review.busy)} onClick={() => void review.signOff()}
          title="Record that you reviewed every finding (your name and the time); later changes stay allowed and are marked as amended">{status.state === 'amended' ? 'Sign off again' : 'Review complete'}</button>
      )}
      {problem && <span role="alert" className="signoff-problem" data-testid="signoff-error">{problem.message}{problem.hint ? ` ${problem.hint}` : ''}</span>}
    </span>
  );
}
