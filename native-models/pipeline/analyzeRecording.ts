/**
 * A recording in, 20 findings out. One decode pass streams frames (through pose when enhancement needs it);
 * each segment's questions are grouped by what the model is shown and asked on a server slot; every answer is
 * cached as it arrives, so an interrupted run resumes and a finished one reopens without a model call.
 * Pose runs at the signals rate in the same decode (the model's frames a subset), with other people's boxes
 * (enhance/otherPeopleWatch.ts); the audio is prepared alongside. The measured signs are computed once from the
 * whole track, spans where someone else overlapped the patient masked (care interventions), cached, and set
 * against each finding (agreement, flagged disagreement).
 */
import path from 'node:path';
import { asCancellation, throwIfCancelled } from '../errors.ts';
import type { AnalysisSettings } from '../contract/analysisSettings.ts';
import { explainDbError, type AnswerCache, type AnswerKey } from '../cache/answerCache.ts';
import type { AudioEnhancementOutput, EnhancedFrameRecord, EnhancementOutput } from '../contract/analysisSchema.ts';
import type { AnalysisPlanEvent, AnswerArrivedEvent } from '../contract/liveAnswers.ts';
import { sampleEvery } from '../enhance/enhanceFrames.ts';
import { KeypointCache } from '../enhance/keypointCache.ts';
import type { MeasuredSigns } from '../contract/measuredSigns.ts';
import { measuredSignsKey } from './measuredSignsKey.ts';
import { measureSigns, type OtherPeopleFrame } from '../signals/measureSigns.ts';
import { compareMeasuredSigns } from './compareMeasuredSigns.ts';
import { orientationSpans } from '../enhance/orientationSpans.ts';
import { createPoseEstimator, type PoseEstimator } from '../enhance/poseEstimator.ts';
import type { Orientation } from '../enhance/uprightView.ts';
import { hashFile } from '../media/hashFile.ts';
import { planSegments } from '../media/planSegments.ts';
import { probeRecording } from '../media/probeRecording.ts';
import { selectSegmentFrames } from '../media/selectSegmentFrames.ts';
import { CATALOGUE_VERSION, getFeature, type FeatureDefinition, type InputVariant } from '../semiology/featureCatalogue.ts';
import type { AskOutcome } from '../vlm/askFeature.ts';
import type { ModelBackend } from '../vlm/modelBackend.ts';
import { modelAsr } from './transcribeWithModel.ts';
import { promptFingerprint } from '../vlm/buildFeaturePrompt.ts';
import { aggregateFindings, type FeaturePlan } from './aggregateFindings.ts';
import { ANALYSIS_SCHEMA_VERSION, type AnalysisResult, type Answer, type Keyframe, type SamplingInfo, type SegmentInfo } from '../contract/analysisSchema.ts';
import { askGroup } from './askGroup.ts';
import { audioEvidence, visualEvidence, type AudioSources, type VariantImages } from './buildEvidence.ts';
import { GENERATOR } from './generator.ts';
import { planFeatures, type PlannedPair } from './planFeatures.ts';
import { AUDIO_RATE, prepareAudio } from './prepareAudio.ts';
import { ProgressTracker, type ProgressListener } from './progress.ts';
import { SlotPool } from './slotPool.ts';
import { poseTrackKeys } from './poseTrackKeys.ts';
import { streamSegmentFrames, type ModelFrame, type PoseStage } from './streamSegmentFrames.ts';
import { writeFileAtomic } from '../platform/writeFileAtomic.ts';
import { makeFolder } from '../platform/makeFolder.ts';

export interface AnalyzeOptions {
  videoPath: string;
  cache: AnswerCache;
  backend: ModelBackend;
  /** Answers the audio features when the main model cannot hear. */
  audioBackend?: ModelBackend;
  /** Complete settings (contract/analysisSettings.ts parseAnalysisSettings): the pipeline has no defaults of its own. */
  settings: AnalysisSettings;
  /** Folder for keyframe JPEGs (written only when given). */
  outDir?: string;
  onProgress?: ProgressListener;
  /** The segments and pairs to be asked, once they are known (before any answer). */
  onPlan?: (plan: AnalysisPlanEvent) => void;
  /** Each answer as it arrives, from the cache or the model. */
  onAnswer?: (event: AnswerArrivedEvent) => void;
  signal?: AbortSignal;
}

