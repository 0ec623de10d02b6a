/**
 * The engine's one error model. Every failure a person can act on is a `SemioscopeError`: it carries the exit
 * code the CLI ends with, a message that names the setting or file concerned (never a CLI flag: the desktop
 * app shows the same messages), and a hint saying what to do. Anything else that escapes is a bug.
 *
 * - `UsageError` (exit 2): a setting with a bad value, an unknown feature id or variant, a missing choice.
 *   `setting` names the setting (a key of AnalysisSettings or a model setting); the CLI adds its flag name.
 * - `InputError` (exit 2): a file or folder the user gave cannot be used: not a video, a missing or
 *   mismatched model file, an output folder that cannot be written, a full disk, a foreign cache file.
 * - `BackendError` (exit 3): the model or its server failed: would not start, kept dying, refused the key.
 * - `CancelledError` (exit 130): the user (Ctrl-C, SIGTERM, the app's cancel button) stopped the work.
 *   Wherever cancellation is noticed (an AbortSignal, a stream's AbortError, a killed child process) it
 *   surfaces as this one class: use `throwIfCancelled` and `asCancellation`.
 */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;
export const EXIT_MODEL_FAILURE = 3;
export const EXIT_CANCELLED = 130;
/** An unexpected error (a bug): the CLI says so and asks for SEMIOSCOPE_DEBUG=1 output. */
export const EXIT_BUG = 1;

export interface ErrorDetails {
  /** What the user can do about it, one sentence. */
  hint?: string;
  /** The setting the message is about, e.g. `fps`, `features`, `outDir`, `model`. */
  setting?: string;
  cause?: unknown;
}

export abstract class SemioscopeError extends Error {
  abstract readonly exitCode: number;
  readonly hint?: string;
  readonly setting?: string;
  constructor(message: string, details: ErrorDetails | string = {}) {
    const d = typeof details === 'string' ? { hint: details } : details;
    super(message, d.cause === undefined ? undefined : { cause: d.cause });
    this.name = new.target.name;
    this.hint = d.hint;
    this.setting = d.setting;
  }
}

/** A setting with a bad value or a missing choice. Exit 2. */
export class UsageError extends SemioscopeError {
  readonly exitCode = EXIT_BAD_INPUT;
}

/** A file, folder or disk the user gave cannot be used. Exit 2. */
export class InputError extends SemioscopeError {
  readonly exitCode = EXIT_BAD_INPUT;
}

/** The model or its backend failed. Exit 3. */
export class BackendError extends SemioscopeError {
  readonly exitCode = EXIT_MODEL_FAILURE;
}

/** The work was cancelled. Exit 130. */
export class CancelledError extends SemioscopeError {
  readonly exitCode = EXIT_CANCELLED;
  constructor(message = 'Analysis cancelled.') {
    super(message);
  }
}

export function exitCodeOf(e: unknown): number {
  return e instanceof SemioscopeError ? e.exitCode : EXIT_BUG;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** True for the AbortError of fetch, streams, timers and `events.once` (DOMException or Node's AbortError). */
export function isAbortError(e: unknown): boolean {
  return Boolean(e && typeof e === 'object' && ((e as { name?: string }).name === 'AbortError' || (e as { code?: string }).code === 'ABORT_ERR'));
}

/**
 * Turns any error seen after (or because of) cancellation into the engine's CancelledError; other errors pass
 * through unchanged. Use in every catch that can see an aborted operation.
 */
export function asCancellation(e: unknown, signal?: AbortSignal): unknown {
  if (e instanceof CancelledError) return e;
  if (signal?.aborted || isAbortError(e)) return new CancelledError();
  return e;
}

/**
 * An error as data, the way it crosses a boundary (the engine's utility process, Electron IPC, the review
 * bridge's JSON): Error objects lose their hint, setting and exit code on the way (structured clone and
 * contextBridge keep the message only), plain data keeps them all.
 */
export interface ErrorPayload {
  /** The class: UsageError, InputError, BackendError, CancelledError, or Error for a bug. */
  name: string;
  message: string;
  hint?: string;
  setting?: string;
  exitCode: number;
}

/**
 * The payload of an engine error. A bug keeps only its message (no stack, whose paths must not cross), or
 * `bugMessage` instead where even the message must not leave the engine (the bridge's browser page).
 */
export function toErrorPayload(e: unknown, bugMessage?: string): ErrorPayload {
  if (e instanceof SemioscopeError) {
    const p: ErrorPayload = { name: e.name, message: e.message, exitCode: e.exitCode };
    if (e.hint !== undefined) p.hint = e.hint;
    if (e.setting !== undefined) p.setting = e.setting;
    return p;
  }
  return { name: 'Error', message: bugMessage ?? (e instanceof Error ? e.message : String(e)), exitCode: EXIT_BUG };
}

/** The engine's own class again (CancelledError included), or a plain Error for a bug. */
export function fromErrorPayload(p: ErrorPayload): Error {
  const details = { hint: p.hint, setting: p.setting };
  switch (p.name) {
    case 'UsageError': return new UsageError(p.message, details);
    case 'InputError': return new InputError(p.message, details);
    case 'BackendError': return new BackendError(p.message, details);
    case 'CancelledError': return new CancelledError(p.message);
    default: return new Error(p.message);
  }
}
