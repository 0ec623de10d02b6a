/**
 * `semioscope models import <folder>`: copies the model pairs found on removable media into the app's model
 * folder, one folder per pair. For each pair: the engine's GGUF checks first (validateModelPair: cheap header
 * reads, before GBs are copied), and for a supported pair that its files are what the manifest says (the
 * architecture and projector type); then each file is copied and hashed in one pass and must match the
 * manifest's checksum, else the SHA256SUMS file's; both files are renamed into place only when both passed,
 * and the record (installed.json) is written last. A pair the manifest does not know, or a file no list
 * names, is accepted with a warning. Already installed and verified files are skipped.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CancelledError, InputError } from '../errors.ts';
import type { ModelManifest } from '../contract/modelManifest.ts';
import { makeFolder } from '../platform/makeFolder.ts';
import { inspectModelFile } from '../vlm/inspectModelFile.ts';
import { validateModelPair } from '../vlm/validateModelPair.ts';
import { copyVerified, hashFile, type CopyProgress } from './copyVerified.ts';
import { findPairsInFolder, type ChosenFiles, type SourcePair } from './findPairsInFolder.ts';
import { fileState, pairFolder, pairVerifiedBy, readInstalled, recordInstalled, type InstalledFile, type InstalledPair, type VerifiedBy } from './installedModels.ts';
import { decideFile, expectedChecksum, unknownPairId } from './planImport.ts';
import { listedHash, readSha256Sums } from './sha256Sums.ts';

export interface ImportOptions {
  modelsDir: string;
  manifest: ModelManifest;
  chosen?: ChosenFiles;
  onProgress?: (p: CopyProgress & { phase: 'copy' | 'hash' }) => void;
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

export interface ImportedFile {
  fileName: string;
  action: 'copied' | 'skipped';
  sizeBytes: number;
  verifiedBy: VerifiedBy;
  /** Bytes taken from an interrupted earlier copy (0: copied whole, or skipped). */
  resumedFromBytes: number;
}

export interface ImportedPair {
  id: string;
  name: string;
  known: boolean;
  verifiedBy: VerifiedBy;
  files: ImportedFile[];
  folder: string;
}

const ROLES = { model: 'model file', mmproj: 'projector file' };

