/** buildFeaturePrompt: the prompt wording and its fingerprint, which keys cached answers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFeaturePrompt, promptFingerprint } from '../../../native-models/vlm/buildFeaturePrompt.ts';
import { getFeature } from '../../../native-models/semiology/featureCatalogue.ts';

test('cached answers are keyed by the prompt wording, variant note and prompting style', () => {
  const tonic = getFeature('tonic');
  const fp = promptFingerprint(tonic, 'base', false);
  assert.match(fp, /^[0-9a-f]{12}$/);
  assert.equal(promptFingerprint(tonic, 'base', false), fp, 'stable');
  assert.notEqual(promptFingerprint({ ...tonic, question: `${tonic.question} ` }, 'base', false), fp, 'a reworded question');
  assert.notEqual(promptFingerprint(tonic, 'pose', false), fp, 'another variant note');
  assert.notEqual(promptFingerprint(tonic, 'base', true), fp, 'batched prompting');
  assert.notEqual(promptFingerprint(getFeature('clonic'), 'base', false), fp);
});

test('evidence first, the question last: the prefix is identical across features', () => {
  const evidence = { startS: 25, endS: 55, variant: 'base' as const, frames: [{ tS: 26, jpeg: Buffer.from([0xff, 0xd8]) }] };
  const a = buildFeaturePrompt(getFeature('tonic'), evidence);
  const b = buildFeaturePrompt(getFeature('clonic'), evidence);
  assert.deepEqual(a[0], b[0]);
  const pa = a[1]!.content as unknown[];
  const pb = b[1]!.content as unknown[];
  assert.deepEqual(pa.slice(0, -1), pb.slice(0, -1));
  assert.notDeepEqual(pa.at(-1), pb.at(-1));
});
