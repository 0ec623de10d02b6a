/**
 * `semioscope models import <folder>` and `semioscope models list`: brings model pairs from removable media
 * into the app's model folder (verified by checksum and by the GGUF checks) and shows what is installed, for
 * IT installing an air-gapped workstation. Progress goes to stderr, results to stdout.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { modelsRoot } from '../platform/paths.ts';
import { importModels, listModels, type ImportedPair } from '../models/importModels.ts';
import { loadModelManifest } from '../models/loadModelManifest.ts';
import type { VerifiedBy } from '../models/installedModels.ts';

export const MODELS_HELP = `Usage:
  semioscope models import <folder> [--models-dir DIR] [--model FILE --mmproj FILE]
  semioscope models list [--models-dir DIR] [--rehash] [--json]

import   copies the model pairs in <folder> (e.g. a USB stick) into the model folder. Each file must match
         its sha256 in Semioscope's model manifest or in a SHA256SUMS file in <folder> (as "sha256sum"
         writes it); a file that does not match is refused. The GGUF checks run first. A pair the manifest
         does not list, or a file no list names, is imported with a warning. Files already installed and
         verified are skipped; an interrupted copy continues where it stopped.
list     shows the installed pairs, their files, size and how they were verified.

Options:
  --models-dir DIR   the model folder (default: SEMIOSCOPE_MODELS_DIR, else ${modelsRoot()})
  --model FILE       with --mmproj: import exactly these two files of <folder>
  --mmproj FILE
  --rehash           list: read every file again and compare its sha256 with the record
  --json             list: print JSON
  -h, --help         this help`;

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const OPTIONS = {
  'models-dir': { type: 'string' }, model: { type: 'string' }, mmproj: { type: 'string' },
  rehash: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

const VERIFIED_WORDS: Record<VerifiedBy, string> = { manifest: 'verified (manifest)', SHA256SUMS: 'verified (SHA256SUMS)', unverified: 'unverified' };

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

/** One stderr line per whole 5 % of a file (or a carriage-return line on a terminal). */
function progressPrinter(io: Io): (p: { fileName: string; bytesDone: number; totalBytes: number; phase: 'copy' | 'hash' }) => void {
  const last = new Map<string, number>();
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  return (p) => {
    const pct = p.totalBytes ? Math.floor((p.bytesDone / p.totalBytes) * 100) : 100;
    const key = `${p.phase}:${p.fileName}`;
    const step = tty ? 1 : 5;
    const prev = last.get(key) ?? -step;
    if (pct < prev + step && pct !== 100) return;
    if (pct === prev) return;
    last.set(key, pct);
    const line = `${p.phase === 'copy' ? 'copying' : 'checking'} ${p.fileName}: ${pct}% of ${formatBytes(p.totalBytes)}`;
    io.stderr.write(tty ? `\r${line}${pct === 100 ? '\n' : ''}` : `${line}\n`);
  };
}

function printImported(pairs: ImportedPair[], io: Io): void {
  for (const p of pairs) {
    io.stdout.write(`${p.name} [${p.id}]: ${VERIFIED_WORDS[p.verifiedBy]}${p.known ? '' : ', not in the manifest'}\n`);
    for (const f of p.files) io.stdout.write(`  ${f.action === 'copied' ? 'copied ' : 'skipped'} ${f.fileName} (${formatBytes(f.sizeBytes)}, ${VERIFIED_WORDS[f.verifiedBy]}${f.action === 'skipped' ? ', already installed' : ''}${f.resumedFromBytes ? `, continued an interrupted copy at ${formatBytes(f.resumedFromBytes)}` : ''})\n`);
  }
}

export async function runModelsCommand(argv: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(`${MODELS_HELP}\n`);
    return sub ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\s*\n\s*/g, ' '), { hint: 'Run "semioscope models --help" for the options.' });
  }
  const v = parsed.values;
  if (v.help) { io.stdout.write(`${MODELS_HELP}\n`); return 0; }
  if (v['models-dir'] === '') throw new UsageError('The model folder setting is empty.', { setting: 'modelsDir' });
  const modelsDir = path.resolve(v['models-dir'] ?? modelsRoot());
  if (sub === 'import') {
    if (parsed.positionals.length !== 1) throw new UsageError('Give one folder to import from: semioscope models import <folder>.', { hint: MODELS_HELP });
    if (v.rehash || v.json) throw new UsageError('--rehash and --json are options of "models list".');
    const pairs = await importModels(path.resolve(parsed.positionals[0]!), {
      modelsDir, manifest: loadModelManifest(), chosen: { model: v.model, mmproj: v.mmproj }, signal,
      onProgress: progressPrinter(io), onWarning: (m) => io.stderr.write(`semioscope: warning: ${m}\n`),
    });
    printImported(pairs, io);
    return 0;
  }
  if (sub === 'list') {
    if (parsed.positionals.length) throw new UsageError(`"models list" takes no folder (got "${parsed.positionals[0]}"); use --models-dir.`);
    const pairs = await listModels(modelsDir, { rehash: v.rehash, signal });
    if (v.json) { io.stdout.write(`${JSON.stringify({ modelsDir, pairs }, null, 2)}\n`); return 0; }
    if (!pairs.length) { io.stdout.write(`No models installed in ${modelsDir}. Import a pair with "semioscope models import <folder>".\n`); return 0; }
    io.stdout.write(`Models in ${modelsDir}:\n`);
    for (const p of pairs) {
      const sense = [p.sees ? 'sees' : '', p.hears ? 'hears' : ''].filter(Boolean).join(' + ');
      io.stdout.write(`${p.name} [${p.id}]: ${formatBytes(p.sizeBytes)}, ${VERIFIED_WORDS[p.verifiedBy]}${p.manifestId ? '' : ', not in the manifest'}, ${sense}` +
        `${p.state === 'ok' ? '' : `, PROBLEM: a file is ${p.state === 'missing' ? 'missing' : p.state === 'size differs' ? 'of another size than imported' : 'changed since import'}`}\n`);
      for (const f of [p.files.model, p.files.mmproj]) io.stdout.write(`  ${f.fileName} (${formatBytes(f.sizeBytes)}, sha256 ${f.sha256.slice(0, 16)}...)\n`);
    }
    return pairs.every((p) => p.state === 'ok') ? 0 : 2;
  }
  throw new UsageError(`Unknown models command "${sub}" (expected import or list).`, { hint: MODELS_HELP });
}
