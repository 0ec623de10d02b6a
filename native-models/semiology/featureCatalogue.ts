/**
 * The feature catalogue: the single source of truth for the 20 ILAE semiological features.
 * Prompts, enhancement routing, timeline lanes, report sections and evaluation columns all read it.
 *
 * Ids are the column names of the published expert-annotation file. Questions are written for this
 * product: one observable sign each, phrased as an epileptologist would ask a colleague.
 */
import { UsageError } from '../errors.ts';

export type FeatureGroup = 'face' | 'limb' | 'context' | 'audio';
export type FeatureModality = 'vision' | 'audio';

/** Input variants: how a segment is shown to the model. */
export type VisualVariant = 'base' | 'crop' | 'pose';
export type AudioVariant = 'base' | 'denoised' | 'transcript';
export type InputVariant = VisualVariant | AudioVariant;

export interface FeatureDefinition<Id extends string = FeatureId> {
  /** Column name in the annotation file, e.g. `oral_automatisms`. */
  readonly id: Id;
  readonly group: FeatureGroup;
  readonly modality: FeatureModality;
  /** Short clinical label as it appears in reports and on timeline lanes. */
  readonly label: string;
  /** One-sentence gloss for tooltips and the report's method section. */
  readonly definition: string;
  /** The question put to the model; answerable from one segment. */
  readonly question: string;
  /** Variant used unless the user overrides it (best published F1, see features.md). */
  readonly defaultVariant: InputVariant;
  /** Every variant that makes sense for this feature. */
  readonly variants: readonly InputVariant[];
  /** A sign that can point to one hemisphere: the clinician records its side (the patient's left, right or both). */
  readonly lateralizes: boolean;
}

/** Bump when any question, variant list or answer schema changes: cached answers are keyed by it. */
export const CATALOGUE_VERSION = 1;

const VISUAL: readonly VisualVariant[] = ['base', 'crop', 'pose'];
const AUDIO: readonly AudioVariant[] = ['base', 'denoised', 'transcript'];

