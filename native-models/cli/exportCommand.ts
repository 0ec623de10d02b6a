/**
 * `semioscope export <analysis-folder> [--db FILE] [--format ...]`: reads the folder's analysis.json and that
 * recording's review from the answer cache file (cache/reviewLog.ts), writes the exports into the folder
 * (export/writeExports.ts) and prints each file's path on stdout, one a line; a one-line summary of the review
 * goes to stderr. Every refusal is an engine error (exit 2) naming the file by its base name.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AnswerCache } from '../cache/answerCache.ts';
import { readReview } from '../cache/reviewLog.ts';
import { parseAnalysisJson } from '../contract/parseAnalysisJson.ts';
import { InputError } from '../errors.ts';
import { writeExports } from '../export/writeExports.ts';
import { describeFsError } from '../platform/makeFolder.ts';
import { displayName } from '../platform/displayName.ts';
import { EXPORT_HELP, parseExportArgs } from './parseExportArgs.ts';

export { EXPORT_HELP };

function readAnalysisText(folder: string): string {
  let st;
  try { st = statSync(folder); } catch (e) {
    throw new InputError(`The analysis folder "${displayName(folder)}" cannot be opened (${describeFsError(e)}).`, { setting: 'outDir',
      hint: 'Give the folder that "semioscope analyze" wrote (it holds analysis.json).' });
  }
  if (!st.isDirectory()) {
    throw new InputError(`"${displayName(folder)}" is not a folder.`, { setting: 'outDir', hint: 'Give the folder that holds analysis.json, not a file in it.' });
  }
  const file = path.join(folder, 'analysis.json');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') {
      throw new InputError(`There is no analysis.json in the folder "${displayName(folder)}".`, { setting: 'outDir',
        hint: 'Give the folder that "semioscope analyze" wrote (it holds analysis.json and report.pdf).' });
    }
    throw new InputError(`analysis.json in "${displayName(folder)}" cannot be read (${describeFsError(e)}).`, { setting: 'outDir' });
  }
}

export async function runExportCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, signal?: AbortSignal): Promise<number> {
  const args = parseExportArgs(argv);
  if (args.help) { io.stdout.write(`${EXPORT_HELP}\n`); return 0; }
  const analysis = parseAnalysisJson(readAnalysisText(args.folder), 'analysis.json');
  // Opening a missing cache would create an empty one: an export "without decisions" the reviewer never meant.
  if (!existsSync(args.dbPath)) {
    throw new InputError(`The answer cache "${displayName(args.dbPath)}" does not exist, so it holds no review.`, { setting: 'dbPath',
      hint: 'Give the cache file the review was recorded in (--db FILE).' });
  }
  const cache = new AnswerCache(args.dbPath);
  let review;
  try {
    review = readReview(cache, analysis.recording.sha256);
  } finally {
    cache.close();
  }
  const written = await writeExports({ ...analysis, review }, args.folder, args.formats, { signal });
  for (const w of written) io.stdout.write(`${w.path}\n`);
  const decided = review.current.length;
  const state = !review.signOff ? 'not signed off' : review.amendedAfterSignOff ? 'amended after sign-off' : `signed off by ${review.signOff.reviewer}`;
  io.stderr.write(`Exported ${written.length} file${written.length === 1 ? '' : 's'} of ${displayName(analysis.recording.fileName)}: ` +
    `${decided} clinician decision${decided === 1 ? '' : 's'} (${review.entries.length} log entries), ${state}.\n`);
  return 0;
}
