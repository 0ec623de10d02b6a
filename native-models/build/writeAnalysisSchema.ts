/**
 * Regenerates resources/analysis.schema.json from the zod contract (tests/unit/contract/analysisJsonSchema.test.ts
 * fails when the committed copy is stale). Run: `node --import tsx native-models/build/writeAnalysisSchema.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analysisJsonSchemaText } from '../contract/analysisJsonSchema.ts';

export const ANALYSIS_SCHEMA_FILE = fileURLToPath(new URL('../../resources/analysis.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ANALYSIS_SCHEMA_FILE, analysisJsonSchemaText());
  process.stdout.write('wrote resources/analysis.schema.json\n');
}
