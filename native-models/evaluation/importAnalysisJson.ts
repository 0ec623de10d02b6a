/**
 * Turns one analysis.json (the contract in contract/analysisSchema.ts, checked by parseAnalysisJson) into a
 * prediction record: present true -> yes, false -> no, status not_assessed -> na, failed -> fail; and the
 * predicted onsets, offsets and sides with their sources (analysisTiming.ts).
 */
import type { Finding } from '../contract/analysisSchema.ts';
import { checkAnalysis, parseJsonText } from '../contract/parseAnalysisJson.ts';
import { analysisTiming } from './analysisTiming.ts';
import type { AnnotationRecord, CellValue } from './evaluationTypes.ts';
import { patientIdOf, recordingKey } from './recordingKey.ts';

export interface ImportedAnalysis {
  record: AnnotationRecord;
  warnings: string[];
  timedFeatures: string[];
  lateralityItems: string[];
}

/**
 * Returns null when the JSON is valid but not an analysis result (no `recording` object and `findings` list),
 * so a folder scan can skip it; an analysis with a wrong field is an InputError naming the field.
 */
export function importAnalysisJson(text: string, sourceName: string): ImportedAnalysis | null {
  const doc = parseJsonText(text, sourceName);
  if (!isObject(doc) || !Array.isArray(doc.findings) || !isObject(doc.recording)) return null;
  const analysis = checkAnalysis(doc, sourceName);
  const warnings: string[] = [];
  if (analysis.model.demo) {
    warnings.push(`${sourceName}: produced by the random-weight demo model; its findings are meaningless.`);
  }
  const fileName = analysis.recording.fileName;
  const values = new Map<string, CellValue>(analysis.findings.map((f) => [f.featureId, findingValue(f)]));
  const t = analysisTiming(analysis);
  return {
    record: { key: recordingKey(fileName), fileName, patientId: patientIdOf(fileName), origin: sourceName, values, timing: t.timing },
    warnings,
    timedFeatures: t.timedFeatures,
    lateralityItems: t.lateralityItems,
  };
}

function findingValue(f: Finding): CellValue {
  switch (f.status) {
    case 'present': return 'yes';
    case 'absent': return 'no';
    case 'not_assessed': return 'na';
    case 'failed': return 'fail';
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
