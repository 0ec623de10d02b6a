/**
 * Turns one analysis.json (see pipeline/analysisTypes.ts) into a prediction record:
 * present true -> yes, false -> no, status not_assessed -> na, failed -> fail.
 */
import { InputError } from '../errors.ts';
import { ANALYSIS_SCHEMA_VERSION } from '../contract/analysisSchema.ts';
import { isFeatureId } from '../semiology/featureCatalogue.ts';
import type { AnnotationRecord, CellValue } from './evaluationTypes.ts';
import { patientIdOf, recordingKey } from './recordingKey.ts';

export interface ImportedAnalysis {
  record: AnnotationRecord;
  warnings: string[];
}

/** Returns null when the JSON is valid but not an analysis result (so a folder scan can skip it). */
export function importAnalysisJson(text: string, sourceName: string): ImportedAnalysis | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`${sourceName} is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObject(doc) || !Array.isArray(doc.findings) || !isObject(doc.recording)) return null;
  const fileName = doc.recording.fileName;
  if (typeof fileName !== 'string' || fileName.trim() === '') {
    throw new InputError(`${sourceName}: recording.fileName is missing, so it cannot be matched to a label row.`);
  }
  const warnings: string[] = [];
  if (doc.schemaVersion !== ANALYSIS_SCHEMA_VERSION) {
    warnings.push(`${sourceName}: schemaVersion ${String(doc.schemaVersion)} (this evaluator reads ${ANALYSIS_SCHEMA_VERSION}); reading findings anyway.`);
  }
  if (isObject(doc.model) && doc.model.demo === true) {
    warnings.push(`${sourceName}: produced by the random-weight demo model; its findings are meaningless.`);
  }
  const values = new Map<string, CellValue>();
  doc.findings.forEach((f: unknown, i: number) => {
    if (!isObject(f) || typeof f.featureId !== 'string') {
      throw new InputError(`${sourceName}: findings[${i}] has no featureId.`);
    }
    if (!isFeatureId(f.featureId)) {
      warnings.push(`${sourceName}: ignoring finding for unknown feature "${f.featureId}".`);
      return;
    }
    values.set(f.featureId, findingValue(f, `${sourceName} findings[${i}]`));
  });
  return {
    record: { key: recordingKey(fileName), fileName, patientId: patientIdOf(fileName), origin: sourceName, values },
    warnings,
  };
}

function findingValue(f: Record<string, unknown>, where: string): CellValue {
  if (f.present === true) return 'yes';
  if (f.present === false) return 'no';
  if (f.status === 'not_assessed') return 'na';
  if (f.status === 'failed') return 'fail';
  throw new InputError(`${where}: present is ${JSON.stringify(f.present)} with status ${JSON.stringify(f.status)}; expected present true/false, or status not_assessed / failed.`);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
