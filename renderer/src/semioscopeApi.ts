/** The review API as the renderer sees it (types only, from the contract), whichever transport carries it. */
import type { ReviewApi } from '../../native-models/contract/reviewApi.ts';
import { createBridgeClient } from './bridgeClient.ts';

export type { ReviewApi };

let bridge: ReviewApi | undefined;

/** The API preload exposed (Electron), else the loopback review bridge's client (a browser). */
export function api(): ReviewApi {
  return (window as unknown as { semioscope?: ReviewApi }).semioscope ?? (bridge ??= createBridgeClient());
}
