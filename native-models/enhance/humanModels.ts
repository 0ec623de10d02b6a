/**
 * Where @vladmandic/human's model files are and which version they are, without loading TF.js: the ONNX
 * runtime path (the default) needs only the files, and importing TF.js costs the pose worker's start-up
 * several hundred milliseconds of CPU for nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Not named `require`: a bundle of the engine declares its own at the top of the chunk this lands in.
const requireHere = createRequire(import.meta.url);

function humanRoot(): string {
  // The package's exports hide package.json; its Node entry lives in dist/.
  return path.dirname(path.dirname(requireHere.resolve('@vladmandic/human')));
}

/** Folder holding @vladmandic/human's model files (movenet-lightning, centernet, blazeface, ...). */
export function humanModelsDir(): string {
  return path.join(humanRoot(), 'models');
}

export function humanVersion(): string {
  return (JSON.parse(readFileSync(path.join(humanRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