/** The plans of one segment grouped by what the model is shown: one group per (modality, variant), vision first. */
function groupPlans(plans: readonly FeaturePlan[]): Array<{ variant: InputVariant; plans: FeaturePlan[] }> {
  const groups = new Map<string, { variant: InputVariant; plans: FeaturePlan[] }>();
  for (const p of plans) {
    const key = `${getFeature(p.featureId).modality}:${p.variant}`;
    if (!groups.has(key)) groups.set(key, { variant: p.variant, plans: [] });
    groups.get(key)!.plans.push(p);
  }
  const rank = (key: string) => (key.startsWith('vision:') ? 0 : 1);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, g]) => g);
}

/** The image a visual variant sends for a frame; a frame without a face region falls back to the full frame. */
const variantImages: VariantImages = (variant, frame) => {
  const f = frame as ModelFrame;
  if (variant === 'crop') return f.crop ? { image: f.crop } : { image: f, fallback: 'no face found, full frame' };
  if (variant === 'pose') return f.overlay ? { image: f.overlay } : { image: f, fallback: 'no pose, full frame' };
  return { image: f };
};

/**
 * Analyses one recording; any failure seen after cancellation surfaces as the engine's CancelledError, and a
 * failure of the cache file (a full disk) as its InputError.
 */
export async function analyzeRecording(o: AnalyzeOptions): Promise<AnalysisResult> {
  try {
    return await analyze(o);
  } catch (e) {
    const c = asCancellation(e, o.signal);
    // Every store (answers, keypoints, artifacts) shares the cache file: its disk errors read the same.
    throw String((c as { code?: unknown }).code ?? '').startsWith('SQLITE_') ? explainDbError(c, o.cache.dbPath) : c;
  }
}