const CATALOGUE = [
  {
    id: 'occur_during_sleep', group: 'context', modality: 'vision', label: 'Onset from sleep',
    definition: 'The event begins while the patient is asleep: eyes closed, lying still, no interaction before onset.',
    question: 'At the start of the event, is the patient asleep: lying still with eyes closed and not interacting with anyone before the first abnormal movement?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'blank_stare', group: 'face', modality: 'vision', label: 'Blank stare',
    definition: 'Fixed, unfocused gaze with behavioural arrest and no response to the surroundings.',
    question: 'Does the patient show a fixed, unfocused stare with arrest of ongoing activity, not following people or objects around them?',
    defaultVariant: 'crop', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'close_eyes', group: 'face', modality: 'vision', label: 'Eyes closed',
    definition: 'The eyes are closed during the event.',
    question: 'Are the patient\'s eyes closed during the abnormal movements or behaviour in this segment?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'eye_blinking', group: 'face', modality: 'vision', label: 'Eye blinking',
    definition: 'Repetitive rapid blinking or eyelid flutter.',
    question: 'Does the patient blink repetitively and rapidly, or show fluttering of the eyelids, beyond normal occasional blinking?',
    defaultVariant: 'crop', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'face_pulling', group: 'face', modality: 'vision', label: 'Face pulling',
    definition: 'Sustained (tonic) contraction of facial muscles pulling the face or mouth to one side.',
    question: 'Is the patient\'s face or mouth pulled to one side by a sustained contraction of the facial muscles (a grimace held for seconds, mouth deviation)?',
    defaultVariant: 'crop', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'face_twitching', group: 'face', modality: 'vision', label: 'Face twitching',
    definition: 'Brief repetitive clonic jerks of facial muscles.',
    question: 'Are there brief, repetitive, jerking contractions of the facial muscles (around the mouth, cheek or eye) recurring at a regular rhythm?',
    defaultVariant: 'crop', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'oral_automatisms', group: 'face', modality: 'vision', label: 'Oral automatisms',
    definition: 'Repetitive stereotyped mouth or tongue movements: chewing, lip-smacking, swallowing.',
    question: 'Does the patient make repetitive, stereotyped mouth or tongue movements such as chewing, lip-smacking, licking or swallowing?',
    defaultVariant: 'crop', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'head_turning', group: 'face', modality: 'vision', label: 'Head turning',
    definition: 'Forced, sustained turning of the head to one side (version).',
    question: 'Does the patient\'s head turn forcibly and stay turned to one side (head version), rather than a brief voluntary look around?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'arm_flexion', group: 'limb', modality: 'vision', label: 'Arm flexion',
    definition: 'Flexion posturing of one or both arms at the elbow.',
    question: 'Does the patient hold one or both arms bent at the elbow in a stiff, flexed posture?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'arm_straightening', group: 'limb', modality: 'vision', label: 'Arm straightening',
    definition: 'Extension posturing of one or both arms.',
    question: 'Does the patient stiffly extend (straighten) one or both arms at the elbow and hold that posture?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'arms_move_simultaneously', group: 'limb', modality: 'vision', label: 'Bilateral arm movement',
    definition: 'Both arms move at the same time.',
    question: 'Do both of the patient\'s arms show abnormal movement at the same time?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'figure4', group: 'limb', modality: 'vision', label: 'Figure-4 sign',
    definition: 'One arm extended while the other is flexed at the elbow, together forming a "4".',
    question: 'Is one arm held extended at the elbow while the other arm is flexed at the elbow at the same time (figure-4 posture)?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'tonic', group: 'limb', modality: 'vision', label: 'Tonic stiffening',
    definition: 'Sustained increase in muscle tone of the limbs or trunk lasting seconds.',
    question: 'Do the patient\'s limbs or trunk stiffen with a sustained increase in muscle tone held for several seconds?',
    defaultVariant: 'pose', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'clonic', group: 'limb', modality: 'vision', label: 'Clonic jerking',
    definition: 'Rhythmic jerking at a regular rate (typically 1-5 Hz), often slowing before it stops.',
    question: 'Does any limb or the body jerk rhythmically and repetitively at a regular rate, the jerks possibly becoming slower before they stop?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'limb_automatisms', group: 'limb', modality: 'vision', label: 'Limb automatisms',
    definition: 'Repetitive semi-purposeful limb movements: fumbling, picking, rubbing.',
    question: 'Does the patient make repetitive, semi-purposeful hand or limb movements such as fumbling, picking at the sheets or rubbing?',
    defaultVariant: 'pose', variants: VISUAL, lateralizes: true,
  },
  {
    id: 'asynchronous_movement', group: 'limb', modality: 'vision', label: 'Asynchronous movement',
    definition: 'Limbs move out of phase or irregularly with each other rather than in a synchronous rhythm.',
    question: 'Do the patient\'s limbs move out of phase with each other or irregularly, rather than together in one synchronous rhythm?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'pelvic_thrusting', group: 'limb', modality: 'vision', label: 'Pelvic thrusting',
    definition: 'Repetitive rhythmic forward-backward movements of the hips.',
    question: 'Does the patient make repetitive, rhythmic forward-and-backward (anteroposterior) movements of the hips?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'full_body_shaking', group: 'limb', modality: 'vision', label: 'Whole-body shaking',
    definition: 'Generalized shaking involving the whole body.',
    question: 'Does the whole body shake, with the trunk and all four limbs involved at once?',
    defaultVariant: 'base', variants: VISUAL, lateralizes: false,
  },
  {
    id: 'verbal_responsiveness', group: 'audio', modality: 'audio', label: 'Verbal responsiveness',
    definition: 'The patient answers spoken questions or commands with meaningful speech during the event.',
    question: 'When someone speaks to the patient in this recording, does the patient answer with meaningful, appropriate words?',
    defaultVariant: 'base', variants: AUDIO, lateralizes: false,
  },
  {
    id: 'ictal_vocalization', group: 'audio', modality: 'audio', label: 'Ictal vocalization',
    definition: 'Groaning, moaning, guttural sounds or stereotyped repeated phrases made by the patient.',
    question: 'Does the patient make groaning, moaning or guttural sounds, or repeat the same phrase in a stereotyped way?',
    defaultVariant: 'transcript', variants: AUDIO, lateralizes: false,
  },
] as const satisfies readonly FeatureDefinition<string>[];

/** The 20 feature ids as a union type: a misspelt id does not compile. */
export type FeatureId = (typeof CATALOGUE)[number]['id'];

export const FEATURES: readonly FeatureDefinition[] = CATALOGUE;

export const FEATURE_IDS: readonly FeatureId[] = FEATURES.map((f) => f.id);

const byId = new Map<string, FeatureDefinition>(FEATURES.map((f) => [f.id, f]));

export function isFeatureId(id: string): id is FeatureId {
  return byId.has(id);
}

/** The feature with this id; an unknown id is a usage mistake (a setting, a label file, a typed command). */
export function getFeature(id: string): FeatureDefinition {
  const f = byId.get(id);
  if (!f) throw new UsageError(`Unknown feature "${id}". Known features: ${FEATURE_IDS.join(', ')}.`, { setting: 'features' });
  return f;
}

export const GROUP_LABELS: Readonly<Record<FeatureGroup, string>> = {
  face: 'Face and head',
  limb: 'Limbs and body',
  context: 'Context',
  audio: 'Sounds and speech',
};
