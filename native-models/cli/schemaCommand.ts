/**
 * `semioscope schema`: prints the JSON Schema (draft 2020-12) of analysis.json, generated from the contract,
 * so tools outside the engine (a hospital's data pipeline, a reviewer's notebook) can validate files.
 */
import { UsageError } from '../errors.ts';
import { analysisJsonSchemaText } from '../contract/analysisJsonSchema.ts';

export const SCHEMA_HELP = `Usage: semioscope schema

Prints the JSON Schema (draft 2020-12) of analysis.json on standard output.
A copy ships as resources/analysis.schema.json.`;

export async function runSchemaCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  if (argv.some((a) => a === '--help' || a === '-h')) {
    io.stdout.write(`${SCHEMA_HELP}\n`);
    return 0;
  }
  if (argv.length) throw new UsageError(`The schema command takes no arguments (got "${argv[0]}").`, { hint: SCHEMA_HELP });
  io.stdout.write(analysisJsonSchemaText());
  return 0;
}
