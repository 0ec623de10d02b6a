/** Asserts that a call throws the engine's InputError with a message (or hint) matching a pattern. */
import assert from 'node:assert/strict';
import { InputError } from '../../../native-models/errors.ts';

export const rejects = (fn: () => unknown, pattern: RegExp): void => {
  assert.throws(fn, (e: unknown) => e instanceof InputError && pattern.test(`${e.message} ${e.hint ?? ""}`), String(pattern));
};
