/**
 * Loads the shipped model manifest (resources/models.json), found two folders up from this file: the
 * checkout's root, or in the packaged app (the engine bundled into app.asar/out/main) the asar's root, where
 * electron-builder.yml's `files` puts resources/models.json. SEMIOSCOPE_MODEL_MANIFEST overrides it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModelManifest, type ManifestPair, type ModelManifest } from '../contract/modelManifest.ts';

export const DEFAULT_MANIFEST_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'models.json');

export function loadModelManifest(file: string = process.env.SEMIOSCOPE_MODEL_MANIFEST ?? DEFAULT_MANIFEST_PATH): ModelManifest {
  return parseModelManifest(readFileSync(file, 'utf8'));
}

/** The manifest pair one of whose files has this name, if any. */
export function manifestPairOfFile(manifest: ModelManifest, fileName: string): ManifestPair | undefined {
  return manifest.pairs.find((p) => p.files.model.fileName === fileName || p.files.mmproj.fileName === fileName);
}
