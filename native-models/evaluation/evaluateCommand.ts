/**
 * `semioscope evaluate ...`: scores predictions against expert labels and writes the results folder.
 * argv is everything after the word `evaluate`. Returns the exit code: 0 ok, 2 bad input or usage
 * (one clear message on stderr, no stack trace).
 */
import { EXIT_OK, SemioscopeError } from '../errors.ts';
import { consoleSummary } from './consoleSummary.ts';
import { EVALUATE_HELP, parseEvaluateArgs } from './parseEvaluateArgs.ts';
import { runEvaluation } from './runEvaluation.ts';
import { writeEvaluationOutputs } from './writeEvaluationOutputs.ts';

export interface EvaluateIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runEvaluateCommand(argv: string[], io: EvaluateIo): Promise<number> {
  try {
    const args = parseEvaluateArgs(argv);
    if (args.help) {
      io.stdout.write(`${EVALUATE_HELP}\n`);
      return EXIT_OK;
    }
    const report = await runEvaluation(args.options);
    for (const w of report.warnings) io.stderr.write(`warning: ${w}\n`);
    const written = await writeEvaluationOutputs(report, args.outDir);
    io.stdout.write(consoleSummary(report));
    io.stdout.write(`\nWrote ${written.length} files to ${args.outDir}: ${written.map((f) => f.split(/[\\/]/).join('/')).join(', ')}\n`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof SemioscopeError) {
      io.stderr.write(`semioscope evaluate: ${e.message}\n`);
      if (e.hint) io.stderr.write(`${e.hint}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
