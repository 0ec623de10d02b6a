/**
 * The JSON Schema of analysis.json: the committed copy (resources/analysis.schema.json) must equal the one
 * generated from the zod contract, `semioscope schema` prints the same text, and the schema describes the
 * contract (draft 2020-12, $id, title, required fields, the feature ids and variants of the catalogue).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { analysisJsonSchema, analysisJsonSchemaText } from '../../../native-models/contract/analysisJsonSchema.ts';
import { runSchemaCommand } from '../../../native-models/cli/schemaCommand.ts';
import { UsageError } from '../../../native-models/errors.ts';
import { FEATURE_IDS } from '../../../native-models/semiology/featureCatalogue.ts';
import { ANALYSIS_SCHEMA_FILE } from '../../../native-models/build/writeAnalysisSchema.ts';

const REGENERATE = 'resources/analysis.schema.json is stale: regenerate it with `node --import tsx native-models/build/writeAnalysisSchema.ts` and commit it';

test('the committed resources/analysis.schema.json equals the schema generated from the contract', async () => {
  const committed = await readFile(ANALYSIS_SCHEMA_FILE, 'utf8');
  assert.ok(committed === analysisJsonSchemaText(), REGENERATE);
});

test('the schema is draft 2020-12 with $id and title, and carries the catalogue and the field docs', () => {
  const s = analysisJsonSchema() as Record<string, any>;
  assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(s.$id, 'urn:semioscope:schema:analysis:2');
  assert.match(s.title, /analysis\.json \(schemaVersion 2\)/);
  assert.deepEqual(s.properties.schemaVersion, { type: 'number', const: 2 });
  assert.ok(['schemaVersion', 'recording', 'findings', 'answers', 'keyframes', 'stats'].every((k) => s.required.includes(k)));
  assert.ok(!s.required.includes('review'), 'the review is optional');
  assert.deepEqual(s.properties.review.properties.entries.items.properties.decision.anyOf?.find((x: any) => x.enum)?.enum ?? s.properties.review.properties.entries.items.properties.decision.enum, ['confirmed', 'rejected', 'uncertain', 'added']);
  const finding = s.properties.findings.items;
  assert.deepEqual(finding.properties.featureId.enum, [...FEATURE_IDS]);
  assert.deepEqual(finding.properties.status.enum, ['present', 'absent', 'not_assessed', 'failed']);
  assert.deepEqual(finding.properties.variant.enum, ['base', 'crop', 'pose', 'denoised', 'transcript']);
  assert.match(s.properties.recording.properties.fileName.description, /never the full path/);
});

function sink(): { stream: Writable; text: () => string } {
  let out = '';
  return { stream: new Writable({ write(c, _e, cb) { out += String(c); cb(); } }), text: () => out };
}

test('semioscope schema prints the generated schema; --help prints usage; other arguments are refused', async () => {
  const out = sink();
  const err = sink();
  assert.equal(await runSchemaCommand([], { stdout: out.stream, stderr: err.stream }), 0);
  assert.equal(out.text(), analysisJsonSchemaText());
  assert.equal(err.text(), '');
  const help = sink();
  assert.equal(await runSchemaCommand(['--help'], { stdout: help.stream, stderr: err.stream }), 0);
  assert.match(help.text(), /^Usage: semioscope schema/);
  await assert.rejects(runSchemaCommand(['--out', 'x.json'], { stdout: out.stream, stderr: err.stream }),
    (e: unknown) => e instanceof UsageError && /takes no arguments \(got "--out"\)/.test(e.message));
});
