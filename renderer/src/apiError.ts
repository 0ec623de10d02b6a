/**
 * An engine error as the page sees it, whichever transport carried it (Electron's preload or the loopback
 * review bridge): the engine's message, what to do (hint), the setting it is about and the exit code, so a
 * screen can act on it (e.g. reload the review when a decision was made meanwhile: setting 'replaces').
 */
import type { ErrorPayload } from '../../native-models/errors.ts';

export class ApiError extends Error {
  readonly errorName: string;
  readonly hint: string | undefined;
  readonly setting: string | undefined;
  readonly exitCode: number;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = payload.name;
    this.errorName = payload.name;
    this.hint = payload.hint;
    this.setting = payload.setting;
    this.exitCode = payload.exitCode;
  }
}
