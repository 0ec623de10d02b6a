/**
 * The answer every feature question must produce, in three forms from one definition: a JSON schema (remote
 * OpenAI-compatible servers), a compact GBNF grammar (llama-server: no optional whitespace, bounded text, so a
 * model can never run out of tokens mid-answer), and a parser that validates what came back.
 */

export interface FeatureAnswer {
  present: boolean;
  justification: string;
  /** Seconds from the start of the segment at which the sign first appears, or null. */
  onset_s: number | null;
}

export const MAX_JUSTIFICATION_CHARS = 300;

export const ANSWER_JSON_SCHEMA = {
  type: 'object',
  properties: {
    present: { type: 'boolean' },
    justification: { type: 'string', minLength: 1, maxLength: MAX_JUSTIFICATION_CHARS },
    onset_s: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'null' }] },
  },
  required: ['present', 'justification', 'onset_s'],
  additionalProperties: false,
} as const;

/** Characters allowed in a justification: plain clinical prose, no quotes or backslashes to escape. */
const JUSTIFICATION_CHARS = "[a-zA-Z0-9 ,.;:()'/%+-]";

export const ANSWER_GRAMMAR = [
  'root ::= "{\\"present\\":" bool ",\\"justification\\":\\"" text "\\",\\"onset_s\\":" onset "}"',
  'bool ::= "true" | "false"',
  `text ::= ${JUSTIFICATION_CHARS}{1,${MAX_JUSTIFICATION_CHARS}}`,
  'onset ::= "null" | [0-9]{1,4} ("." [0-9]{1,2})?',
].join('\n');

/** Instruction text that tells the model the expected shape (grammar or schema enforce it). */
export const ANSWER_INSTRUCTION =
  'Answer in JSON: {"present": true|false, "justification": "what you observed, briefly", "onset_s": seconds into this segment when the sign starts, or null}.';

export class AnswerParseError extends Error {}

/** Parses and validates a model's answer; onset is clamped to the segment or dropped when impossible. */
export function parseFeatureAnswer(content: string, segmentDurationS: number): FeatureAnswer {
  const trimmed = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    throw new AnswerParseError(`not JSON: ${JSON.stringify(trimmed.slice(0, 80))}`);
  }
  if (!raw || typeof raw !== 'object') throw new AnswerParseError('not a JSON object');
  const o = raw as Record<string, unknown>;
  let present: boolean;
  if (typeof o.present === 'boolean') present = o.present;
  else if (o.answer === 'yes' || o.answer === 'no') present = o.answer === 'yes';
  else throw new AnswerParseError('missing boolean "present"');
  const justification = typeof o.justification === 'string' ? o.justification.trim().slice(0, MAX_JUSTIFICATION_CHARS) : '';
  if (!justification) throw new AnswerParseError('missing "justification"');
  const onsetRaw = o.onset_s;
  const onset = typeof onsetRaw === 'number' && Number.isFinite(onsetRaw) && onsetRaw >= 0 && onsetRaw <= segmentDurationS + 0.5
    ? Math.min(onsetRaw, segmentDurationS) : null;
  return { present, justification, onset_s: present ? onset : null };
}

/** Justification bound when one answer covers several features (keeps the whole answer bounded). */
export const MAX_BATCH_JUSTIFICATION_CHARS = 100;

/** Grammar for one object keyed by feature id, each value one answer, in the given order. */
export function batchAnswerGrammar(featureIds: readonly string[]): string {
  const members = featureIds.map((id, i) => `"${i ? ',' : ''}\\"${id}\\":" answer`).join(' ');
  return [
    `root ::= "{" ${members} "}"`,
    'answer ::= "{\\"present\\":" bool ",\\"justification\\":\\"" text "\\",\\"onset_s\\":" onset "}"',
    'bool ::= "true" | "false"',
    `text ::= ${JUSTIFICATION_CHARS}{1,${MAX_BATCH_JUSTIFICATION_CHARS}}`,
    'onset ::= "null" | [0-9]{1,4} ("." [0-9]{1,2})?',
  ].join('\n');
}

export function batchAnswerJsonSchema(featureIds: readonly string[]): object {
  const one = { ...ANSWER_JSON_SCHEMA, properties: { ...ANSWER_JSON_SCHEMA.properties, justification: { type: 'string', minLength: 1, maxLength: MAX_BATCH_JUSTIFICATION_CHARS } } };
  return { type: 'object', properties: Object.fromEntries(featureIds.map((id) => [id, one])), required: [...featureIds], additionalProperties: false };
}

/** Parses a batched answer; a feature missing or malformed in it fails alone, with its reason. */
export function parseBatchAnswer(content: string, featureIds: readonly string[], segmentDurationS: number): Map<string, FeatureAnswer | AnswerParseError> {
  const out = new Map<string, FeatureAnswer | AnswerParseError>();
  let raw: unknown;
  try {
    raw = JSON.parse(content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, ''));
  } catch {
    for (const id of featureIds) out.set(id, new AnswerParseError(`not JSON: ${JSON.stringify(content.slice(0, 80))}`));
    return out;
  }
  for (const id of featureIds) {
    const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[id] : undefined;
    try {
      out.set(id, parseFeatureAnswer(JSON.stringify(v ?? null), segmentDurationS));
    } catch (e) {
      out.set(id, e instanceof AnswerParseError ? e : new AnswerParseError(String(e)));
    }
  }
  return out;
}
