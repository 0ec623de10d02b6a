/**
 * Errors that reach the user. Each carries the CLI exit code and a message a clinician or IT person can act
 * on; the CLI prints the message without a stack trace.
 */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;
export const EXIT_MODEL_FAILURE = 3;
export const EXIT_CANCELLED = 130;

/** Bad input or usage: a file that is not a video, a missing model file, an unknown option. Exit 2. */
export class UserError extends Error {
  readonly exitCode: number = EXIT_BAD_INPUT;
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The model or its backend failed: llama-server would not start, kept dying, or the endpoint refused. Exit 3. */
export class BackendError extends Error {
  readonly exitCode: number = EXIT_MODEL_FAILURE;
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'BackendError';
  }
}

export class CancelledError extends Error {
  readonly exitCode: number = EXIT_CANCELLED;
  constructor(message = 'Analysis cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function exitCodeOf(e: unknown): number {
  if (e && typeof e === 'object' && 'exitCode' in e && typeof (e as { exitCode: unknown }).exitCode === 'number') {
    return (e as { exitCode: number }).exitCode;
  }
  return 1;
}
