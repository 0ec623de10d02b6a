/** answerSchema: parsing the model's answers (single and batched) and the GBNF grammars that shape them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANSWER_GRAMMAR, AnswerParseError, batchAnswerGrammar, MAX_JUSTIFICATION_CHARS, parseBatchAnswer, parseFeatureAnswer } from '../../../native-models/semiology/answerSchema.ts';

test('a valid answer parses; onset is kept inside the segment', () => {
  assert.deepEqual(parseFeatureAnswer('{"present":true,"justification":"Chewing movements.","onset_s":12.5}', 30),
    { present: true, justification: 'Chewing movements.', onset_s: 12.5 });
  assert.equal(parseFeatureAnswer('{"present":true,"justification":"x","onset_s":30.3}', 30).onset_s, 30);
  assert.equal(parseFeatureAnswer('{"present":true,"justification":"x","onset_s":95}', 30).onset_s, null);
  assert.equal(parseFeatureAnswer('{"present":false,"justification":"x","onset_s":3}', 30).onset_s, null, 'no onset for an absent sign');
});

test('the paper-style {answer: yes|no} shape and fenced JSON are accepted', () => {
  assert.equal(parseFeatureAnswer('```json\n{"answer":"yes","justification":"Lip smacking."}\n```', 30).present, true);
});

test('malformed answers raise AnswerParseError, never a silent "no"', () => {
  for (const bad of ['', 'no', '{"present":"maybe","justification":"x"}', '{"present":true}', '{"present":true,"justification":"   "}', '[1]']) {
    assert.throws(() => parseFeatureAnswer(bad, 30), AnswerParseError, bad);
  }
});

test('justifications are bounded', () => {
  const long = 'a'.repeat(MAX_JUSTIFICATION_CHARS + 50);
  assert.equal(parseFeatureAnswer(`{"present":false,"justification":"${long}","onset_s":null}`, 30).justification.length, MAX_JUSTIFICATION_CHARS);
});

test('the grammar has no optional whitespace and a bounded justification', () => {
  assert.match(ANSWER_GRAMMAR, /^root ::= "\{\\"present\\":" bool/);
  assert.match(ANSWER_GRAMMAR, new RegExp(`\\{1,${MAX_JUSTIFICATION_CHARS}\\}`));
  assert.doesNotMatch(ANSWER_GRAMMAR, /\[ \\t\\n\]/);
});

test('a batched answer is split per feature; a broken part fails alone', () => {
  const content = JSON.stringify({ tonic: { present: true, justification: 'Stiff arms.', onset_s: 4 }, clonic: { present: 'yes' } });
  const out = parseBatchAnswer(content, ['tonic', 'clonic', 'figure4'], 30);
  assert.deepEqual(out.get('tonic'), { present: true, justification: 'Stiff arms.', onset_s: 4 });
  assert.ok(out.get('clonic') instanceof AnswerParseError);
  assert.ok(out.get('figure4') instanceof AnswerParseError, 'a missing feature fails, it is not "no"');
  const garbage = parseBatchAnswer('{"tonic":', ['tonic'], 30);
  assert.ok(garbage.get('tonic') instanceof AnswerParseError);
});

test('the batch grammar lists every feature id in order', () => {
  const g = batchAnswerGrammar(['a_b', 'c']);
  assert.match(g, /^root ::= "\{" "\\"a_b\\":" answer ",\\"c\\":" answer "\}"/);
});
