/**
 * Asks the questions of one group (one segment's evidence in one input variant) on one server slot,
 * according to the prompting mode, and records every outcome: cached when answered, failed when not.
 */
import type { AnswerCache, AnswerKey } from '../cache/answerCache.ts';
import { CancelledError } from '../errors.ts';
import { getFeature, type InputVariant } from '../semiology/featureCatalogue.ts';
import { askFeature, type AskOutcome } from '../vlm/askFeature.ts';
import { askFeatureBatch } from '../vlm/askFeatureBatch.ts';
import type { SegmentEvidence } from '../vlm/buildFeaturePrompt.ts';
import type { ModelBackend } from '../vlm/modelBackend.ts';
import type { PromptingMode } from '../contract/analysisSettings.ts';
import type { FeaturePlan } from './aggregateFindings.ts';
import type { Answer, SegmentInfo } from '../contract/analysisSchema.ts';

export interface QuestionGroup {
  segment: SegmentInfo;
  variant: InputVariant;
  backend: ModelBackend;
  plans: FeaturePlan[];
  evidence: SegmentEvidence;
}

export interface GroupUsage {
  modelCalls: number;
  failedAnswers: number;
  promptTokens: number;
  completionTokens: number;
  evaluatedPromptTokens: number;
}

export interface AskGroupContext {
  cache: AnswerCache;
  keyFor: (plan: FeaturePlan, segment: SegmentInfo) => AnswerKey;
  mode: PromptingMode;
  slot: number;
  signal?: AbortSignal;
  onAnswer: (answer: Answer, ms: number, outcome: AskOutcome) => void;
}

/** Features per call in batched mode. */
export const BATCH_SIZE = 6;

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function askGroup(group: QuestionGroup, ctx: AskGroupContext): Promise<void> {
  const { segment: s, backend } = group;
  const client = await backend.client(ctx.signal);
  const options = { constraint: backend.constraint, signal: ctx.signal, slot: ctx.slot, cachePrompt: ctx.mode !== 'naive' };
  const record = (plan: FeaturePlan, outcome: AskOutcome, ms: number) => {
    let answer: Answer;
    if (outcome.status === 'ok' && outcome.answer) {
      const a = outcome.answer;
      ctx.cache.put(ctx.keyFor(plan, s), { present: a.present, justification: a.justification, onsetInSegmentS: a.onset_s,
        promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens });
      answer = { featureId: plan.featureId, segmentIndex: s.index, variant: plan.variant, present: a.present, justification: a.justification,
        onsetS: a.onset_s === null ? null : round2(s.startS + a.onset_s), fromCache: false, status: 'ok',
        promptTokens: outcome.promptTokens, evaluatedPromptTokens: outcome.evaluatedPromptTokens };
    } else {
      answer = { featureId: plan.featureId, segmentIndex: s.index, variant: plan.variant, present: null, justification: '',
        onsetS: null, fromCache: false, status: 'failed', error: outcome.error ?? 'no answer' };
    }
    ctx.onAnswer(answer, ms, outcome);
  };

  if (ctx.mode === 'batched' && group.plans.length > 1) {
    // Several features per call, in chunks so that each answer stays bounded in length.
    for (let i = 0; i < group.plans.length; i += BATCH_SIZE) {
      if (ctx.signal?.aborted) throw new CancelledError();
      const chunk = group.plans.slice(i, i + BATCH_SIZE);
      const t = Date.now();
      const outcomes = await askFeatureBatch(client, chunk.map((p) => getFeature(p.featureId)), group.evidence, options);
      const ms = (Date.now() - t) / chunk.length;
      for (const p of chunk) record(p, outcomes.get(p.featureId)!, ms);
    }
    return;
  }
  for (const p of group.plans) {
    if (ctx.signal?.aborted) throw new CancelledError();
    const t = Date.now();
    const outcome = await askFeature(client, getFeature(p.featureId), group.evidence, options);
    record(p, outcome, Date.now() - t);
  }
}
