/**
 * Who is reviewing: asked once (the `reviewer-name` field, shown while no name is set), then remembered in this
 * browser profile and shown with a Change button. Every decision is recorded under this name.
 */
import { useState } from 'react';
import type { ClinicianReview } from './useClinicianReview.ts';
import { MAX_REVIEWER_CHARS } from './reviewLog.ts';

export function ReviewerName({ review }: { review: ClinicianReview }) {
  const [editing, setEditing] = useState(false);
  const [typed, setTyped] = useState(review.reviewer);
  if (review.reviewer && !editing) {
    return (
      <div className="reviewer" data-testid="reviewer">
        <span>Reviewer: <strong data-testid="reviewer-shown">{review.reviewer}</strong></span>
        <button type="button" data-testid="reviewer-change" onClick={() => { setTyped(review.reviewer); setEditing(true); }}>Change reviewer</button>
      </div>
    );
  }
  return (
    <form className="reviewer" onSubmit={(e) => { e.preventDefault(); if (typed.trim()) { review.setReviewer(typed); setEditing(false); } }}>
      <label>Reviewer&apos;s name
        <input ref={review.nameFieldRef} type="text" data-testid="reviewer-name" value={typed} maxLength={MAX_REVIEWER_CHARS} autoComplete="name"
          onChange={(e) => setTyped(e.currentTarget.value)} />
      </label>
      <button type="submit" data-testid="reviewer-save" disabled={!typed.trim()}>Use this name</button>
      {editing && <button type="button" onClick={() => setEditing(false)}>Keep {review.reviewer}</button>}
      {!review.reviewer && <p className="note">Asked once: each decision is recorded with who made it and when.</p>}
    </form>
  );
}
