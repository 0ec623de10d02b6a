/**
 * The record of the model folder (`installed.json`): which pairs `semioscope models import` put there, their
 * files' sizes and sha256 as computed while copying, and how each was verified (against the manifest,
 * against a SHA256SUMS file, or not at all). Lets a re-import skip what is already in place without reading a
 * multi-GB file again, and `semioscope models list` say what is installed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { makeFolder } from '../platform/makeFolder.ts';
import { writeFileAtomic } from '../platform/writeFileAtomic.ts';

export const RECORD_FILE = 'installed.json';
export const VERIFIED_BY = ['manifest', 'SHA256SUMS', 'unverified'] as const;
export type VerifiedBy = (typeof VERIFIED_BY)[number];

const installedFileSchema = z.strictObject({
  fileName: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  verifiedBy: z.enum(VERIFIED_BY),
});
export type InstalledFile = z.infer<typeof installedFileSchema>;

const installedPairSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  /** The manifest's id when the pair is a supported one, else null (an unknown pair, accepted with a warning). */
  manifestId: z.string().nullable(),
  architecture: z.string(),
  projectorType: z.string(),
  sees: z.boolean(),
  hears: z.boolean(),
  files: z.strictObject({ model: installedFileSchema, mmproj: installedFileSchema }),
  importedAt: z.string(),
});
export type InstalledPair = z.infer<typeof installedPairSchema>;

const recordSchema = z.strictObject({ recordVersion: z.literal(1), pairs: z.array(installedPairSchema) });

/** The weakest verification of a pair's two files decides the pair's. */
export function pairVerifiedBy(p: Pick<InstalledPair, 'files'>): VerifiedBy {
  return VERIFIED_BY[Math.max(VERIFIED_BY.indexOf(p.files.model.verifiedBy), VERIFIED_BY.indexOf(p.files.mmproj.verifiedBy))]!;
}

export function readInstalled(modelsDir: string): InstalledPair[] {
  const file = path.join(modelsDir, RECORD_FILE);
  if (!existsSync(file)) return [];
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
    throw new InputError(`The model folder's ${RECORD_FILE} is not readable JSON (${(e as Error).message}).`,
      { cause: e, hint: `Delete ${RECORD_FILE} in the model folder and import the models again (files already there are checked and kept).` });
  }
  const r = recordSchema.safeParse(raw);
  if (!r.success) {
    throw new InputError(`The model folder's ${RECORD_FILE} is not a Semioscope model record.`,
      { hint: `Delete ${RECORD_FILE} in the model folder and import the models again.` });
  }
  return r.data.pairs;
}

/** Adds or replaces a pair (by id) in the record, written atomically. */
export function recordInstalled(modelsDir: string, pair: InstalledPair): void {
  makeFolder(modelsDir);
  const pairs = readInstalled(modelsDir).filter((p) => p.id !== pair.id);
  pairs.push(pair);
  pairs.sort((a, b) => a.id.localeCompare(b.id));
  writeFileAtomic(path.join(modelsDir, RECORD_FILE), `${JSON.stringify({ recordVersion: 1, pairs }, null, 2)}\n`);
}

export function pairFolder(modelsDir: string, id: string): string {
  return path.join(modelsDir, id);
}

export type InstalledState = 'ok' | 'missing' | 'size differs' | 'checksum differs';

/** Whether an installed file is still what was recorded: present with its size (and, when hashed, its sha256). */
export function fileState(modelsDir: string, pair: InstalledPair, file: InstalledFile, sha256?: string): InstalledState {
  const p = path.join(pairFolder(modelsDir, pair.id), file.fileName);
  if (!existsSync(p)) return 'missing';
  if (statSync(p).size !== file.sizeBytes) return 'size differs';
  if (sha256 !== undefined && sha256 !== file.sha256) return 'checksum differs';
  return 'ok';
}
