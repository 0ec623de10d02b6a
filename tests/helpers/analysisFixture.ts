/**
 * Realistic AnalysisResult fixtures for report tests (and anyone else who needs one): built from the feature
 * catalogue, with JPEG keyframes made by ffmpeg next to the returned analysis (paths relative to `dir`).
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type {
  AnalysisResult, Answer, Finding, Keyframe, SegmentInfo,
} from '../../native-models/contract/analysisSchema.ts';
import { ANALYSIS_SCHEMA_VERSION } from '../../native-models/contract/analysisSchema.ts';
import { foldReview, type ReviewEntry, type ReviewState } from '../../native-models/contract/clinicianReview.ts';
import type { MeasuredSigns } from '../../native-models/contract/measuredSigns.ts';
import { resolveMediaTools } from '../../native-models/media/ffmpegPaths.ts';
import { CATALOGUE_VERSION, FEATURES, getFeature, type InputVariant } from '../../native-models/semiology/featureCatalogue.ts';

export type FixtureScenario =
  /** A focal seizure out of sleep: eight positive signs, one failed feature, one not assessed. */
  | 'focal'
  /** Every answer negative: nothing present. */
  | 'noPositive'
  /** Every answer failed: nothing could be assessed. */
  | 'allFailed'
  /** Every feature present in several segments, with long justifications: a layout stress test. */
  | 'allPresent';

export interface AnalysisFixtureOptions {
  scenario?: FixtureScenario;
  /** Mark the model as the random-weight demo model. Default false. */
  demo?: boolean;
  /** Add clinician decisions (one confirmed, one rejected) in the focal scenario. Default true. */
  decisions?: boolean;
  /** Feature ids whose keyframe is listed in analysis.keyframes but not written to disk. */
  missingKeyframes?: string[];
  /** Recording length in seconds. Default 150. */
  durationS?: number;
  fileName?: string;
  /** analysis.measuredSigns as given (e.g. tests/helpers/measuredSignsFixture.ts); absent when not given. */
  measuredSigns?: MeasuredSigns | null;
}

/** Signs of the focal scenario: feature id -> positive segments, onset (s) and a justification. */
const FOCAL_SIGNS: Record<string, { segments: number[]; onsetS: number; justification: string }> = {
  occur_during_sleep: { segments: [0], onsetS: 2, justification: 'The patient lies still in bed with eyes closed and no interaction before the first movement at 0:09.' },
  blank_stare: { segments: [0, 1], onsetS: 12, justification: 'Eyes open with a fixed gaze straight ahead; the patient does not follow the nurse who enters at 0:15.' },
  oral_automatisms: { segments: [1, 2], onsetS: 31, justification: 'Repetitive chewing and lip-smacking movements of the mouth from 0:31, about once per second.' },
  head_turning: { segments: [2], onsetS: 58, justification: 'The head turns to the right and stays turned for about eight seconds.' },
  figure4: { segments: [3], onsetS: 84, justification: 'Left arm extended at the elbow while the right arm is flexed across the chest.' },
  tonic: { segments: [3], onsetS: 80, justification: 'The limbs and trunk stiffen together and hold the posture for several seconds.' },
  clonic: { segments: [3, 4, 5], onsetS: 91, justification: 'Rhythmic jerking of both arms at roughly two per second, slowing before it stops near 2:10.' },
  ictal_vocalization: { segments: [0], onsetS: 83, justification: 'A guttural groan at 1:23 followed by irregular moaning; no words.' },
};

/** A sign for the stress scenario: every feature positive in a few segments, with a long justification. */
function stressSign(featureId: string, segments: SegmentInfo[]): { segments: number[]; onsetS: number; justification: string } {
  const i = FEATURES.findIndex((f) => f.id === featureId);
  const first = Math.floor((i * (segments.length - 1)) / FEATURES.length);
  const picked = [first, first + 1, first + 3].filter((k) => k < segments.length);
  const label = getFeature(featureId).label.toLowerCase();
  return {
    segments: picked,
    onsetS: (segments[first]?.startS ?? 0) + 7,
    justification: `In this segment the patient shows ${label}: it begins about seven seconds into the segment, ` +
      'is seen on both sides of the body from the overhead camera, persists for most of the remaining frames and is not explained by ' +
      'nursing care, repositioning or any voluntary action visible in the room. The bed rail partly hides the left side.',
  };
}

function planSegments(durationS: number, segmentS = 30, overlapS = 5): SegmentInfo[] {
  const out: SegmentInfo[] = [];
  for (let start = 0, i = 0; start < durationS; start += segmentS - overlapS, i++) {
    out.push({ index: i, startS: start, endS: Math.min(start + segmentS, durationS) });
    if (start + segmentS >= durationS) break;
  }
  return out;
}

const ffmpegImages = new Map<string, Promise<string>>();

