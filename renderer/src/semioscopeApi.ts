/**
 * The review API as the renderer sees it (types only, from the contract), whichever transport carries it:
 * Electron's preload (each channel answers with an ApiReply, unwrapped here so an engine error becomes an
 * ApiError with its hint, setting and exit code) or the loopback review bridge's client (a browser).
 */
import type { RepliedReviewApi, ReviewApi } from '../../native-models/contract/reviewApi.ts';
import type { ErrorPayload } from '../../native-models/errors.ts';
import { ApiError } from './apiError.ts';
import { createBridgeClient } from './bridgeClient.ts';

export type { ReviewApi };

let bridge: ReviewApi | undefined;
let unwrapped: ReviewApi | undefined;

/** The API preload exposed (Electron), else the loopback review bridge's client (a browser). */
export function api(): ReviewApi {
  const replied = (window as unknown as { semioscope?: RepliedReviewApi }).semioscope;
  if (replied) return (unwrapped ??= unwrapReplies(replied));
  return (bridge ??= createBridgeClient());
}

/** The preload's API with every channel resolving to its output or rejecting with an ApiError. */
export function unwrapReplies(replied: RepliedReviewApi): ReviewApi {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(replied)) {
    if (typeof fn !== 'function') continue;
    const isChannel = !name.startsWith('on:') && name !== 'pathForFile';
    out[name] = isChannel
      ? async (input: unknown) => {
        const reply = await (fn as (i: unknown) => Promise<{ ok: true; output: unknown } | { ok: false; error: ErrorPayload }>)(input);
        if (reply.ok) return reply.output;
        throw new ApiError(reply.error);
      }
      : fn;
  }
  return out as unknown as ReviewApi;
}
