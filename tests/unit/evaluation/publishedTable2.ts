/**
 * The paper's Table 2 (Qwen2.5-VL | InternVL3.5-38B; Audio Flamingo 3 for audio), with integer confusion
 * counts that reproduce every published figure to the third decimal. The counts were derived by
 * exhaustive search (n <= 90, positives <= the labelled positives) and are unique for almost every cell.
 * Label totals: the published positives; rows with an empty label as implied by the cells' n.
 */

export interface PublishedCell {
  model: string;
  variant: string;
  /** tp, fp, fn, tn (rows with a failed prediction are the labelled rows not counted here). */
  counts: [number, number, number, number];
  /** accuracy, precision, recall, F1 as printed in Table 2. */
  published: [string, string, string, string];
}

export interface PublishedFeature {
  id: string;
  positives: number;
  /** Labelled negatives; 90 - positives - negatives rows have an empty label. */
  negatives: number;
  improved: boolean;
  cells: PublishedCell[];
}

type Row = [number, number, number, number, string, string, string, string];
const visual = (id: string, positives: number, negatives: number, improved: boolean, enh: string, qb: Row, ib: Row, qe: Row, ie: Row): PublishedFeature => ({
  id, positives, negatives, improved,
  cells: ([['qwen', 'base', qb], ['intern', 'base', ib], ['qwen', enh, qe], ['intern', enh, ie]] as const).map(([model, variant, r]) => ({
    model, variant, counts: [r[0], r[1], r[2], r[3]], published: [r[4], r[5], r[6], r[7]],
  })),
});

export const TABLE2_VISUAL: readonly PublishedFeature[] = [
  visual('blank_stare', 39, 51, true, 'crop',
    [35, 37, 4, 14, '0.544', '0.486', '0.897', '0.631'], [38, 48, 1, 3, '0.456', '0.442', '0.974', '0.608'],
    [36, 39, 3, 12, '0.533', '0.480', '0.923', '0.632'], [39, 51, 0, 0, '0.433', '0.433', '1.000', '0.605']),
  visual('close_eyes', 23, 63, false, 'crop',
    [22, 39, 1, 24, '0.535', '0.361', '0.957', '0.524'], [23, 63, 0, 0, '0.267', '0.267', '1.000', '0.422'],
    [19, 41, 4, 22, '0.477', '0.317', '0.826', '0.458'], [23, 63, 0, 0, '0.267', '0.267', '1.000', '0.422']),
  visual('eye_blinking', 14, 73, true, 'crop',
    [2, 25, 12, 48, '0.575', '0.074', '0.143', '0.098'], [0, 6, 14, 67, '0.770', '0.000', '0.000', '0.000'],
    [5, 21, 9, 52, '0.655', '0.192', '0.357', '0.250'], [0, 3, 14, 70, '0.805', '0.000', '0.000', '0.000']),
  visual('face_pulling', 29, 61, true, 'crop',
    [5, 11, 24, 50, '0.611', '0.312', '0.172', '0.222'], [11, 35, 18, 26, '0.411', '0.239', '0.379', '0.293'],
    [13, 31, 16, 30, '0.478', '0.295', '0.448', '0.356'], [25, 42, 4, 19, '0.489', '0.373', '0.862', '0.521']),
  visual('face_twitching', 34, 56, true, 'crop',
    [32, 54, 2, 2, '0.378', '0.372', '0.941', '0.533'], [34, 56, 0, 0, '0.378', '0.378', '1.000', '0.548'],
    [34, 56, 0, 0, '0.378', '0.378', '1.000', '0.548'], [34, 56, 0, 0, '0.378', '0.378', '1.000', '0.548']),
  visual('oral_automatisms', 31, 59, true, 'crop',
    [17, 31, 14, 28, '0.500', '0.354', '0.548', '0.430'], [14, 25, 17, 34, '0.533', '0.359', '0.452', '0.400'],
    [23, 42, 8, 17, '0.444', '0.354', '0.742', '0.479'], [18, 36, 13, 23, '0.456', '0.333', '0.581', '0.424']),
  visual('occur_during_sleep', 33, 57, true, 'pose',
    [14, 1, 19, 56, '0.778', '0.933', '0.424', '0.583'], [27, 10, 6, 47, '0.822', '0.730', '0.818', '0.771'],
    [20, 7, 11, 43, '0.778', '0.741', '0.645', '0.690'], [33, 22, 0, 29, '0.738', '0.600', '1.000', '0.750']),
  visual('head_turning', 18, 72, false, 'crop',
    [4, 3, 14, 69, '0.811', '0.571', '0.222', '0.320'], [0, 0, 18, 72, '0.800', '0.000', '0.000', '0.000'],
    [4, 7, 14, 65, '0.767', '0.364', '0.222', '0.276'], [0, 0, 18, 72, '0.800', '0.000', '0.000', '0.000']),
  visual('arm_flexion', 51, 39, false, 'pose',
    [46, 18, 5, 21, '0.744', '0.719', '0.902', '0.800'], [42, 16, 9, 23, '0.722', '0.724', '0.824', '0.771'],
    [37, 25, 5, 14, '0.630', '0.597', '0.881', '0.712'], [42, 29, 3, 10, '0.619', '0.592', '0.933', '0.724']),
  visual('arms_move_simultaneously', 22, 68, false, 'pose',
    [14, 30, 8, 38, '0.578', '0.318', '0.636', '0.424'], [22, 65, 0, 3, '0.278', '0.253', '1.000', '0.404'],
    [12, 50, 5, 14, '0.321', '0.194', '0.706', '0.304'], [17, 66, 0, 1, '0.214', '0.205', '1.000', '0.340']),
  visual('arm_straightening', 27, 63, false, 'pose',
    [23, 29, 4, 34, '0.633', '0.442', '0.852', '0.582'], [20, 25, 7, 38, '0.644', '0.444', '0.741', '0.556'],
    [19, 30, 4, 28, '0.580', '0.388', '0.826', '0.528'], [18, 33, 5, 28, '0.548', '0.353', '0.783', '0.486']),
  visual('figure4', 8, 82, false, 'pose',
    [3, 2, 5, 80, '0.922', '0.600', '0.375', '0.462'], [4, 15, 4, 67, '0.789', '0.211', '0.500', '0.296'],
    [5, 32, 3, 41, '0.568', '0.135', '0.625', '0.222'], [8, 59, 0, 17, '0.298', '0.119', '1.000', '0.213']),
  visual('tonic', 29, 61, true, 'pose',
    [6, 3, 23, 58, '0.711', '0.667', '0.207', '0.316'], [9, 6, 20, 55, '0.711', '0.600', '0.310', '0.409'],
    [5, 7, 22, 47, '0.642', '0.417', '0.185', '0.256'], [18, 20, 11, 35, '0.631', '0.474', '0.621', '0.537']),
  visual('clonic', 17, 73, false, 'pose',
    [9, 22, 8, 51, '0.667', '0.290', '0.529', '0.375'], [10, 20, 7, 53, '0.700', '0.333', '0.588', '0.426'],
    [8, 31, 7, 35, '0.531', '0.205', '0.533', '0.296'], [9, 30, 8, 37, '0.548', '0.231', '0.529', '0.321']),
  visual('limb_automatisms', 21, 69, true, 'pose',
    [15, 52, 6, 17, '0.356', '0.224', '0.714', '0.341'], [17, 57, 4, 12, '0.322', '0.230', '0.810', '0.358'],
    [15, 44, 5, 17, '0.395', '0.254', '0.750', '0.380'], [20, 58, 0, 6, '0.310', '0.256', '1.000', '0.408']),
  visual('asynchronous_movement', 41, 49, false, 'pose',
    [18, 11, 23, 38, '0.622', '0.621', '0.439', '0.514'], [21, 11, 20, 38, '0.656', '0.656', '0.512', '0.575'],
    [13, 17, 21, 30, '0.531', '0.433', '0.382', '0.406'], [4, 9, 31, 40, '0.524', '0.308', '0.114', '0.167']),
  visual('pelvic_thrusting', 15, 75, false, 'pose',
    [6, 11, 9, 64, '0.778', '0.353', '0.400', '0.375'], [10, 17, 5, 58, '0.756', '0.370', '0.667', '0.476'],
    [12, 43, 3, 23, '0.432', '0.218', '0.800', '0.343'], [8, 26, 7, 43, '0.607', '0.235', '0.533', '0.327']),
  visual('full_body_shaking', 24, 66, true, 'pose',
    [7, 15, 17, 51, '0.644', '0.318', '0.292', '0.304'], [12, 28, 12, 38, '0.556', '0.300', '0.500', '0.375'],
    [13, 45, 4, 19, '0.395', '0.224', '0.765', '0.347'], [15, 47, 3, 19, '0.405', '0.242', '0.833', '0.375']),
];

