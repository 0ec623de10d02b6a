/** The review API as the renderer sees it (types only, from the contract), whichever transport carries it. */
import type { ReviewApi } from '../../native-models/contract/reviewApi.ts';

export type { ReviewApi };

export function api(): ReviewApi {
  return (window as unknown as { semioscope: ReviewApi }).semioscope;
}
