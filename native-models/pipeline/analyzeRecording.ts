/**
 * A recording in, 20 findings out. One decode pass streams frames; each segment is asked every selected
 * feature that the cache cannot answer; answers are cached as they arrive, so an interrupted run resumes.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CancelledError, UserError } from '../errors.ts';
import { formatTime as clock } from '../vlm/buildFeaturePrompt.ts';
import type { AnswerCache, AnswerKey } from '../cache/answerCache.ts';
import { decodeFrames } from '../media/decodeFrames.ts';
import { extractAudioPcm } from '../media/extractAudio.ts';
import type { TimedFrame } from '../media/frameTypes.ts';
import { hashFile } from '../media/hashFile.ts';
import { planSegments } from '../media/planSegments.ts';
import { probeRecording } from '../media/probeRecording.ts';
import { selectSegmentFrames } from '../media/selectSegmentFrames.ts';
import { CATALOGUE_VERSION, getFeature, type FeatureDefinition, type InputVariant } from '../semiology/featureCatalogue.ts';
import type { AskOutcome } from '../vlm/askFeature.ts';
import { DEFAULT_PROMPTING_MODE, type PromptingMode } from '../vlm/promptingMode.ts';
import { askGroup } from './askGroup.ts';
import { audioEvidence, visualEvidence, type AudioSources } from './buildEvidence.ts';
import { SlotPool } from './slotPool.ts';
import type { ModelBackend } from '../vlm/modelBackend.ts';
import { aggregateFindings, type FeaturePlan } from './aggregateFindings.ts';
import { ANALYSIS_SCHEMA_VERSION, type AnalysisResult, type Answer, type Keyframe, type SamplingInfo, type SegmentInfo } from './analysisTypes.ts';
import { ProgressTracker, type ProgressListener } from './progress.ts';
import { planFeatures, type VariantPolicy } from './planFeatures.ts';
import { writeFileAtomic } from './writeFileAtomic.ts';
import { GENERATOR } from './generator.ts';

export interface AnalyzeOptions {
  videoPath: string;
  cache: AnswerCache;
  backend: ModelBackend;
  /** Answers the audio features when the main model cannot hear. */
  audioBackend?: ModelBackend;
  /** Feature ids to ask (default: all 20). */
  features?: readonly string[];
  variants?: VariantPolicy;
  sampling: SamplingInfo;
  /** Folder for keyframe JPEGs (written only when given). */
  outDir?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** How questions reach the model (default shared-prefix). */
  prompting?: PromptingMode;
  /** Groups asked at once, one server slot each (default 1). */
  parallel?: number;
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

const AUDIO_RATE = 16000;

