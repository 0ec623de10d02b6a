/**
 * The settings of one analysis, their defaults and their limits, defined once. The CLI, the desktop app, the
 * benchmarks and batch runs all pass what the user chose through `parseAnalysisSettings`; anything left out
 * takes the default written here, and nowhere else. A bad value is a UsageError whose message names the
 * setting in words ("sampling rate"), so the desktop app can show it; the CLI adds its flag name.
 *
 * Defaults, and why:
 * - sampling 2 frames/s, at most 60 frames a 30 s segment, 448 px on the long side: the source paper's
 *   setting (30 s segments with 5 s overlap), and what 7B VLMs read well within a 32k context.
 * - variant policy `default`: each feature in the input that did best in the source paper (face crop,
 *   pose skeleton, denoised audio + transcript); `base` and `all` are for comparisons.
 * - prompting `shared-prefix`: as few evaluated tokens as one batched answer, with exactly the answers of
 *   one question per call (`npm run bench`).
 * - context 32768 tokens per slot: 60 face crops or frames of 448 px come to 10-17k tokens.
 * - server threads `auto`: chosen from the cores left free by pose estimation and decoding (see
 *   platform/cpuBudget.ts); a fixed number overrides it.
 * - compute backend `auto`: a CUDA GPU, else a hardware Vulkan GPU, else the CPU (vlm/chooseComputeBackend.ts).
 * - GPU layers `auto`: every layer on the GPU when one is used, none on the CPU; a number overrides it.
 * - signals rate 15 frames/s: pose for the measured signs (native-models/signals/) runs at this rate, the
 *   model's frames a subset of the same decode; 15 fps resolves jerks up to 7.5 Hz (rhythm needs >= 10).
 * - mirrored false: most EMU cameras record unmirrored; a mirrored camera flips every measured side.
 * - patient orientation `auto`: the pose models see each frame turned the way the person detector finds the
 *   patient best (head up, right, down or left in the picture: enhance/orientationSearch.ts); a camera whose
 *   view is known can fix it, and then no other way is tried.
 */
import { z } from 'zod';
import { UsageError } from '../errors.ts';
import { FEATURE_IDS, getFeature, isFeatureId, type FeatureId, type InputVariant } from '../semiology/featureCatalogue.ts';

/** How feature questions reach the model (see vlm/askFeature.ts and pipeline/askGroup.ts). */
export const PROMPTING_MODES = ['shared-prefix', 'batched', 'naive'] as const;
export type PromptingMode = (typeof PROMPTING_MODES)[number];

export const VARIANT_POLICIES = ['default', 'base', 'all'] as const;
export type VariantPolicyName = (typeof VARIANT_POLICIES)[number];

export const PAPER_SIZES = ['A4', 'Letter'] as const;

/** Where the local model runs: auto picks the best device llama-server lists. */
export const COMPUTE_BACKENDS = ['auto', 'cpu', 'vulkan', 'cuda'] as const;
export type ComputeBackendName = (typeof COMPUTE_BACKENDS)[number];

const INPUT_VARIANTS = ['base', 'crop', 'pose', 'denoised', 'transcript'] as const satisfies readonly InputVariant[];

/**
 * How far the patient is turned clockwise from head-up in the picture, in degrees: head at the top 0, to the
 * right 90, at the bottom 180, to the left 270 (after the container's own rotation is applied).
 */
export const PATIENT_ORIENTATIONS = [0, 90, 180, 270] as const;
export type PatientOrientation = (typeof PATIENT_ORIENTATIONS)[number];

/**
 * Frames of one segment are held in memory until the segment is asked; beyond this the sampling is refused
 * rather than exhausting the workstation (3 GiB: a 1080p30 segment at full rate and 448 px is ~0.5 GiB).
 */
