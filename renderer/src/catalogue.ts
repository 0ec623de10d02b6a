/** The feature catalogue as the engine serves it (`catalogue:get`): labels and groups for lanes and findings. */
import type { ApiOutputs } from '../../native-models/contract/reviewApi.ts';

export type Catalogue = ApiOutputs['catalogue:get'];
