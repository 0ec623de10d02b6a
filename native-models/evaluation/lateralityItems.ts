/**
 * Laterality items: what a side column of a timed label file asks, and which features' predicted sides answer
 * it. `left_right_<feature>` (S³: `left_right_head_turning`) is that feature's side, for any catalogue feature
 * that lateralizes. `left_right_arm_movement` (S³: the arm that moves) is answered by the arm signs below:
 * the side of whichever of them starts first (clinician's sides before measured ones). figure4 is left out:
 * its side is the extended arm of a posture, not the arm that moves.
 */
import { FEATURE_IDS, getFeature, isFeatureId } from '../semiology/featureCatalogue.ts';

export interface LateralityItem {
  id: string;
  /** The column it is read from. */
  column: string;
  features: readonly string[];
  /** Measured signs count only when they involve one of these body segments (null: any). */
  segments: readonly string[] | null;
}

export const ARM_MOVEMENT_FEATURES = ['clonic', 'tonic', 'arm_flexion', 'arm_straightening', 'limb_automatisms'] as const;

export const ARM_MOVEMENT_ITEM: LateralityItem = {
  id: 'arm_movement', column: 'left_right_arm_movement', features: ARM_MOVEMENT_FEATURES, segments: ['left_arm', 'right_arm'],
};

/** Every item, in a fixed order: the lateralizing features in catalogue order, then arm_movement. */
export const LATERALITY_ITEMS: readonly LateralityItem[] = [
  ...FEATURE_IDS.filter((id) => getFeature(id).lateralizes).map((id): LateralityItem => ({ id, column: `left_right_${id}`, features: [id], segments: null })),
  ARM_MOVEMENT_ITEM,
];

/** The item a `left_right_*` column names; `not_lateralizing` for a feature without sides; null for anything else. */
export function lateralityItemOfColumn(column: string): LateralityItem | 'not_lateralizing' | null {
  const hit = LATERALITY_ITEMS.find((i) => i.column === column);
  if (hit) return hit;
  const m = /^left_right_(.+)$/.exec(column);
  if (m && isFeatureId(m[1]!)) return 'not_lateralizing';
  return null;
}

export function lateralityItem(id: string): LateralityItem {
  const it = LATERALITY_ITEMS.find((i) => i.id === id);
  if (!it) throw new Error(`unknown laterality item ${id}`);
  return it;
}
