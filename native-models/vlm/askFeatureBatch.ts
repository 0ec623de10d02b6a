/**
 * Asks all features of one group (one segment's evidence in one variant) in a single call that returns one
 * structured answer per feature. A feature whose part of the answer is unusable fails alone.
 */
import { batchAnswerGrammar, batchAnswerJsonSchema, MAX_BATCH_JUSTIFICATION_CHARS, parseBatchAnswer, AnswerParseError } from '../semiology/answerSchema.ts';
import type { FeatureDefinition } from '../semiology/featureCatalogue.ts';
import { debugLog } from '../log.ts';
import type { AskOptions, AskOutcome } from './askFeature.ts';
import { buildBatchPrompt, type SegmentEvidence } from './buildFeaturePrompt.ts';
import { RequestRejectedError, type ChatCompleter } from './chatClient.ts';

export async function askFeatureBatch(client: ChatCompleter, features: readonly FeatureDefinition[], evidence: SegmentEvidence, options: AskOptions): Promise<Map<string, AskOutcome>> {
  const ids = features.map((f) => f.id);
  const usage = { promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0, calls: 0 };
  const result = new Map<string, AskOutcome>();
  const fail = (error: string) => { for (const id of ids) if (!result.has(id)) result.set(id, { status: 'failed', answer: null, error, ...usage }); };
  try {
    const res = await client.complete({
      messages: buildBatchPrompt(features, evidence),
      max_tokens: options.maxTokens ?? ids.length * (MAX_BATCH_JUSTIFICATION_CHARS + 120),
      temperature: 0,
      seed: 1234,
      cache_prompt: options.cachePrompt ?? true,
      ...(options.slot !== undefined ? { id_slot: options.slot } : {}),
      ...(options.constraint === 'grammar'
        ? { grammar: batchAnswerGrammar(ids) }
        : { response_format: { type: 'json_schema' as const, json_schema: { name: 'feature_answers', strict: true, schema: batchAnswerJsonSchema(ids) } } }),
    }, options.signal);
    usage.calls = 1;
    usage.promptTokens = res.promptTokens;
    usage.completionTokens = res.completionTokens;
    usage.evaluatedPromptTokens = res.evaluatedPromptTokens ?? Math.max(0, res.promptTokens - res.cachedTokens);
    debugLog(`batch of ${ids.length}: prompt ${res.promptTokens}, evaluated ${res.evaluatedPromptTokens}, completion ${res.completionTokens}, finish ${res.finishReason}, ${res.content.length} chars`);
    const parsed = parseBatchAnswer(res.content, ids, evidence.endS - evidence.startS);
    ids.forEach((id, i) => {
      const p = parsed.get(id);
      // Usage is attributed to the first feature so that sums over features stay true.
      const u = i === 0 ? usage : { promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0, calls: 0 };
      if (!p || p instanceof AnswerParseError) result.set(id, { status: 'failed', answer: null, error: `unparseable answer (${p?.message ?? 'missing'})`, ...u });
      else result.set(id, { status: 'ok', answer: p, ...u });
    });
  } catch (e) {
    if (e instanceof RequestRejectedError) fail(e.message);
    else throw e;
  }
  return result;
}