async function analyze(o: AnalyzeOptions): Promise<AnalysisResult> {
  const t0 = Date.now();
  const { cache, signal, settings } = o;
  const sampling: SamplingInfo = { fps: settings.fps, maxFrames: settings.maxFrames, frameSize: settings.frameSize, segmentS: settings.segmentS, overlapS: settings.overlapS };
  const throwIfAborted = () => throwIfCancelled(signal);
  const mode = settings.prompting;

  const early = new ProgressTracker(0, o.onProgress);
  early.stage('probe', 'Reading the recording');
  const probe = await probeRecording(o.videoPath, { signal });
  early.stage('hash', 'Fingerprinting the recording');
  const sha256 = await hashFile(o.videoPath, signal);
  throwIfAborted();
  const segments = planSegments(probe.durationS, { segmentS: sampling.segmentS, overlapS: sampling.overlapS });

  const poseOn = settings.pose;
  const plans = planFeatures({
    featureIds: settings.features, policy: { defaults: settings.variants === 'default' ? 'catalogue' : settings.variants, overrides: settings.variantOverrides },
    recordingHasAudio: probe.hasAudio,
    visionModel: o.backend.info, audioModel: o.audioBackend?.info,
  }).map((p): PlannedPair => (!poseOn && (p.variant === 'crop' || p.variant === 'pose') && !p.notAssessedReason
    ? { ...p, notAssessedReason: `the ${p.variant} variant needs pose estimation, which was turned off` } : p));
  const asked = plans.filter((p) => !p.notAssessedReason);
  const samplingKey = `fps=${sampling.fps};max=${sampling.maxFrames};size=${sampling.frameSize}`;
  // Pose frames listed in analysis.json at the pose rate setting (default the model's frames); pose itself runs
  // at the signals rate too, in the same decode, and the whole-rate track stays in the cache.
  const listedPoseFps = Math.max(settings.poseFps ?? sampling.fps, sampling.fps);
  const poseFps = Math.max(listedPoseFps, settings.signalsFps);
  // The stored track (keypoints and other people, per frame) and what is measured on it, and what the model is shown from it.
  const { poseKey, trackKey } = poseTrackKeys({ poseFps, frameSize: sampling.frameSize, patientOrientation: settings.patientOrientation });
  const backendFor = (f: FeatureDefinition) => (f.modality === 'audio' && o.audioBackend ? o.audioBackend : o.backend);
  const keyFor = (p: FeaturePlan, s: SegmentInfo): AnswerKey => ({
    recordingSha: sha256, segmentStartS: s.startS, segmentEndS: s.endS, featureId: p.featureId, variant: p.variant,
    modelId: backendFor(getFeature(p.featureId)).info.identity, catalogueVersion: CATALOGUE_VERSION,
    samplingKey: `${getFeature(p.featureId).modality === 'audio' ? `audio=${AUDIO_RATE}` : p.variant === 'base' ? samplingKey : `${samplingKey};${poseKey}`}` +
      `;prompt=${promptFingerprint(getFeature(p.featureId), p.variant, mode === 'batched')}`,
  });

  o.onPlan?.({ durationS: probe.durationS, segments, asked: asked.map((p) => ({ featureId: p.featureId, variant: p.variant, primary: p.primary })) });

  // What the cache already knows decides what must be decoded and asked.
  const answers: Answer[] = [];
  const todo = new Map<number, FeaturePlan[]>();
  let cacheHits = 0;
  for (const s of segments) {
    for (const p of asked) {
      const hit = cache.get(keyFor(p, s));
      if (hit) {
        cacheHits++;
        const answer: Answer = { featureId: p.featureId, segmentIndex: s.index, variant: p.variant, present: hit.present, justification: hit.justification,
          onsetS: hit.onsetInSegmentS === null ? null : round2(s.startS + hit.onsetInSegmentS), fromCache: true, status: 'ok' };
        answers.push(answer);
        o.onAnswer?.({ answer });
      } else {
        todo.set(s.index, [...(todo.get(s.index) ?? []), p]);
      }
    }
  }
  const todoPlans = [...todo.values()].flat();
  const totalToAsk = todoPlans.length;
  const progress = new ProgressTracker(segments.length * asked.length, o.onProgress);
  for (let i = 0; i < cacheHits; i++) progress.answered(true, 0, totalToAsk, 'cached answer');

  const isAudio = (p: FeaturePlan) => getFeature(p.featureId).modality === 'audio';
  const needs = {
    vision: todoPlans.some((p) => !isAudio(p)),
    audio: todoPlans.some(isAudio) && probe.hasAudio,
    crop: todoPlans.some((p) => p.variant === 'crop'),
    overlay: todoPlans.some((p) => p.variant === 'pose'),
    transcript: todoPlans.some((p) => p.variant === 'transcript'),
  };
  let enhancement: EnhancementOutput | null = poseOn ? cache.getArtifact<EnhancementOutput>(sha256, 'enhancement', trackKey) : null;
  let otherPeople: OtherPeopleFrame[] = enhancement ? cache.getArtifact<OtherPeopleFrame[]>(sha256, 'otherPeople', trackKey) ?? [] : [];
  // The measured signs need the whole recording's track: without one, pose runs over every segment.
  const poseToRun = poseOn && !(enhancement && coversSegments(enhancement, segments, sampling.fps));
  let audioOutput: AudioEnhancementOutput | null = probe.hasAudio ? cache.getArtifact<AudioEnhancementOutput>(sha256, 'audio', 'rnnoise+silero') : null;

  const stats = { modelCalls: 0, cacheHits, failedAnswers: 0, promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0 };
  let remaining = totalToAsk;
  if (totalToAsk > 0 || poseToRun) {
    progress.stage('model', 'Preparing the inputs');
    // The audio (denoising, voice activity, a transcript) is prepared while the video is decoded and its pose
    // estimated below, so both kinds of work keep the cores busy; audio questions wait for it, nothing else does.
    // A failure of the video side stops it (audioStop) rather than leaving it running.
    const audioStop = new AbortController();
    let audioReady: Promise<AudioSources> | null = null;
    if (needs.audio) {
      const audioBackend = o.audioBackend ?? o.backend;
      audioReady = prepareAudio({ videoPath: o.videoPath, signal: signal ? AbortSignal.any([signal, audioStop.signal]) : audioStop.signal,
        asr: needs.transcript ? { transcribe: modelAsr(audioBackend), model: audioBackend.info.name } : undefined })
        .then((prepared) => {
          // A transcript is kept only when it was asked for; otherwise an earlier one stays valid.
          if (prepared.output.transcript || !audioOutput) audioOutput = prepared.output;
          cache.putArtifact(sha256, 'audio', 'rnnoise+silero', audioOutput);
          return prepared.sources;
        });
      audioReady.catch(() => {}); // awaited by the audio questions and before the findings
    }

    // A pool of servers takes as many requests at once as its servers together.
    const pool = new SlotPool(o.backend.slots ?? settings.parallel);
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    const onAnswer = (answer: Answer, ms: number, outcome: AskOutcome) => {
      stats.modelCalls += outcome.calls;
      stats.promptTokens += outcome.promptTokens;
      stats.completionTokens += outcome.completionTokens;
      stats.evaluatedPromptTokens += outcome.evaluatedPromptTokens;
      if (answer.status === 'failed') stats.failedAnswers++;
      answers.push(answer);
      o.onAnswer?.({ answer });
      remaining--;
      progress.answered(false, ms, remaining, `segment ${answer.segmentIndex + 1}/${segments.length}: ${getFeature(answer.featureId).label}`);
    };

    /** Starts the segment's groups, each on a free slot; waits only for a slot, so decoding goes on. */
    const askSegment = async (s: SegmentInfo, frames: readonly ModelFrame[]) => {
      const plansHere = todo.get(s.index) ?? [];
      if (!plansHere.length) return;
      const selected = selectSegmentFrames(frames, s.startS, s.endS, sampling.maxFrames);
      for (const group of groupPlans(plansHere)) {
        const feature = getFeature(group.plans[0]!.featureId);
        if (feature.modality === 'audio') {
          // Waits for the audio without holding up the decoding; takes a slot once its evidence is ready.
          const task: Promise<void> = (async () => {
            const evidence = audioEvidence(s, group.variant, await audioReady!);
            const slot = await pool.acquire();
            try {
              if (failure) return;
              throwIfAborted();
              await askGroup({ segment: s, variant: group.variant, backend: backendFor(feature), plans: group.plans, evidence },
                { cache, keyFor, mode, slot, signal, onAnswer });
            } finally {
              pool.release(slot);
            }
          })().catch((e) => { failure ??= e; }).finally(() => { inFlight.delete(task); });
          inFlight.add(task);
          continue;
        }
        const evidence = visualEvidence(s, group.variant, selected, variantImages);
        const mid = evidence.frames?.[Math.floor(evidence.frames.length / 2)];
        if (mid) cache.putKeyframe(sha256, s.startS, s.endS, group.variant, samplingKey, mid.tS, mid.jpeg);
        const slot = await pool.acquire();
        if (failure) { pool.release(slot); throw failure; }
        throwIfAborted();
        const task: Promise<void> = askGroup({ segment: s, variant: group.variant, backend: backendFor(feature), plans: group.plans, evidence },
          { cache, keyFor, mode, slot, signal, onAnswer })
          .catch((e) => { failure ??= e; })
          .finally(() => { pool.release(slot); inFlight.delete(task); });
        inFlight.add(task);
      }
    };

    try {
      if (needs.vision || poseToRun) {
        let estimator: PoseEstimator | null = null;
        const records: EnhancedFrameRecord[] = [];
        const others: OtherPeopleFrame[] = [];
        const orientations: Array<{ tS: number; orientation: Orientation }> = [];
        try {
          let pose: PoseStage | undefined;
          if (poseOn) {
            progress.stage('model', 'Loading the pose model');
            estimator = await createPoseEstimator({ worker: true });
            pose = { estimator, fps: poseFps, crop: needs.crop, overlay: needs.overlay, orientation: settings.patientOrientation,
              onRecord: (r, e) => {
                records.push(r);
                orientations.push({ tS: r.tS, orientation: e.orientation });
                if (e.othersRecord.length) others.push({ tS: r.tS, boxes: e.othersRecord });
              },
              cache: { store: new KeypointCache(cache.db), recordingSha256: sha256, samplingKey: trackKey } };
          }
          const pending = poseToRun ? segments : segments.filter((s) => todo.has(s.index));
          for await (const { segment, frames } of streamSegmentFrames({ videoPath: o.videoPath, probe, segments: pending,
            fps: sampling.fps, frameSize: sampling.frameSize, pose, signal })) {
            await askSegment(segment, frames);
          }
          if (estimator) {
            // Keep the longest track seen: a partial rerun (resumed segments) must not shrink the stored one.
            const fresh: EnhancementOutput = { pose: estimator.info, poseFps, frames: records,
              orientation: { setting: settings.patientOrientation, spans: orientationSpans(orientations) } };
            if (!enhancement || fresh.frames.length >= enhancement.frames.length) { enhancement = fresh; otherPeople = others; }
            // Other people first: a stored track always has its other people stored with it.
            cache.putArtifact(sha256, 'otherPeople', trackKey, otherPeople);
            cache.putArtifact(sha256, 'enhancement', trackKey, enhancement);
          }
        } finally {
          await estimator?.dispose();
        }
      } else {
        for (const s of segments) if (todo.has(s.index)) await askSegment(s, []);
      }
    } catch (e) {
      audioStop.abort();
      throw e;
    } finally {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      if (audioReady) await audioReady.catch(() => {});
    }
    if (failure) throw failure;
    if (audioReady) await audioReady;
  }

  progress.stage('write', 'Aggregating findings');
  const allFindings = aggregateFindings(plans, answers, segments);
  const findings = allFindings.filter((_, i) => plans[i]!.primary);
  const variantFindings = allFindings.filter((_, i) => !plans[i]!.primary);
  const keyframes = o.outDir ? writeKeyframes(o.outDir, findings, segments, cache, sha256, samplingKey) : [];
  let measuredSigns: MeasuredSigns | null = null;
  if (enhancement) {
    // Keyed like the answers: the pose track it was measured on (with its other people), the layer's revision and its settings.
    const signsKey = measuredSignsKey({ poseKey: trackKey, mirrored: settings.mirrored, frames: enhancement.frames.length });
    measuredSigns = cache.getArtifact<MeasuredSigns>(sha256, 'measuredSigns', signsKey);
    if (!measuredSigns) {
      // Spans where another person overlapped the patient are masked and reported (careIntervention).
      measuredSigns = measureSigns(enhancement.frames, { fps: poseFps, mirrored: settings.mirrored, otherPeople });
      cache.putArtifact(sha256, 'measuredSigns', signsKey, measuredSigns);
    }
  }
  const measurementAgreement = measuredSigns ? compareMeasuredSigns(findings, measuredSigns, segments) : [];
  answers.sort((a, b) => a.segmentIndex - b.segmentIndex || a.featureId.localeCompare(b.featureId));

  const model = { ...o.backend.info, ...(o.audioBackend ? { audioModel: o.audioBackend.info } : {}) };
  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    generator: GENERATOR,
    analysedAt: new Date().toISOString(),
    catalogueVersion: CATALOGUE_VERSION,
    recording: {
      fileName: probe.fileName, sha256, durationS: probe.durationS, hasAudio: probe.hasAudio, width: probe.width, height: probe.height,
      fps: probe.fps, rotation: probe.rotation, videoCodec: probe.videoCodec, audioCodec: probe.audioCodec,
    },
    sampling,
    segments,
    model,
    findings,
    variantFindings,
    answers,
    keyframes,
    enhancement: enhancement && poseFps > listedPoseFps ? listedFrames(enhancement, listedPoseFps) : enhancement,
    measuredSigns,
    measurementAgreement,
    audio: audioOutput,
    stats: { ...stats, naivePromptTokens: mode === 'batched' ? null : stats.promptTokens, prompting: mode, serverRestarts: o.backend.restarts + (o.audioBackend?.restarts ?? 0), wallS: round2((Date.now() - t0) / 1000) },
  };
}

