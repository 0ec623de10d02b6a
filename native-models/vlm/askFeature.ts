/**
 * Asks one feature question about one segment and returns a validated answer, or a failure that says why.
 * A failed answer is never turned into "no".
 */
import { ANSWER_GRAMMAR, ANSWER_JSON_SCHEMA, AnswerParseError, parseFeatureAnswer, type FeatureAnswer } from '../semiology/answerSchema.ts';
import type { FeatureDefinition } from '../semiology/featureCatalogue.ts';
import { CancelledError } from '../errors.ts';
import { debugLog } from '../log.ts';
import { buildFeaturePrompt, type SegmentEvidence } from './buildFeaturePrompt.ts';
import { RequestRejectedError, type ChatCompleter, type ChatRequest } from './chatClient.ts';

export type ConstraintMode = 'grammar' | 'json_schema';

export interface AskOutcome {
  status: 'ok' | 'failed';
  answer: FeatureAnswer | null;
  error?: string;
  promptTokens: number;
  completionTokens: number;
  evaluatedPromptTokens: number;
  calls: number;
}

export interface AskOptions {
  constraint: ConstraintMode;
  /** Attempts when the answer does not parse (default 2). */
  parseAttempts?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  slot?: number;
  /** Let the server reuse a cached prompt prefix (default true; false for the naive baseline). */
  cachePrompt?: boolean;
}

export async function askFeature(client: ChatCompleter, feature: FeatureDefinition, evidence: SegmentEvidence, options: AskOptions): Promise<AskOutcome> {
  const messages = buildFeaturePrompt(feature, evidence);
  const out: AskOutcome = { status: 'failed', answer: null, promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0, calls: 0 };
  const attempts = options.parseAttempts ?? 2;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const request: ChatRequest = {
      messages,
      max_tokens: options.maxTokens ?? 512,
      temperature: attempt === 0 ? 0 : 0.7,
      seed: 1234 + attempt,
      cache_prompt: options.cachePrompt ?? true,
      ...(options.slot !== undefined ? { id_slot: options.slot } : {}),
      ...(options.constraint === 'grammar'
        ? { grammar: ANSWER_GRAMMAR }
        : { response_format: { type: 'json_schema' as const, json_schema: { name: 'feature_answer', strict: true, schema: ANSWER_JSON_SCHEMA } } }),
    };
    try {
      const res = await client.complete(request, options.signal);
      out.calls++;
      out.promptTokens += res.promptTokens;
      out.completionTokens += res.completionTokens;
      out.evaluatedPromptTokens += res.evaluatedPromptTokens ?? Math.max(0, res.promptTokens - res.cachedTokens);
      debugLog(`ask ${feature.id}: prompt ${res.promptTokens}, evaluated ${res.evaluatedPromptTokens}, cached ${res.cachedTokens}`);
      out.answer = parseFeatureAnswer(res.content, evidence.endS - evidence.startS);
      out.status = 'ok';
      delete out.error;
      return out;
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      if (e instanceof AnswerParseError) { out.error = `unparseable answer (${e.message})`; continue; }
      if (e instanceof RequestRejectedError) { out.error = e.message; return out; }
      throw e;
    }
  }
  return out;
}
