/**
 * Adding a sign the model missed: any catalogue feature, with the clinician's onset and offset from the frame
 * shown (buttons, or `[` and `]` while the form is selected), the patient's side where the sign lateralizes and
 * a comment; recorded as the decision 'added'.
 */
import type { Catalogue } from '../catalogue.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { SideSelect } from './SideSelect.tsx';
import { ADD_FORM, type ClinicianReview } from './useClinicianReview.ts';

export function AddSign({ review, catalogue, modelStatus }: { review: ClinicianReview; catalogue: Catalogue; modelStatus: ReadonlyMap<string, string> }) {
  const a = review.addDraft;
  const feature = catalogue.features.find((f) => f.id === a.featureId);
  const ready = review.state !== null && !review.busy;
  return (
    <form className={`add-sign${review.selected === ADD_FORM ? ' selected' : ''}`} data-testid="add-sign-form" aria-label="Add a sign the model missed"
      onFocus={() => review.select(ADD_FORM)} onPointerDown={() => review.select(ADD_FORM)}
      onSubmit={(e) => { e.preventDefault(); void review.addSign(); }}>
      <h3>Add a sign the model missed</h3>
      <div className="decision-row">
        <label>Sign
          <select data-testid="add-feature" value={a.featureId} onChange={(e) => review.editAdd({ featureId: e.currentTarget.value })}>
            <option value="">choose…</option>
            {Object.entries(catalogue.groupLabels).map(([group, groupLabel]) => (
              <optgroup key={group} label={groupLabel}>
                {catalogue.features.filter((f) => f.group === group).map((f) => (
                  <option key={f.id} value={f.id}>{f.label}{modelStatus.has(f.id) ? ` (model: ${modelStatus.get(f.id)})` : ''}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      <div className="decision-row">
        <button type="button" data-testid="add-onset" disabled={!ready} title="Set the onset to the frame shown ([)"
          onClick={() => review.editAdd({ onsetS: review.timeNow() })}>{a.onsetS === null ? 'Set onset' : `Onset ${a.onsetS.toFixed(3)} s`}</button>
        <button type="button" data-testid="add-offset" disabled={!ready} title="Set the offset to the frame shown (])"
          onClick={() => review.editAdd({ offsetS: review.timeNow() })}>{a.offsetS === null ? 'Set offset' : `Offset ${a.offsetS.toFixed(3)} s`}</button>
        <SideSelect testId="add-side" lateralizes={feature?.lateralizes ?? false} value={a.side} disabled={!ready} onChange={(side) => review.editAdd({ side })} />
      </div>
      <div className="decision-row">
        <label className="comment">Comment
          <input type="text" data-testid="add-comment" value={a.comment} maxLength={2000} onChange={(e) => review.editAdd({ comment: e.currentTarget.value })} />
        </label>
        <button type="submit" data-testid="add-sign" disabled={!ready}>Add sign</button>
      </div>
      <ErrorAlert error={review.problems[ADD_FORM] ?? null} />
    </form>
  );
}
