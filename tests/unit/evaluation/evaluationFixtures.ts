/**
 * Test helpers for the evaluation suite: temp folders, small CSV builders, a runner that captures the
 * command's output, and `realiseCounts`, which turns confusion counts into label/prediction cells.
 * No real annotation data: every file is built here.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { runEvaluateCommand } from '../../../native-models/evaluation/evaluateCommand.ts';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'semioscope-eval-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeText(path: string, text: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
  return path;
}

/** CSV text from a header and rows (no quoting needed for the values tests use). */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], eol = '\n'): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join(eol) + eol;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runEvaluate(argv: string[]): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void): Writable => new Writable({
    write(chunk, _enc, cb) {
      append(String(chunk));
      cb();
    },
  });
  const code = await runEvaluateCommand(argv, {
    stdout: sink((s) => { stdout += s; }),
    stderr: sink((s) => { stderr += s; }),
  });
  return { code, stdout, stderr };
}

/** Synthetic recording names: patient P01..P30, `@`-separated like the published files. */
export function recordingName(i: number, ext = 'mp4', patients = 29): string {
  const p = String((i % patients) + 1).padStart(2, '0');
  return `P${p}@1-1-2024@X${String(i).padStart(3, '0')}@sz_v${i}.${ext}`;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/**
 * Predictions for one feature that realise `counts` against the given labels: yes-labelled rows get
 * tp x yes, fn x no, then `fail`; no-labelled rows get fp x yes, tn x no, then `fail`; rows with an empty
 * label get `yes` (they must be excluded). Throws when the labels have too few rows of a kind.
 */
export function realiseCounts(labels: readonly string[], c: Counts): string[] {
  let yesSeen = 0;
  let noSeen = 0;
  const out = labels.map((l) => {
    if (l === 'yes') {
      const i = yesSeen++;
      return i < c.tp ? 'yes' : i < c.tp + c.fn ? 'no' : 'fail';
    }
    if (l === 'no') {
      const i = noSeen++;
      return i < c.fp ? 'yes' : i < c.fp + c.tn ? 'no' : 'fail';
    }
    return 'yes';
  });
  if (yesSeen < c.tp + c.fn || noSeen < c.fp + c.tn) throw new Error(`labels cannot realise ${JSON.stringify(c)}`);
  return out;
}

/** Label column with `yes` x positives, `no` x negatives, empty x empties, interleaved deterministically. */
export function labelColumn(positives: number, negatives: number, empties: number): string[] {
  const out: string[] = [];
  let p = positives;
  let n = negatives;
  let e = empties;
  for (let i = 0; p + n + e > 0; i++) {
    if (e > 0 && i % 7 === 3) { out.push(''); e--; continue; }
    if (p > 0 && (i % 2 === 0 || n === 0)) { out.push('yes'); p--; continue; }
    if (n > 0) { out.push('no'); n--; continue; }
    if (e > 0) { out.push(''); e--; continue; }
    out.push('yes'); p--;
  }
  return out;
}