function writeKeyframes(outDir: string, findings: AnalysisResult['findings'], segments: SegmentInfo[], cache: AnswerCache, sha: string, samplingKey: string): Keyframe[] {
  const out: Keyframe[] = [];
  for (const f of findings) {
    const segIndex = f.positiveSegments[0];
    if (segIndex === undefined || getFeature(f.featureId).modality !== 'vision') continue;
    const s = segments[segIndex]!;
    const kf = cache.getKeyframe(sha, s.startS, s.endS, f.variant, samplingKey);
    if (!kf) continue;
    const rel = path.join('keyframes', `${f.featureId}-s${segIndex}.jpg`);
    makeFolder(path.join(outDir, 'keyframes'));
    writeFileAtomic(path.join(outDir, rel), kf.jpeg);
    out.push({ featureId: f.featureId, segmentIndex: segIndex, variant: f.variant, tS: kf.tS, path: rel.split(path.sep).join('/') });
  }
  return out;
}

/** The track spans the segments (its frames start and end within the tolerance of a truncated recording). */
function coversSegments(e: EnhancementOutput, segments: readonly SegmentInfo[], fps: number): boolean {
  const first = e.frames[0]?.tS, last = e.frames.at(-1)?.tS;
  if (first === undefined || last === undefined || !segments.length) return false;
  const slack = Math.max(2, 3 / fps);
  return first <= segments[0]!.startS + slack && last >= segments.at(-1)!.endS - slack;
}

/**
 * The track at the listed rate for analysis.json: the frames the model's grid picks from the signals-rate
 * track (at 15 fps a 3-min recording's frames would be ~6 MB of JSON, an hour's over 100 MB).
 */
function listedFrames(e: EnhancementOutput, fps: number): EnhancementOutput {
  const pick = sampleEvery(1 / fps);
  return { ...e, poseFps: fps, frames: e.frames.filter((f) => pick(f.tS)) };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
