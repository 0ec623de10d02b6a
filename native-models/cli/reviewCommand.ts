/**
 * `semioscope review [--db FILE] [--port N] [--renderer DIR] [--analyses DIR]`: serves the review app on
 * 127.0.0.1 (the loopback review bridge) and prints exactly one line on stdout, the link with its access
 * token. It runs until the signal given (SIGINT / SIGTERM in the CLI) aborts, then cancels a running analysis
 * (its answers stay cached), closes the bridge and returns 0: ending is the normal way out of this command.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCachePath } from '../cache/answerCache.ts';
import { UsageError } from '../errors.ts';
import { startReviewBridge } from '../bridge/startReviewBridge.ts';

export const REVIEW_HELP = `Usage: semioscope review [options]

Serves the review app on this computer only (127.0.0.1) and prints its link (with an access token) to open
in a browser. Stop it with Ctrl-C.

Options:
  --db FILE         answer cache file (default: ${defaultCachePath()})
  --port N          port on 127.0.0.1, 0 for any free one (default 0)
  --renderer DIR    the built renderer folder (default: renderer/dist of this installation)
  --analyses DIR    where each recording's analysis.json and report go (default: analyses/ beside the cache)
  -h, --help        this help`;

const OPTIONS = { db: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' }, analyses: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const SETTING_OF_FLAG: Record<string, string> = { db: 'dbPath', port: 'port', renderer: 'rendererDir', analyses: 'analysesDir' };

export const DEFAULT_RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'dist');

export interface ReviewArgs {
  help: boolean;
  dbPath?: string;
  port: number;
  rendererDir: string;
  analysesDir: string;
}

export function parseReviewArgs(argv: readonly string[]): ReviewArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: false, strict: true, options: OPTIONS });
  } catch (e) {
    const flag = /'(--?[\w-]+)/.exec((e as Error).message)?.[1]?.replace(/^-+/, '');
    throw new UsageError((e as Error).message.replace(/\s*\n\s*/g, ' '), { setting: flag ? SETTING_OF_FLAG[flag] : undefined, hint: 'Run "semioscope review --help" for the options.' });
  }
  const v = parsed.values;
  for (const [flag, setting] of Object.entries(SETTING_OF_FLAG)) {
    const value = v[flag as keyof typeof v];
    if (value === '') throw new UsageError(`The ${setting} setting is empty.`, { setting });
  }
  const portText = v.port ?? '0';
  const port = /^\d{1,5}$/.test(portText.trim()) ? Number(portText) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new UsageError(`The port must be a whole number from 0 to 65535 (got "${portText.slice(0, 20)}").`, { setting: 'port' });
  const dbPath = v.db;
  return {
    help: Boolean(v.help),
    dbPath,
    port,
    rendererDir: v.renderer ?? DEFAULT_RENDERER_DIR,
    analysesDir: v.analyses ?? path.join(path.dirname(dbPath ?? defaultCachePath()), 'analyses'),
  };
}

export async function runReviewCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, signal?: AbortSignal): Promise<number> {
  const args = parseReviewArgs(argv);
  if (args.help) { io.stdout.write(`${REVIEW_HELP}\n`); return 0; }
  // A missing renderer folder is an InputError naming `rendererDir`, before anything listens.
  await using bridge = await startReviewBridge({ rendererDir: args.rendererDir, dbPath: args.dbPath, analysesDir: args.analysesDir, port: args.port });
  io.stdout.write(`Semioscope review: ${bridge.url}\n`);
  if (signal) {
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } else {
    await new Promise<never>(() => {});
  }
  return 0;
}
