/** Writes an annotation table back in the published format (file_name + one column per feature). */
import type { AnnotationTable } from './evaluationTypes.ts';
import { formatCsv } from './formatCsv.ts';

export function annotationCsv(t: AnnotationTable): string {
  return formatCsv([
    ['file_name', ...t.features],
    ...t.records.map((r) => [r.fileName, ...t.features.map((f) => r.values.get(f) ?? '')]),
  ]);
}
