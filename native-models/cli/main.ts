/**
 * The engine's command line: `semioscope <command> ...`. Errors meant for the user print as one clear
 * message without a stack trace; the exit code says what kind of failure it was.
 */
import { exitCodeOf, InputError, BackendError, CancelledError } from '../errors.ts';
import { GENERATOR } from '../pipeline/generator.ts';
import { runAnalyzeCommand } from './analyzeCommand.ts';

const HELP = `${GENERATOR.name} ${GENERATOR.version}: offline seizure-semiology analysis of EMU video recordings.

Usage:
  semioscope analyze <video> --out <dir> --model <gguf> --mmproj <gguf> [options]
  semioscope evaluate --labels <csv> --predictions <csv|analysis.json|folder> --out <dir> [options]
  semioscope --version

Run "semioscope <command> --help" for a command's options.`;

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    switch (command) {
      case 'analyze':
      case 'analyse':
        return await runAnalyzeCommand(rest, io, controller.signal);
      case 'evaluate': {
        const { runEvaluateCommand } = await import('../evaluation/evaluateCommand.ts');
        return await runEvaluateCommand(rest, io);
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
        throw new InputError(`Unknown command "${command}".\n${HELP}`);
    }
  } catch (e) {
    if (e instanceof InputError || e instanceof BackendError || e instanceof CancelledError) {
      io.stderr.write(`semioscope: ${e.message}\n`);
      const hint = (e as InputError).hint;
      if (hint) io.stderr.write(`${hint}\n`);
      return exitCodeOf(e);
    }
    io.stderr.write(`semioscope: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.SEMIOSCOPE_DEBUG) io.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
