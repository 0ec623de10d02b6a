/**
 * `semioscope batch <folder | list.txt> --out <dir> [analyze options]`: a night's recordings through one
 * analysis session (the model server starts once). One line per recording as it finishes, and the total;
 * `summary.csv` in the output folder (recording, status, present features, model calls, cached answers,
 * seconds, folder, error). One failing recording never stops the others; Ctrl-C stops after cancelling the
 * current one, and a rerun takes every answer already given from the cache, so it resumes where it stopped.
 * Exit 0 when every recording was analysed, else the exit code of the first failure.
 */
import path from 'node:path';
import { formatCsv } from '../evaluation/formatCsv.ts';
import { CancelledError, SemioscopeError, EXIT_BUG, UsageError } from '../errors.ts';
import { ensureWritableFolder } from '../platform/makeFolder.ts';
import { displayName } from '../platform/displayName.ts';
import { writeFileAtomic } from '../platform/writeFileAtomic.ts';
import { AnalysisSession } from '../session/analysisSession.ts';
import { ANALYZE_HELP } from './analyzeFlags.ts';
import { batchOutputNames, batchSources } from './batchSources.ts';
import { parseAnalyzeArgs } from './parseAnalyzeArgs.ts';

export const BATCH_HELP = `semioscope batch <folder | list.txt> --out <dir> [analyze options]

Analyses every video in the folder (or every path in the list, one per line), each into <dir>/<name>/,
through one model server, and writes <dir>/summary.csv. A failing recording does not stop the others;
a rerun asks the model only what is not cached yet. The analyze options below apply to every recording.

${ANALYZE_HELP}`;

export interface BatchRow {
  recording: string;
  status: 'done' | 'failed' | 'cancelled' | 'not started';
  presentFeatures: string[];
  modelCalls: number;
  cachedAnswers: number;
  seconds: number;
  folder: string;
  error: string;
}

export function summaryCsv(rows: readonly BatchRow[]): string {
  return formatCsv([
    ['recording', 'status', 'present_features', 'model_calls', 'cached_answers', 'seconds', 'folder', 'error'],
    ...rows.map((r) => [r.recording, r.status, r.presentFeatures.join(';'), String(r.modelCalls), String(r.cachedAnswers), r.seconds.toFixed(1), r.folder, r.error]),
  ]);
}

export async function runBatchCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, signal?: AbortSignal): Promise<number> {
  const args = parseAnalyzeArgs(argv);
  if (args.help) { io.stdout.write(`${BATCH_HELP}\n`); return 0; }
  if (args.dbPath === '') throw new UsageError('The answer cache file name is empty.', { setting: 'dbPath' });
  const files = batchSources(args.video);
  const outRoot = ensureWritableFolder(args.outDir, 'output folder', 'outDir');
  const names = batchOutputNames(files);
  const rows: BatchRow[] = files.map((f, i) => ({ recording: path.basename(f), status: 'not started', presentFeatures: [], modelCalls: 0, cachedAnswers: 0, seconds: 0, folder: names[i]!, error: '' }));
  const summaryPath = path.join(outRoot, 'summary.csv');
  const writeSummary = () => writeFileAtomic(summaryPath, summaryCsv(rows));
  const quiet = args.progress === 'none';
  const say = (line: string) => { if (!quiet) io.stderr.write(`${line}\n`); };
  const t0 = Date.now();
  let firstFailure = 0;
  writeSummary();
  say(`Batch: ${files.length} recording${files.length === 1 ? '' : 's'} -> ${displayName(outRoot)}/`);
  try {
    await using session = await AnalysisSession.open({ models: args.models, settings: args.settings, dbPath: args.dbPath, signal });
    for (let i = 0; i < files.length; i++) {
      const row = rows[i]!;
      const started = Date.now();
      try {
        const { analysis } = await session.analyze({ videoPath: files[i]!, outDir: path.join(outRoot, row.folder), signal });
        Object.assign(row, { status: 'done', presentFeatures: analysis.findings.filter((f) => f.status === 'present').map((f) => f.featureId),
          modelCalls: analysis.stats.modelCalls, cachedAnswers: analysis.stats.cacheHits });
      } catch (e) {
        if (e instanceof CancelledError) { row.status = 'cancelled'; row.error = e.message; throw e; }
        row.status = 'failed';
        row.error = e instanceof SemioscopeError ? e.message : `Unexpected error (a bug): ${(e as Error)?.name ?? 'Error'}`;
        firstFailure ||= e instanceof SemioscopeError ? e.exitCode : EXIT_BUG;
      } finally {
        row.seconds = (Date.now() - started) / 1000;
        writeSummary();
      }
      const doneCount = i + 1;
      const elapsed = (Date.now() - t0) / 1000;
      const eta = (elapsed / doneCount) * (files.length - doneCount);
      say(`[${doneCount}/${files.length}] ${row.recording}: ${row.status === 'done'
        ? `done in ${row.seconds.toFixed(1)} s, ${row.presentFeatures.length} present, ${row.modelCalls} model calls, ${row.cachedAnswers} cached`
        : `FAILED: ${row.error}`} · total ${Math.round((100 * doneCount) / files.length)} %${doneCount < files.length ? `, about ${Math.round(eta)} s left` : ''}`);
    }
  } finally {
    writeSummary();
    const done = rows.filter((r) => r.status === 'done').length;
    const failed = rows.filter((r) => r.status === 'failed').length;
    say(`Batch: ${done} done, ${failed} failed, ${rows.length - done - failed} not finished, in ${((Date.now() - t0) / 1000).toFixed(1)} s. Summary: ${summaryPath}`);
  }
  io.stdout.write(`${summaryPath}\n`);
  return firstFailure;
}