export const MAX_SEGMENT_FRAME_BYTES = 3 * 1024 ** 3;

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** A number setting with its label, unit, bounds and default: every violation gets the same sentence. */
function bounded(label: string, unit: string, min: number, max: number, fallback: number, integer = false) {
  const rule = `The ${label} must be ${integer ? 'a whole number ' : 'a number '}from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
  const error = (iss: { input?: unknown }) => `${rule} (got ${shown(iss.input)}).`;
  return (integer ? z.int({ error }) : z.number({ error })).min(min, { error }).max(max, { error }).default(fallback);
}

const text = (label: string) => z.string({ error: `The ${label} must be text.` })
  .max(200, { error: `The ${label} must be at most 200 characters.` })
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: `The ${label} must not contain control characters.` });

export const analysisSettingsSchema = z.object({
  /** Frames per second sent to the model. */
  fps: bounded('sampling rate', 'frames per second', 0.1, 30, 2),
  /** At most this many frames per segment (evenly spread). */
  maxFrames: bounded('number of frames per segment', '', 1, 240, 60, true),
  /** Long side of each frame in pixels. */
  frameSize: bounded('frame size', 'pixels', 112, 1792, 448, true),
  /** Segment length in seconds. */
  segmentS: bounded('segment length', 'seconds', 5, 600, 30),
  /** Overlap of consecutive segments in seconds (shorter than the segment). */
  overlapS: bounded('segment overlap', 'seconds', 0, 599, 5),
  /** Feature ids to ask: the whole catalogue by default. */
  features: z.array(z.string(), { error: 'The features must be a list of feature ids.' })
    .min(1, { error: `Choose at least one feature. Known features: ${FEATURE_IDS.join(', ')}.` })
    .refine((ids) => ids.every(isFeatureId), { error: (iss) => `Unknown feature "${(iss.input as string[]).find((id) => !isFeatureId(id))}". Known features: ${FEATURE_IDS.join(', ')}.` })
    .transform((ids) => [...new Set(ids)] as FeatureId[])
    .default([...FEATURE_IDS]),
  /** default: each feature's best published input; base: no enhancement; all: every feature in every variant. */
  variants: z.enum(VARIANT_POLICIES, { error: (iss) => `The variant policy must be default, base or all (got ${shown(iss.input)}).` }).default('default'),
  /** Per-feature primary variant, overriding the policy. */
  variantOverrides: z.record(z.string(), z.enum(INPUT_VARIANTS, { error: (iss) => `Unknown input variant ${shown(iss.input)}: use base, crop, pose, denoised or transcript.` }))
    .default({}),
  /** Pose estimation (needed by the crop and pose variants and by the patient's keypoints in the output). */
  pose: z.boolean().default(true),
  /**
   * Rate of the pose frames listed in analysis.json `enhancement` when higher than the sampling rate; null: the
   * model's frames. Pose itself also runs at `signalsFps`; those frames feed the measured signs.
   */
  poseFps: bounded('pose rate', 'frames per second', 0.1, 30, 0).nullable().default(null),
  /**
   * Pose rate of the signals layer (measured signs) in frames per second; pose runs at the highest of this,
   * the pose rate and the sampling rate, in the same decode. Below 10, rhythm (clonic, shaking) is not measured.
   */
  signalsFps: bounded('signals pose rate', 'frames per second', 1, 30, 15),
  /** The recording is mirrored by the camera (a mirror image): every measured left/right is flipped. */
  mirrored: z.boolean({ error: 'The mirrored camera setting must be true or false.' }).default(false),
  /** Which way the patient lies in the picture (PATIENT_ORIENTATIONS), or auto: searched by the pose stage. */
  patientOrientation: z.literal(['auto', ...PATIENT_ORIENTATIONS],
    { error: (iss) => `The patient orientation must be auto, 0, 90, 180 or 270 degrees (got ${shown(iss.input)}).` }).default('auto'),
  prompting: z.enum(PROMPTING_MODES, { error: (iss) => `The prompting mode must be ${PROMPTING_MODES.join(', ')} (got ${shown(iss.input)}).` }).default('shared-prefix'),
  /** Segments or variants asked at once, one model-server slot each. */
  parallel: bounded('number of parallel requests', '', 1, 16, 1, true),
  /** Model context in tokens per slot. */
  contextSize: bounded('model context size', 'tokens', 2048, 262144, 32768, true),
  /** Model-server CPU threads: 'auto' (from the cores left free) or a number. */
  threads: z.union([z.literal('auto'), bounded('number of model threads', '', 1, 256, 1, true).unwrap()],
    { error: (iss) => `The number of model threads must be auto or a whole number from 1 to 256 (got ${shown(iss.input)}).` }).default('auto'),
  /** Where the local model runs: auto (the best device present), cpu, vulkan or cuda. */
  backend: z.enum(COMPUTE_BACKENDS, { error: (iss) => `The compute backend must be ${COMPUTE_BACKENDS.join(', ')} (got ${shown(iss.input)}).` }).default('auto'),
  /** Model layers offloaded to a GPU: 'auto' (all of them when a GPU is used) or a number (0: CPU only). */
  gpuLayers: z.union([z.literal('auto'), bounded('number of GPU layers', '', 0, 9999, 0, true).unwrap()],
    { error: (iss) => `The number of GPU layers must be auto or a whole number from 0 to 9999 (got ${shown(iss.input)}).` }).default('auto'),
  paperSize: z.enum(PAPER_SIZES, { error: (iss) => `The paper size must be A4 or Letter (got ${shown(iss.input)}).` }).default('A4'),
  /** Identifiers printed in the report header. */
  patientId: text('patient identifier').optional(),
  study: text('study identifier').optional(),
  reviewer: text('reviewer name').optional(),
}).strict().superRefine((s, ctx) => {
  if (s.overlapS >= s.segmentS) {
    ctx.addIssue({ code: 'custom', path: ['overlapS'], message: `The segment overlap (${s.overlapS} s) must be shorter than the segment length (${s.segmentS} s).` });
  }
  if (s.poseFps !== null && s.poseFps < s.fps) {
    ctx.addIssue({ code: 'custom', path: ['poseFps'], message: `The pose rate (${s.poseFps} frames per second) must be at least the sampling rate (${s.fps}).` });
  }
  const held = Math.ceil(s.fps * s.segmentS) * s.frameSize * s.frameSize * 3;
  if (held > MAX_SEGMENT_FRAME_BYTES) {
    ctx.addIssue({ code: 'custom', path: ['fps'], message: `The sampling rate (${s.fps} frames per second) at ${s.frameSize} px would hold ${(held / 1024 ** 3).toFixed(1)} GB of frames per ${s.segmentS} s segment: lower the sampling rate, the frame size or the segment length.` });
  }
  for (const [id, variant] of Object.entries(s.variantOverrides)) {
    if (!isFeatureId(id)) {
      ctx.addIssue({ code: 'custom', path: ['variantOverrides'], message: `Unknown feature "${id}" in a variant choice. Known features: ${FEATURE_IDS.join(', ')}.` });
    } else if (!getFeature(id).variants.includes(variant)) {
      ctx.addIssue({ code: 'custom', path: ['variantOverrides'], message: `"${variant}" is not an input variant of ${id}: use ${getFeature(id).variants.join(', ')}.` });
    }
  }
});

/** What a caller may pass: every field optional (defaults above). */
export type AnalysisSettingsInput = z.input<typeof analysisSettingsSchema>;
/** Settings after defaults and checks. */
export type AnalysisSettings = Omit<z.output<typeof analysisSettingsSchema>, 'variantOverrides'> & {
  variantOverrides: Partial<Record<FeatureId, InputVariant>>;
};
export type SettingName = keyof AnalysisSettings;

/** The defaults, as one object (for help texts and the desktop app's settings screen). */
export const DEFAULT_SETTINGS: AnalysisSettings = parseAnalysisSettings({});

/** Checks and completes settings; the first problem becomes a UsageError naming the setting. */
export function parseAnalysisSettings(input: unknown): AnalysisSettings {
  const r = analysisSettingsSchema.safeParse(input ?? {});
  if (r.success) return r.data as AnalysisSettings;
  throw usageErrorFrom(r.error);
}

/** A zod error as the engine's UsageError: the first issue's message, its top-level field as the setting. */
export function usageErrorFrom(error: z.ZodError, settingOf = (p: readonly PropertyKey[]) => (p.length ? String(p[0]) : undefined)): UsageError {
  const issue = error.issues[0]!;
  const setting = settingOf(issue.path);
  const message = issue.code === 'unrecognized_keys' ? `Unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}.` : issue.message;
  return new UsageError(message, { setting });
}
