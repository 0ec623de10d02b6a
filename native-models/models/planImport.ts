/**
 * The decisions of a model import, kept free of I/O so they can be tested one by one: which checksum a file
 * must match (the manifest's, else the SHA256SUMS file's, else none), and whether a file already in the model
 * folder can be kept (skipped) or must be copied.
 */
import { InputError } from '../errors.ts';
import type { ManifestFile } from '../contract/modelManifest.ts';
import type { InstalledFile, VerifiedBy } from './installedModels.ts';

export interface ExpectedChecksum {
  sha256: string | null;
  /** Where it comes from; 'unverified' when nothing lists the file. */
  verifiedBy: VerifiedBy;
  /** The list's name for messages ("the manifest", "SHA256SUMS"). */
  from: string | null;
  /** The published size, when the manifest knows it. */
  sizeBytes: number | null;
}

/**
 * The checksum a file must match. The manifest wins; a SHA256SUMS entry that contradicts it means the media
 * does not carry the published file (or the list is wrong): refused rather than guessed.
 */
export function expectedChecksum(fileName: string, manifestFile: ManifestFile | undefined, listed: string | undefined, sumsFileName = 'SHA256SUMS'): ExpectedChecksum {
  const sizeBytes = manifestFile?.sizeBytes ?? null;
  if (manifestFile?.sha256) {
    if (listed && listed !== manifestFile.sha256) {
      throw new InputError(`"${fileName}" is listed in ${sumsFileName} with a checksum other than the published one in Semioscope's model manifest: refused.`,
        { hint: 'The media does not carry the published file, or its list is wrong: download the file again and check it with sha256sum.' });
    }
    return { sha256: manifestFile.sha256, verifiedBy: 'manifest', from: "Semioscope's model manifest", sizeBytes };
  }
  if (listed) return { sha256: listed, verifiedBy: 'SHA256SUMS', from: sumsFileName, sizeBytes };
  return { sha256: null, verifiedBy: 'unverified', from: null, sizeBytes };
}

export type FileDecision =
  /** Already in place and verified the same way: nothing to read or copy. */
  | { action: 'skip' }
  /** In place with the right size but nothing to compare without a hash: hash the source, skip if it equals `recordedSha256`. */
  | { action: 'compare'; recordedSha256: string }
  | { action: 'copy'; reason: 'new' | 'missing' | 'changed' };

export interface FileFacts {
  /** The record of the file in the model folder, if any. */
  installed?: InstalledFile;
  /** Size of the file now in the model folder, null if absent. */
  destSize: number | null;
  sourceSize: number;
  expected: ExpectedChecksum;
  fileName: string;
}

export function decideFile(f: FileFacts): FileDecision {
  if (f.expected.sizeBytes !== null && f.sourceSize !== f.expected.sizeBytes) {
    throw new InputError(`"${f.fileName}" has ${f.sourceSize} bytes but the published file has ${f.expected.sizeBytes}: refused (an incomplete download or another file).`,
      { hint: 'Download the file again on the connected machine and copy it again.' });
  }
  if (!f.installed) return { action: 'copy', reason: 'new' };
  if (f.destSize === null) return { action: 'copy', reason: 'missing' };
  if (f.destSize !== f.installed.sizeBytes || f.sourceSize !== f.installed.sizeBytes) return { action: 'copy', reason: 'changed' };
  if (f.expected.sha256) return f.installed.sha256 === f.expected.sha256 ? { action: 'skip' } : { action: 'copy', reason: 'changed' };
  return { action: 'compare', recordedSha256: f.installed.sha256 };
}

/** A folder name for a pair the manifest does not know, from its model file's name. */
export function unknownPairId(modelFileName: string): string {
  const base = modelFileName.replace(/\.gguf$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return base || 'model';
}
