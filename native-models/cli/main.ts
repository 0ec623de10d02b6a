/**
 * The engine's command line: `semioscope <command> ...`. An engine error prints as its message (with the flag
 * of the setting it names) and its hint, without a stack trace; the exit code says what kind of failure it
 * was (errors.ts). Ctrl-C and SIGTERM cancel cleanly: answers so far stay cached and the model server stops;
 * a second signal ends the process at once.
 */
import { EXIT_BUG, EXIT_CANCELLED, SemioscopeError, UsageError } from '../errors.ts';
import { GENERATOR } from '../pipeline/generator.ts';
import { FLAG_OF_SETTING } from './analyzeFlags.ts';
import { runAnalyzeCommand } from './analyzeCommand.ts';

const HELP = `${GENERATOR.name} ${GENERATOR.version}: offline seizure-semiology analysis of EMU video recordings.

Usage:
  semioscope analyze <video> --out <dir> --model <gguf> --mmproj <gguf> [options]
  semioscope batch <folder|list.txt> --out <dir> [analyze options]
                               analyse many recordings, resumable; writes <dir>/summary.csv
  semioscope evaluate --labels <csv> --predictions <csv|analysis.json|folder> --out <dir> [options]
  semioscope review [--db <file>] [--port <n>] [--renderer <dir>] [--analyses <dir>]
                               serve the review app on 127.0.0.1 (prints its link)
  semioscope export <analysis-folder> [--db <file>] [--format csv|audit|eaf|annotation|json|pdf]
                               write the exports of a reviewed analysis into its folder
  semioscope schema            print the JSON Schema of analysis.json
  semioscope models import <folder> | list
                               bring model pairs from removable media (checksums, GGUF checks); show installed ones
  semioscope --version

Run "semioscope <command> --help" for a command's options.`;

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

/** The message of an engine error as the CLI prints it: the setting's flag appended, then the hint. */
export function formatCliError(e: SemioscopeError, command: string | undefined): string {
  const flag = e.setting && (command === 'analyze' || command === 'batch') ? FLAG_OF_SETTING[e.setting] : undefined;
  return `semioscope: ${e.message}${flag ? ` (${flag})` : ''}\n${e.hint ? `${e.hint}\n` : ''}`;
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT_CANCELLED);
    io.stderr.write(`semioscope: ${sig === 'SIGINT' ? 'interrupted' : 'asked to stop'}: cancelling (answers so far are kept)...\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    switch (command) {
      case 'analyze':
      case 'analyse':
        return await runAnalyzeCommand(rest, io, controller.signal);
      case 'batch': {
        const { runBatchCommand } = await import('./batchCommand.ts');
        return await runBatchCommand(rest, io, controller.signal);
      }
      case 'evaluate': {
        const { runEvaluateCommand } = await import('../evaluation/evaluateCommand.ts');
        return await runEvaluateCommand(rest, io);
      }
      case 'review': {
        const { runReviewCommand } = await import('./reviewCommand.ts');
        return await runReviewCommand(rest, io, controller.signal);
      }
      case 'export': {
        const { runExportCommand } = await import('./exportCommand.ts');
        return await runExportCommand(rest, io, controller.signal);
      }
      case 'models': {
        const { runModelsCommand } = await import('./modelsCommand.ts');
        return await runModelsCommand(rest, io, controller.signal);
      }
      case 'schema': {
        const { runSchemaCommand } = await import('./schemaCommand.ts');
        return await runSchemaCommand(rest, io);
      }
      case '--version':
      case '-v':
        io.stdout.write(`${GENERATOR.version}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(`${HELP}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`, { hint: HELP });
    }
  } catch (e) {
    if (e instanceof SemioscopeError) {
      io.stderr.write(formatCliError(e, command === 'analyse' ? 'analyze' : command));
      return e.exitCode;
    }
    io.stderr.write(`semioscope: unexpected error: ${String((e as Error)?.message ?? e).split('\n')[0]}\nThis is a bug: run again with SEMIOSCOPE_DEBUG=1 and report what it prints.\n`);
    if (process.env.SEMIOSCOPE_DEBUG) io.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return EXIT_BUG;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