/** Ictal vocalization (Audio Flamingo 3): binary, some predictions failed. */
export const TABLE2_ICTAL_VOCALIZATION: PublishedFeature = {
  id: 'ictal_vocalization', positives: 53, negatives: 37, improved: true,
  cells: [
    { model: 'af3', variant: 'base', counts: [34, 6, 14, 31], published: ['0.765', '0.850', '0.708', '0.773'] },
    { model: 'af3', variant: 'denoised', counts: [17, 9, 17, 19], published: ['0.581', '0.654', '0.500', '0.567'] },
    { model: 'af3', variant: 'transcript', counts: [44, 14, 9, 23], published: ['0.744', '0.759', '0.830', '0.793'] },
  ],
};

/**
 * Verbal responsiveness: 53 labelled (11 yes, 42 no), predictions include `na`, so the published figures
 * are sklearn's macro average over {na, no, yes}. Cells: label yes -> (yes, no, na), label no -> (yes, no, na).
 */
export const TABLE2_VERBAL_RESPONSIVENESS = {
  id: 'verbal_responsiveness', positives: 11, negatives: 42, improved: false,
  cells: [
    { model: 'af3', variant: 'base', yes: [8, 3, 0], no: [6, 15, 21], published: ['0.434', '0.468', '0.361', '0.380'] },
    { model: 'af3', variant: 'denoised', yes: [7, 4, 0], no: [10, 10, 22], published: ['0.321', '0.375', '0.291', '0.286'] },
    { model: 'af3', variant: 'transcript', yes: [10, 0, 1], no: [24, 3, 15], published: ['0.245', '0.431', '0.327', '0.193'] },
  ],
} as const;
