/**
 * `semioscope export` arguments: the analysis folder, the cache file that holds the review and the formats
 * (`--format` repeatable and/or a comma list; default all). An unknown format is refused with the nearest
 * known one suggested.
 */
import { parseArgs } from 'node:util';
import { EXPORT_DESCRIPTIONS, EXPORT_FORMATS, type ExportFormat } from '../contract/exportFormats.ts';
import { UsageError } from '../errors.ts';
import { closestName } from '../evaluation/closestName.ts';
import { defaultCachePath } from '../cache/answerCache.ts';

export const EXPORT_HELP = `Usage: semioscope export <analysis-folder> [--db FILE] [--format FORMAT ...]

Writes the exports of the analysis in <analysis-folder> (the folder "semioscope analyze" wrote, holding
analysis.json), with the clinician's review of that recording from the answer cache file, into the same folder.

Options:
  --db FILE         answer cache file holding the review (default: ${defaultCachePath()})
  --format FORMAT   one or more of ${EXPORT_FORMATS.join(', ')} (repeat, or a comma list; default: all)
${EXPORT_FORMATS.map((f) => `                      ${f.padEnd(11)} ${EXPORT_DESCRIPTIONS[f].fileName}: ${EXPORT_DESCRIPTIONS[f].label}`).join('\n')}
  -h, --help        this help

Prints the path of each file written, one a line.`;

export type ExportArgs = { help: true } | { help: false; folder: string; dbPath: string; formats: ExportFormat[] };

const OPTIONS = { db: { type: 'string' }, format: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } as const;
const USAGE_HINT = 'Run "semioscope export --help" for the options.';

/** The formats named in `values` (each a format or a comma list), in the order given, each once. */
export function parseFormats(values: readonly string[]): ExportFormat[] {
  const out: ExportFormat[] = [];
  for (const item of values.flatMap((v) => v.split(','))) {
    const name = item.trim().toLowerCase();
    if (name === '') continue;
    if (!(EXPORT_FORMATS as readonly string[]).includes(name)) {
      const near = closestName(name, EXPORT_FORMATS);
      throw new UsageError(`Unknown export format "${item.trim().slice(0, 40)}"${near ? ` (did you mean "${near}"?)` : ''}.`,
        { setting: 'formats', hint: `The formats are ${EXPORT_FORMATS.join(', ')}.` });
    }
    if (!out.includes(name as ExportFormat)) out.push(name as ExportFormat);
  }
  if (!out.length) throw new UsageError('The export format is empty.', { setting: 'formats', hint: `Give one or more of ${EXPORT_FORMATS.join(', ')}, or leave the option out for all.` });
  return out;
}

export function parseExportArgs(argv: readonly string[]): ExportArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\s*\n\s*/g, ' '), { hint: USAGE_HINT });
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  if (parsed.positionals.length !== 1) {
    throw new UsageError(parsed.positionals.length ? `Give exactly one analysis folder (got ${parsed.positionals.length}).` : 'Give the analysis folder to export (the folder holding analysis.json).',
      { setting: 'outDir', hint: 'Usage: semioscope export <analysis-folder> [--db FILE] [--format csv,audit,eaf,annotation,json,pdf]' });
  }
  if (v.db === '') throw new UsageError('The answer cache file name is empty.', { setting: 'dbPath' });
  return {
    help: false,
    folder: parsed.positionals[0]!,
    dbPath: v.db ?? defaultCachePath(),
    formats: v.format === undefined ? [...EXPORT_FORMATS] : parseFormats(v.format),
  };
}