/** One ffmpeg-made JPEG per look (full frame, face crop, skeleton overlay), cached per process. */
function templateImage(kind: 'base' | 'crop' | 'pose', cacheDir: string): Promise<string> {
  const key = `${cacheDir}:${kind}`;
  let p = ffmpegImages.get(key);
  if (!p) {
    p = (async () => {
      await mkdir(cacheDir, { recursive: true });
      const out = path.join(cacheDir, `template-${kind}.jpg`);
      const src = kind === 'crop' ? 'testsrc=size=256x256' : 'testsrc=size=320x240';
      const vf = kind === 'pose'
        ? ['-vf', 'drawbox=x=150:y=40:w=20:h=140:color=yellow@1:t=fill,drawbox=x=100:y=80:w=120:h=8:color=yellow@1:t=fill']
        : [];
      execFileSync(resolveMediaTools().ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', src, '-frames:v', '1', ...vf, out]);
      return out;
    })();
    ffmpegImages.set(key, p);
  }
  return p;
}

/**
 * Builds an analysis in `dir`: keyframes are written to `dir/keyframes/`, their paths in the result are
 * relative to `dir` (as they are to analysis.json's folder). Nothing is written for `missingKeyframes`.
 */
export async function buildAnalysisFixture(dir: string, options: AnalysisFixtureOptions = {}): Promise<AnalysisResult> {
  const scenario = options.scenario ?? 'focal';
  const durationS = options.durationS ?? 150;
  const segments = planSegments(durationS);
  const answers: Answer[] = [];
  const findings: Finding[] = [];
  const keyframes: Keyframe[] = [];

  for (const def of FEATURES) {
    const variant: InputVariant = def.defaultVariant;
    const audio = def.modality === 'audio';
    const asked = audio ? [segments[0] as SegmentInfo] : segments;
    const sign = scenario === 'focal' ? FOCAL_SIGNS[def.id] : scenario === 'allPresent' ? stressSign(def.id, segments) : undefined;

    if (scenario === 'focal' && def.id === 'verbal_responsiveness') {
      findings.push({ featureId: def.id, present: null, status: 'not_assessed', variant, positiveSegments: [], onsetS: null,
        justifications: [], reason: 'no speech addressed to the patient was detected' });
      continue;
    }
    const allFail = scenario === 'allFailed' || (scenario === 'focal' && def.id === 'eye_blinking');
    for (const seg of asked) {
      const positive = !!sign && (audio || sign.segments.includes(seg.index));
      answers.push({
        featureId: def.id, segmentIndex: seg.index, variant,
        present: allFail ? null : positive,
        justification: allFail ? '' : positive ? sign!.justification : `No ${def.label.toLowerCase()} is seen in this segment.`,
        onsetS: positive && !allFail ? Math.max(sign!.onsetS, seg.startS) : null,
        fromCache: false,
        status: allFail ? 'failed' : 'ok',
        ...(allFail ? { error: 'model output was not valid JSON' } : {}),
      });
    }
    if (allFail) {
      findings.push({ featureId: def.id, present: null, status: 'failed', variant, positiveSegments: [], onsetS: null,
        justifications: [], reason: `all ${asked.length} answers failed: model output was not valid JSON` });
    } else if (sign) {
      const positiveSegments = audio ? [asked[0]!.index] : sign.segments;
      findings.push({ featureId: def.id, present: true, status: 'present', variant, positiveSegments, onsetS: sign.onsetS,
        justifications: [sign.justification] });
      const first = positiveSegments[0]!;
      const rel = `keyframes/${def.id}-s${first}.jpg`;
      // Audio findings have no image: the pipeline keeps keyframes for visual features only.
      if (!audio) keyframes.push({ featureId: def.id, segmentIndex: first, variant, tS: sign.onsetS + 1, path: rel });
      if (!audio && !options.missingKeyframes?.includes(def.id)) {
        const kind = variant as 'base' | 'crop' | 'pose';
        await mkdir(path.join(dir, 'keyframes'), { recursive: true });
        await copyFile(await templateImage(kind, path.join(dir, '.fixture-cache')), path.join(dir, rel));
      }
    } else {
      findings.push({ featureId: def.id, present: false, status: 'absent', variant, positiveSegments: [], onsetS: null, justifications: [] });
    }
  }

  const sha256 = '3f7a9c2e5b1d8f4a6c0e2b9d7f1a3c5e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a';
  const entry = (id: number, featureId: ReviewEntry['featureId'], decision: ReviewEntry['decision'], atIso: string, comment = ''): ReviewEntry =>
    ({ id, recordingSha256: sha256, analysisId: 1, kind: 'decision', featureId, decision, onsetS: null, offsetS: null, side: null, comment, reviewer: 'Dr Émile Noël', atIso, replaces: null });
  const review = scenario === 'focal' && options.decisions !== false
    ? foldReview([
        entry(1, 'blank_stare', 'confirmed', '2025-03-15T09:05:00+01:00'),
        entry(2, 'head_turning', 'rejected', '2025-03-15T09:07:00+01:00', 'voluntary turn toward the nurse'),
      ])
    : undefined;

  const failed = answers.filter((a) => a.status === 'failed').length;
  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    generator: { name: 'semioscope', version: '0.1.0' },
    analysedAt: '2025-03-14T10:22:00Z',
    catalogueVersion: CATALOGUE_VERSION,
    recording: {
      fileName: options.fileName ?? 'EMU3_bed2_2025-03-14_0412.mp4',
      sha256,
      durationS, hasAudio: true, width: 1920, height: 1080, fps: 30, rotation: 0, videoCodec: 'h264', audioCodec: 'aac',
    },
    sampling: { fps: 2, maxFrames: 60, frameSize: 448, segmentS: 30, overlapS: 5 },
    variantFindings: [],
    enhancement: null,
    audio: null,
    segments,
    model: {
      backend: 'local', name: options.demo ? 'semioscope-demo-omni (random weights)' : 'Qwen2.5-Omni-7B Q4_K_M',
      identity: 'sha256:0f1e2d3c', demo: options.demo ?? false,
      files: { model: '/home/someone/models/qwen2.5-omni-7b-q4_k_m.gguf', mmproj: '/home/someone/models/mmproj-qwen2.5-omni-7b-f16.gguf' },
      architecture: 'qwen2vl', projectorType: 'qwen2.5o', hasVision: true, hasAudio: true,
    },
    findings,
    answers,
    keyframes,
    ...(review ? { review } : {}),
    ...(options.measuredSigns !== undefined ? { measuredSigns: options.measuredSigns } : {}),
    stats: { modelCalls: answers.length, cacheHits: 0, failedAnswers: failed, promptTokens: answers.length * 460,
      completionTokens: answers.length * 40, evaluatedPromptTokens: answers.length * 60, naivePromptTokens: answers.length * 460,
      prompting: 'shared-prefix', serverRestarts: 0, wallS: 42.5 },
  };
}

