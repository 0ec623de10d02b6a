/**
 * Reads an expert label file in the published annotation format (see importAnnotationCsv), or a file of
 * timed and lateralized labels only (--timed-labels, the layout of the public S³ annotations).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../errors.ts';
import type { AnnotationTable } from './evaluationTypes.ts';
import { importAnnotationCsv } from './importAnnotationCsv.ts';

export async function importLabels(path: string): Promise<AnnotationTable> {
  return importAnnotationCsv(await readLabelText(path), basename(path), 'labels');
}

export async function importTimedLabels(path: string): Promise<AnnotationTable> {
  return importAnnotationCsv(await readLabelText(path), basename(path), 'timed');
}

async function readLabelText(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `Label file not found: ${path}` : `Cannot read label file ${path}: ${code ?? (e as Error).message}`);
  }
  if (/\.json$/i.test(path)) throw new InputError(`${basename(path)}: labels must be a CSV in the annotation format, not JSON.`);
  return text;
}
