/** An error from either transport as the UI shows it: the engine's message and, apart, what to do (its hint). */
export interface ShownError {
  message: string;
  hint?: string;
}

export function errorText(e: unknown): ShownError {
  const err = e as { message?: unknown; hint?: unknown } | null;
  const message = typeof err?.message === 'string' && err.message ? err.message : String(e);
  const hint = typeof err?.hint === 'string' && err.hint ? err.hint : undefined;
  return hint ? { message, hint } : { message };
}