async function importPair(src: SourcePair, sums: ReturnType<typeof readSha256Sums>, o: ImportOptions): Promise<ImportedPair> {
  const warn = o.onWarning ?? (() => {});
  const modelName = path.basename(src.model);
  const projName = path.basename(src.mmproj);
  // GGUF checks on the media's files before anything is copied.
  const { hasVision } = await inspectModelFile(src.mmproj, ROLES.mmproj);
  const checked = await validateModelPair(src.model, src.mmproj, { need: src.manifest ? (src.manifest.sees ? 'vision' : 'audio') : (hasVision ? 'vision' : 'audio'), roles: ROLES });
  const m = src.manifest;
  if (m) {
    if (checked.model.architecture !== m.architecture) {
      throw new InputError(`"${modelName}" has the name of ${m.name}'s model file but is a ${checked.model.architecture} model, not ${m.architecture}: refused.`,
        { hint: 'The file was renamed or is another model: copy the published file again.' });
    }
    if (!checked.mmproj.projectorTypes.includes(m.projectorType)) {
      throw new InputError(`"${projName}" has the name of ${m.name}'s projector but its type is ${checked.mmproj.projectorTypes.join(' + ') || 'unknown'}, not ${m.projectorType}: refused.`,
        { hint: 'The file was renamed or is another projector: copy the published file again.' });
    }
  } else {
    warn(`"${modelName}" + "${projName}" is not a pair Semioscope's model manifest lists (${checked.model.name}); ` +
      'it passed the GGUF checks and is imported, but its answers have not been validated by the project.');
  }
  const id = m?.id ?? unknownPairId(modelName);
  const dir = pairFolder(o.modelsDir, id);
  makeFolder(dir);
  const previous = readInstalled(o.modelsDir).find((p) => p.id === id);
  const staged: { from: string; to: string }[] = [];
  const results: Record<'model' | 'mmproj', InstalledFile & { action: 'copied' | 'skipped'; resumedFromBytes: number }> = {} as never;
  try {
    for (const role of ['model', 'mmproj'] as const) {
      if (o.signal?.aborted) throw new CancelledError('Import cancelled: nothing more was copied; run the import again to continue.');
      const source = role === 'model' ? src.model : src.mmproj;
      const fileName = path.basename(source);
      const dest = path.join(dir, fileName);
      const expected = expectedChecksum(fileName, m?.files[role], listedHash(sums, fileName), sums?.fileName);
      const installed = previous?.files[role].fileName === fileName ? previous.files[role] : undefined;
      const sourceSize = statSync(source).size;
      const decision = decideFile({ installed, destSize: existsSync(dest) ? statSync(dest).size : null, sourceSize, expected, fileName });
      let keep = decision.action === 'skip';
      if (decision.action === 'compare') {
        keep = (await hashFile(source, { signal: o.signal, onProgress: (p) => o.onProgress?.({ ...p, phase: 'hash' }) })) === decision.recordedSha256;
      }
      if (keep) {
        // Verified now as strongly as this import can (a SHA256SUMS brought later upgrades an unverified file).
        const verifiedBy = expected.sha256 ? expected.verifiedBy : installed!.verifiedBy;
        results[role] = { ...installed!, verifiedBy, action: 'skipped', resumedFromBytes: 0 };
        continue;
      }
      if (!expected.sha256) warn(`"${fileName}" has no checksum in the manifest${sums ? ` or in ${sums.fileName}` : ' and there is no SHA256SUMS file beside it'}: it is copied unverified.`);
      const copy = await copyVerified(source, dest, {
        expectedSha256: expected.sha256 ?? undefined, expectedFrom: expected.from ?? undefined, signal: o.signal, commit: false,
        onProgress: (p) => o.onProgress?.({ ...p, phase: 'copy' }),
      });
      staged.push({ from: copy.at, to: dest });
      results[role] = { fileName, sha256: copy.sha256, sizeBytes: copy.bytes, verifiedBy: expected.verifiedBy, action: 'copied', resumedFromBytes: copy.resumedFrom };
    }
  } catch (e) {
    // A refused file: nothing of this pair's copy stays behind (a cancelled copy keeps its .partial to resume).
    if (!o.signal?.aborted) {
      for (const s of staged) rmSync(s.from, { force: true });
      if (!previous && !readdirSync(dir).length) rmSync(dir, { recursive: true, force: true });
    }
    throw e;
  }
  for (const s of staged) renameSync(s.from, s.to);
  // Files of an earlier import of this pair under other names are no longer the pair's.
  for (const n of readdirSync(dir)) {
    if (/\.gguf$/i.test(n) && n !== results.model.fileName && n !== results.mmproj.fileName) rmSync(path.join(dir, n), { force: true });
  }
  const strip = ({ action: _a, resumedFromBytes: _r, ...f }: InstalledFile & { action: string; resumedFromBytes: number }): InstalledFile => f;
  const record: InstalledPair = {
    id, name: m?.name ?? checked.model.name, manifestId: m?.id ?? null,
    architecture: checked.model.architecture, projectorType: checked.mmproj.projectorTypes.join('+') || 'unknown',
    sees: checked.hasVision, hears: checked.hasAudio,
    files: { model: strip(results.model), mmproj: strip(results.mmproj) },
    importedAt: new Date().toISOString(),
  };
  recordInstalled(o.modelsDir, record);
  return {
    id, name: record.name, known: Boolean(m), verifiedBy: pairVerifiedBy(record), folder: dir,
    files: (['model', 'mmproj'] as const).map((r) => ({ fileName: results[r].fileName, action: results[r].action, sizeBytes: results[r].sizeBytes, verifiedBy: results[r].verifiedBy, resumedFromBytes: results[r].resumedFromBytes })),
  };
}

export async function importModels(folder: string, o: ImportOptions): Promise<ImportedPair[]> {
  const sums = readSha256Sums(folder);
  const pairs = await findPairsInFolder(folder, o.manifest, o.chosen);
  const done: ImportedPair[] = [];
  for (const p of pairs) done.push(await importPair(p, sums, o));
  return done;
}

export interface ListedPair extends InstalledPair {
  verifiedBy: VerifiedBy;
  state: ReturnType<typeof fileState>;
  sizeBytes: number;
}

/** What the model folder holds, each pair with the state of its files (hashed again with `rehash`). */
export async function listModels(modelsDir: string, options: { rehash?: boolean; signal?: AbortSignal } = {}): Promise<ListedPair[]> {
  const out: ListedPair[] = [];
  for (const p of readInstalled(modelsDir)) {
    let state: ReturnType<typeof fileState> = 'ok';
    for (const f of [p.files.model, p.files.mmproj]) {
      const file = path.join(pairFolder(modelsDir, p.id), f.fileName);
      let s = fileState(modelsDir, p, f);
      if (s === 'ok' && options.rehash) s = fileState(modelsDir, p, f, await hashFile(file, { signal: options.signal }));
      if (s !== 'ok' && state === 'ok') state = s;
    }
    out.push({ ...p, verifiedBy: pairVerifiedBy(p), state, sizeBytes: p.files.model.sizeBytes + p.files.mmproj.sizeBytes });
  }
  return out;
}