/**
 * A small valid analysis without files on disk (no keyframes, one 30 s segment, no findings unless given):
 * for tests of readers (evaluation importer, contract) that need a whole analysis.json, not a report.
 */
export function analysisSkeleton(fileName = 'EMU3_bed2_2025-03-14_0412.mp4', findings: Finding[] = []): AnalysisResult {
  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    generator: { name: 'semioscope', version: '0.1.0' },
    analysedAt: '2025-03-14T10:22:00.000Z',
    catalogueVersion: CATALOGUE_VERSION,
    recording: { fileName, sha256: 'a'.repeat(64), durationS: 30, hasAudio: false, width: 640, height: 360, fps: 25, rotation: 0,
      videoCodec: 'h264', audioCodec: null },
    sampling: { fps: 2, maxFrames: 60, frameSize: 448, segmentS: 30, overlapS: 5 },
    segments: [{ index: 0, startS: 0, endS: 30 }],
    model: { backend: 'local', name: 'tiny', identity: 'sha256:00', demo: false, hasVision: true, hasAudio: false },
    findings,
    variantFindings: [],
    answers: [],
    enhancement: null,
    audio: null,
    keyframes: [],
    stats: { modelCalls: 0, cacheHits: 0, failedAnswers: 0, promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0,
      naivePromptTokens: 0, prompting: 'shared-prefix', serverRestarts: 0, wallS: 1 },
  };
}

/** A finding of `featureId` with the given status (present follows from it), no segments. */
export function findingOf(featureId: Finding['featureId'], status: Finding['status'], variant: InputVariant = 'base'): Finding {
  const present = status === 'present' ? true : status === 'absent' ? false : null;
  return { featureId, present, status, variant, positiveSegments: status === 'present' ? [0] : [], onsetS: status === 'present' ? 3 : null,
    justifications: status === 'present' ? ['seen'] : [] };
}

/** Convenience for tests: the catalogue label of a feature id. */
export function labelOf(featureId: string): string {
  return getFeature(featureId).label;
}

/**
 * A hand-made clinician review for tests of anything that reads one (the report, exports): entries given
 * field by field, numbered 1..n in order (one minute apart, +01:00, by "Dr Émile Noël" unless given), each
 * naming the previous entry of its feature (or sign-off) as `replaces`, folded with contract foldReview.
 */
export type EntryFields = Partial<Omit<ReviewEntry, 'id'>> & Pick<ReviewEntry, 'kind'>;

/** Numbers the entries 1..n in the order given and folds them; `replaces` is filled in when not given. */
export function reviewOf(sha256: string, fields: readonly EntryFields[]): ReviewState {
  const latest = new Map<string, number>();
  const entries = fields.map((f, i): ReviewEntry => {
    const id = i + 1;
    const key = f.kind === 'signoff' ? '#signoff' : String(f.featureId);
    const e: ReviewEntry = {
      id, recordingSha256: sha256, analysisId: 1, featureId: null, decision: null, onsetS: null, offsetS: null, side: null,
      comment: '', reviewer: 'Dr Émile Noël', atIso: `2025-03-15T09:${String(i).padStart(2, '0')}:00+01:00`,
      replaces: latest.get(key) ?? null, ...f,
    };
    latest.set(key, id);
    return e;
  });
  return foldReview(entries);
}
