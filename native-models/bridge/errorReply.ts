/**
 * An error as the review bridge answers it: JSON `{error: {name, message, hint, setting, exitCode}}` with an
 * HTTP status saying what kind of failure it was, so the renderer shows the engine's own message and hint.
 * UsageError / InputError 400, BackendError 502, CancelledError 409 (the call was stopped by a cancel: a
 * conflict with the user's later request, not a client fault), anything else is a bug: 500 with a generic
 * message and never a stack trace.
 */
import { BackendError, CancelledError, InputError, SemioscopeError, toErrorPayload, UsageError, type ErrorPayload } from '../errors.ts';

export interface BridgeErrorBody {
  error: ErrorPayload;
}

export const BUG_MESSAGE = 'Unexpected error in the engine (a bug). Run `semioscope review` again with SEMIOSCOPE_DEBUG=1 and report what it prints.';

export function errorReply(e: unknown): { status: number; body: BridgeErrorBody } {
  if (e instanceof SemioscopeError) {
    const status = e instanceof UsageError || e instanceof InputError ? 400 : e instanceof BackendError ? 502 : e instanceof CancelledError ? 409 : 500;
    return { status, body: { error: toErrorPayload(e) } };
  }
  return { status: 500, body: { error: toErrorPayload(e, BUG_MESSAGE) } };
}

/** A plain refusal by the bridge itself (401, 403, 404, 405, 413, 429...) in the same JSON shape. */
export function refusal(message: string): BridgeErrorBody {
  return { error: { name: 'UsageError', message, exitCode: 2 } };
}
