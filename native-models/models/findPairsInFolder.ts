/**
 * Finds the model pairs in a folder of removable media: every supported pair (by the manifest's file names)
 * whose two files are there, and at most one other pair (one language model + one projector, told apart by
 * their GGUF headers), or exactly the two files the user named.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import type { ManifestPair, ModelManifest } from '../contract/modelManifest.ts';
import { inspectModelFile } from '../vlm/inspectModelFile.ts';
import { manifestPairOfFile } from './loadModelManifest.ts';

export interface SourcePair {
  /** The supported pair the files are, or null for a pair the manifest does not know. */
  manifest: ManifestPair | null;
  model: string;
  mmproj: string;
}

export interface ChosenFiles {
  model?: string;
  mmproj?: string;
}

function ggufFilesOf(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new InputError(`The folder "${path.basename(folder)}" does not exist or is not a folder.`, { hint: 'Give the folder on the removable media that holds the .gguf files.' });
  }
  return readdirSync(folder).filter((n) => /\.gguf$/i.test(n) && !n.startsWith('.')).sort();
}

export async function findPairsInFolder(folder: string, manifest: ModelManifest, chosen: ChosenFiles = {}): Promise<SourcePair[]> {
  const files = ggufFilesOf(folder);
  const at = (n: string) => path.join(folder, n);
  if (chosen.model || chosen.mmproj) {
    if (!chosen.model || !chosen.mmproj) throw new InputError('Name both files of the pair: the language model and its projector (mmproj).');
    for (const n of [chosen.model, chosen.mmproj]) {
      if (path.basename(n) !== n) throw new InputError(`"${path.basename(n)}": name the file as it is in the folder, without a path.`);
      if (!files.includes(n)) throw new InputError(`"${n}" is not in the folder "${path.basename(folder)}".`);
    }
    const m = manifestPairOfFile(manifest, chosen.model);
    const known = m && m.files.model.fileName === chosen.model && m.files.mmproj.fileName === chosen.mmproj ? m : null;
    return [{ manifest: known, model: at(chosen.model), mmproj: at(chosen.mmproj) }];
  }
  if (!files.length) {
    throw new InputError(`There is no .gguf file in the folder "${path.basename(folder)}".`,
      { hint: 'Give the folder that holds the model file and its mmproj-*.gguf projector.' });
  }
  const pairs: SourcePair[] = [];
  const used = new Set<string>();
  for (const p of manifest.pairs) {
    const hasModel = files.includes(p.files.model.fileName);
    const hasProj = files.includes(p.files.mmproj.fileName);
    if (hasModel && hasProj) {
      pairs.push({ manifest: p, model: at(p.files.model.fileName), mmproj: at(p.files.mmproj.fileName) });
      used.add(p.files.model.fileName).add(p.files.mmproj.fileName);
    }
  }
  const rest = files.filter((n) => !used.has(n));
  if (rest.length) {
    const kinds = await Promise.all(rest.map(async (n) => ({ n, kind: (await inspectModelFile(at(n), 'model')).kind })));
    const models = kinds.filter((k) => k.kind === 'model').map((k) => k.n);
    const projs = kinds.filter((k) => k.kind === 'mmproj').map((k) => k.n);
    if (models.length === 1 && projs.length === 1) {
      const m = manifestPairOfFile(manifest, models[0]!) ?? manifestPairOfFile(manifest, projs[0]!);
      if (m) {
        const missing = files.includes(m.files.model.fileName) ? m.files.mmproj.fileName : m.files.model.fileName;
        throw new InputError(`"${missing}" of ${m.name} is not in the folder "${path.basename(folder)}", which has "${models[0]}" and "${projs[0]}".`,
          { hint: `Copy both published files of the pair, or name the two files to import with --model and --mmproj.` });
      }
      pairs.push({ manifest: null, model: at(models[0]!), mmproj: at(projs[0]!) });
    } else if (!pairs.length || models.length || projs.length) {
      throw new InputError(`The folder "${path.basename(folder)}" has ${models.length} language model(s) and ${projs.length} projector(s) ` +
        `that do not make up one pair (${rest.join(', ')}).`, { hint: 'Name the two files to import with --model and --mmproj.' });
    }
  }
  return pairs;
}