export async function analyzeRecording(o: AnalyzeOptions): Promise<AnalysisResult> {
  const t0 = Date.now();
  const { cache, signal, sampling } = o;
  const throwIfAborted = () => { if (signal?.aborted) throw new CancelledError(); };

  const early = new ProgressTracker(0, o.onProgress);
  early.stage('probe', 'Reading the recording');
  const probe = await probeRecording(o.videoPath, { signal });
  early.stage('hash', 'Fingerprinting the recording');
  const sha256 = await hashFile(o.videoPath, signal);
  throwIfAborted();
  const segments = planSegments(probe.durationS, { segmentS: sampling.segmentS, overlapS: sampling.overlapS });

  const plans = planFeatures({
    featureIds: o.features, policy: o.variants, recordingHasAudio: probe.hasAudio,
    visionModel: o.backend.info, audioModel: o.audioBackend?.info,
  });
  const asked = plans.filter((p) => !p.notAssessedReason);
  const samplingKey = `fps=${sampling.fps};max=${sampling.maxFrames};size=${sampling.frameSize}`;
  const backendFor = (f: FeatureDefinition) => (f.modality === 'audio' && o.audioBackend ? o.audioBackend : o.backend);
  const keyFor = (p: FeaturePlan, s: SegmentInfo): AnswerKey => ({
    recordingSha: sha256, segmentStartS: s.startS, segmentEndS: s.endS, featureId: p.featureId, variant: p.variant,
    modelId: backendFor(getFeature(p.featureId)).info.identity, catalogueVersion: CATALOGUE_VERSION,
    samplingKey: getFeature(p.featureId).modality === 'audio' ? `audio=${AUDIO_RATE}` : samplingKey,
  });

  // What the cache already knows decides what must be decoded and asked.
  const answers: Answer[] = [];
  const todo = new Map<number, FeaturePlan[]>();
  let cacheHits = 0;
  for (const s of segments) {
    for (const p of asked) {
      const hit = cache.get(keyFor(p, s));
      if (hit) {
        cacheHits++;
        answers.push({ featureId: p.featureId, segmentIndex: s.index, variant: p.variant, present: hit.present, justification: hit.justification,
          onsetS: hit.onsetInSegmentS === null ? null : round2(s.startS + hit.onsetInSegmentS), fromCache: true, status: 'ok' });
      } else {
        todo.set(s.index, [...(todo.get(s.index) ?? []), p]);
      }
    }
  }
  const totalToAsk = [...todo.values()].reduce((n, l) => n + l.length, 0);
  const progress = new ProgressTracker(segments.length * asked.length, o.onProgress);
  for (let i = 0; i < cacheHits; i++) progress.answered(true, 0, totalToAsk, 'cached answer');

  const stats = { modelCalls: 0, cacheHits, failedAnswers: 0, promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0 };
  let remaining = totalToAsk;
  if (totalToAsk > 0) {
    progress.stage('model', 'Starting the model');
    const needsVision = [...todo.values()].some((l) => l.some((p) => getFeature(p.featureId).modality === 'vision'));
    const needsAudio = [...todo.values()].some((l) => l.some((p) => getFeature(p.featureId).modality === 'audio'));
    const audio: AudioSources | null = needsAudio && probe.hasAudio
      ? { sampleRate: AUDIO_RATE, base: await extractAudioPcm(o.videoPath, { sampleRate: AUDIO_RATE, signal }) } : null;

    const pool = new SlotPool(o.parallel ?? 1);
    const mode = o.prompting ?? DEFAULT_PROMPTING_MODE;
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    const onAnswer = (answer: Answer, ms: number, outcome: AskOutcome) => {
      stats.modelCalls += outcome.calls;
      stats.promptTokens += outcome.promptTokens;
      stats.completionTokens += outcome.completionTokens;
      stats.evaluatedPromptTokens += outcome.evaluatedPromptTokens;
      if (answer.status === 'failed') stats.failedAnswers++;
      answers.push(answer);
      remaining--;
      progress.answered(false, ms, remaining, `segment ${answer.segmentIndex + 1}/${segments.length}: ${getFeature(answer.featureId).label}`);
    };

    /** Starts the segment's groups, each on a free slot; waits only for a slot, so decoding goes on. */
    const askSegment = async (s: SegmentInfo, frames: TimedFrame[]) => {
      const plansHere = todo.get(s.index) ?? [];
      if (!plansHere.length) return;
      const selected = selectSegmentFrames(frames, s.startS, s.endS, sampling.maxFrames);
      for (const group of groupPlans(plansHere)) {
        const feature = getFeature(group.plans[0]!.featureId);
        const evidence = feature.modality === 'audio' ? audioEvidence(s, group.variant, audio!) : visualEvidence(s, group.variant, selected, null);
        const mid = evidence.frames?.[Math.floor(evidence.frames.length / 2)];
        if (mid) cache.putKeyframe(sha256, s.startS, s.endS, group.variant, samplingKey, mid.tS, mid.jpeg);
        const slot = await pool.acquire();
        if (failure) { pool.release(slot); throw failure; }
        throwIfAborted();
        const task = askGroup({ segment: s, variant: group.variant, backend: backendFor(feature), plans: group.plans, evidence },
          { cache, keyFor, mode, slot, signal, onAnswer })
          .catch((e) => { failure ??= e; })
          .finally(() => { pool.release(slot); inFlight.delete(task); });
        inFlight.add(task);
      }
    };

    if (needsVision) {
      // One decode pass: frames stream in time order; a segment is asked as soon as its last frame arrived.
      let buffer: TimedFrame[] = [];
      let next = 0;
      const pending = segments.filter((s) => todo.has(s.index));
      const firstStart = pending[0]?.startS ?? 0;
      const lastEnd = pending.at(-1)?.endS ?? probe.durationS;
      let lastFrameS = -Infinity;
      for await (const frame of decodeFrames(o.videoPath, { fps: sampling.fps, longSide: sampling.frameSize, startS: firstStart, endS: lastEnd,
        signal, sourceWidth: probe.width, sourceHeight: probe.height })) {
        buffer.push(frame);
        lastFrameS = frame.tS;
        while (next < pending.length && frame.tS >= pending[next]!.endS - 1e-6) {
          await askSegment(pending[next]!, buffer);
          next++;
          const keepFrom = pending[next]?.startS ?? Infinity;
          buffer = buffer.filter((f) => f.tS >= keepFrom - 1e-6);
        }
      }
      // Video data that stops well before the container's duration is a truncated copy: say so rather than
      // analyse a recording that is silently missing its end. Answers so far stay cached.
      if (lastEnd - lastFrameS > Math.max(2, 3 / sampling.fps)) {
        await Promise.allSettled(inFlight);
        throw new UserError(`The recording "${probe.fileName}" is truncated: its video data ends at ${clock(Math.max(0, lastFrameS))} of ${clock(probe.durationS)}. ` +
          'Copy or export it again from the recording system.');
      }
      for (; next < pending.length; next++) await askSegment(pending[next]!, buffer);
    } else {
      for (const s of segments) if (todo.has(s.index)) await askSegment(s, []);
    }
    while (inFlight.size) await Promise.allSettled([...inFlight]);
    if (failure) throw failure;
  }

  progress.stage('write', 'Aggregating findings');
  const findings = aggregateFindings(plans, answers, segments);
  const keyframes = o.outDir ? writeKeyframes(o.outDir, findings, segments, cache, sha256, samplingKey) : [];
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
    answers,
    keyframes,
    stats: { ...stats, naivePromptTokens: (o.prompting ?? DEFAULT_PROMPTING_MODE) === 'batched' ? null : stats.promptTokens,
      prompting: o.prompting ?? DEFAULT_PROMPTING_MODE, serverRestarts: o.backend.restarts + (o.audioBackend?.restarts ?? 0), wallS: round2((Date.now() - t0) / 1000) },
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
    mkdirSync(path.join(outDir, 'keyframes'), { recursive: true });
    writeFileAtomic(path.join(outDir, rel), kf.jpeg);
    out.push({ featureId: f.featureId, segmentIndex: segIndex, variant: f.variant, tS: kf.tS, path: rel.split(path.sep).join('/') });
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
