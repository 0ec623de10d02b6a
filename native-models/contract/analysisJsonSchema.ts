/**
 * The published JSON Schema of analysis.json (draft 2020-12), generated from the zod contract so it cannot
 * drift: `semioscope schema` prints it, and resources/analysis.schema.json is a committed copy for tools
 * outside the engine (regenerate it with `node --import tsx native-models/build/writeAnalysisSchema.ts`).
 * Generated for what a reader accepts: unknown fields are allowed (fields may be added within a version).
 * Cross-field rules (a finding's `present` agreeing with its `status`) are checked by parseAnalysisJson only.
 */
import { z } from 'zod';
import { ANALYSIS_SCHEMA_VERSION, analysisResultSchema } from './analysisSchema.ts';

export const ANALYSIS_JSON_SCHEMA_ID = `urn:semioscope:schema:analysis:${ANALYSIS_SCHEMA_VERSION}`;

export function analysisJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(analysisResultSchema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: ANALYSIS_JSON_SCHEMA_ID, title: `Semioscope analysis.json (schemaVersion ${ANALYSIS_SCHEMA_VERSION})`, ...rest };
}

/** The schema as the text of resources/analysis.schema.json (2-space indent, final newline). */
export function analysisJsonSchemaText(): string {
  return `${JSON.stringify(analysisJsonSchema(), null, 2)}\n`;
}
