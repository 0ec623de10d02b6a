/** Reads an expert label file in the published annotation format (see importAnnotationCsv). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../errors.ts';
import type { AnnotationTable } from './evaluationTypes.ts';
import { importAnnotationCsv } from './importAnnotationCsv.ts';

export async function importLabels(path: string): Promise<AnnotationTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `Label file not found: ${path}` : `Cannot read label file ${path}: ${code ?? (e as Error).message}`);
  }
  if (/\.json$/i.test(path)) throw new InputError(`${basename(path)}: labels must be a CSV in the annotation format, not JSON.`);
  return importAnnotationCsv(text, basename(path), 'labels');
}
