/**
 * `semioscope analyze <video> --out <dir> ...`: one analysis through the engine's analysis session, with
 * progress on stderr and the output paths on stdout.
 */
import { ensureWritableFolder } from '../platform/makeFolder.ts';
import { UsageError } from '../errors.ts';
import { AnalysisSession } from '../session/analysisSession.ts';
import { ANALYZE_HELP } from './analyzeFlags.ts';
import { parseAnalyzeArgs } from './parseAnalyzeArgs.ts';
import { renderProgress } from './renderProgress.ts';

export { ANALYZE_HELP };

export async function runAnalyzeCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, signal?: AbortSignal): Promise<number> {
  const args = parseAnalyzeArgs(argv);
  if (args.help) { io.stdout.write(`${ANALYZE_HELP}\n`); return 0; }
  if (args.dbPath === '') throw new UsageError('The answer cache file name is empty.', { setting: 'dbPath' });
  // The output folder is proven writable before the models are even read.
  ensureWritableFolder(args.outDir, 'output folder', 'outDir');
  await using session = await AnalysisSession.open({ models: args.models, settings: args.settings, dbPath: args.dbPath, signal });
  const onProgress = args.progress === 'none' ? undefined : renderProgress(io.stderr, args.progress === 'json');
  const { analysis, jsonPath, pdfPath } = await session.analyze({ videoPath: args.video, outDir: args.outDir, onProgress, signal });
  const present = analysis.findings.filter((f) => f.status === 'present').length;
  const failed = analysis.findings.filter((f) => f.status === 'failed').length;
  io.stdout.write(`${jsonPath}\n${pdfPath}\n`);
  if (args.progress !== 'none') {
    io.stderr.write(`Done in ${analysis.stats.wallS.toFixed(1)} s: ${present} features present, ${failed} failed; ${analysis.stats.modelCalls} model calls, ${analysis.stats.cacheHits} cached answers.` +
      `${analysis.model.demo ? ' DEMO MODEL: random weights, the findings are meaningless.' : ''}\n`);
  }
  return 0;
}
