/**
 * One finding's decision, under it in the findings panel: confirm / reject / uncertain (pressed: the standing
 * decision), the clinician's onset and offset set from the frame shown (also `[` and `]` on the selected
 * finding), the patient's side for signs that lateralize, a comment, Save for changes typed after deciding,
 * Undo (a new entry), and the finding's history newest first: who, when, what, comment.
 */
import { ErrorAlert } from '../ErrorAlert.tsx';
import type { ClinicianReview } from './useClinicianReview.ts';
import { SideSelect } from './SideSelect.tsx';
import { entryText, historyOf, latestEntryOf, shownTime, standingEntryOf } from './reviewLog.ts';

const CHOICES = [
  { decision: 'confirmed', testId: 'decision-confirm', text: 'Confirm', title: 'The model\'s finding stands' },
  { decision: 'rejected', testId: 'decision-reject', text: 'Reject', title: 'The model\'s finding does not stand (present becomes absent, absent becomes present)' },
  { decision: 'uncertain', testId: 'decision-uncertain', text: 'Uncertain', title: 'Cannot tell from this recording' },
] as const;

export interface DecisionControlsProps {
  featureId: string;
  label: string;
  lateralizes: boolean;
  /** A sign only the clinician found: its decision is 'added', it has no model finding to confirm or reject. */
  clinicianOnly: boolean;
  review: ClinicianReview;
}

export function DecisionControls({ featureId, label, lateralizes, clinicianOnly, review }: DecisionControlsProps) {
  const standing = standingEntryOf(review.state, featureId);
  const latest = latestEntryOf(review.state, featureId);
  const draft = review.draftOf(featureId);
  const edited = review.edited(featureId);
  const busy = review.busy === featureId;
  const ready = review.state !== null && !review.busy;
  const history = historyOf(review.state, featureId);
  return (
    <div className="decision" role="group" aria-label={`Decision on ${label}`}>
      <div className="decision-row">
        {!clinicianOnly && CHOICES.map((c) => (
          <button key={c.decision} type="button" data-testid={c.testId} aria-pressed={standing?.decision === c.decision} title={c.title}
            disabled={!ready} onClick={() => void review.decide(featureId, c.decision)}>{c.text}</button>
        ))}
        {standing?.decision === 'added' && <span className="added-mark">Added by the clinician</span>}
        <button type="button" data-testid="decision-undo" disabled={!ready || !latest} onClick={() => void review.undo(featureId)}
          title="Undo the latest change of this finding (recorded as a new entry: nothing is erased)">Undo</button>
      </div>
      <div className="decision-row">
        <button type="button" data-testid="decision-onset" disabled={!ready} title="Set the clinician's onset to the frame shown ([)"
          onClick={() => review.editDraft(featureId, { onsetS: review.timeNow() })}>{draft.onsetS === null ? 'Set onset' : `Onset ${draft.onsetS.toFixed(3)} s`}</button>
        <button type="button" data-testid="decision-offset" disabled={!ready} title="Set the clinician's offset to the frame shown (])"
          onClick={() => review.editDraft(featureId, { offsetS: review.timeNow() })}>{draft.offsetS === null ? 'Set offset' : `Offset ${draft.offsetS.toFixed(3)} s`}</button>
        {(draft.onsetS !== null || draft.offsetS !== null) && (
          <button type="button" data-testid="decision-clear-times" disabled={!ready} onClick={() => review.editDraft(featureId, { onsetS: null, offsetS: null })}>Clear times</button>
        )}
        <SideSelect testId="decision-side" lateralizes={lateralizes} value={draft.side} disabled={!ready} onChange={(side) => review.editDraft(featureId, { side })} />
      </div>
      <form className="decision-row" onSubmit={(e) => { e.preventDefault(); void review.save(featureId); }}>
        <label className="comment">Comment
          <input type="text" data-testid="decision-comment" value={draft.comment} maxLength={2000}
            onChange={(e) => review.editDraft(featureId, { comment: e.currentTarget.value })} />
        </label>
        <button type="submit" data-testid="decision-save" disabled={!ready || !edited || !standing}
          title={standing ? 'Record the comment, times and side with the standing decision' : 'Decide first: the comment, times and side are recorded with a decision'}>Save</button>
      </form>
      {edited && <p className="note unsaved" data-testid="decision-unsaved">{standing ? 'Changed here, not recorded yet: Save, or decide again.' : 'Recorded with the decision you choose.'}</p>}
      {busy && <p className="note">Recording…</p>}
      <ErrorAlert error={review.problems[featureId] ?? null} />
      {history.length > 0 && (
        <ol className="history" data-testid={`history-${featureId}`} aria-label={`History of ${label}, newest first`}>
          {history.map((e) => (
            <li key={e.id} data-entry-id={e.id} data-kind={e.kind} data-decision={e.decision ?? ''}>
              <span className="history-when"><time dateTime={e.atIso}>{shownTime(e.atIso)}</time> · {e.reviewer}</span>
              <span className="history-what">{entryText(e)}</span>
              {e.comment && <q className="history-comment">{e.comment}</q>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
