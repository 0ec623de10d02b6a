/** The engine's message and its hint (what to do), announced to screen readers. */
import type { ShownError } from './errorText.ts';

export function ErrorAlert({ error }: { error: ShownError | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="error" data-testid="error">
      <strong>{error.message}</strong>
      {error.hint && <p>{error.hint}</p>}
    </div>
  );
}
