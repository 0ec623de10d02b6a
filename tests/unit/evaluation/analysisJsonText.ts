/** analysis.json texts for the importer tests: a whole valid document, optionally edited to break one part. */
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';
import type { Finding } from '../../../native-models/contract/analysisSchema.ts';

/** A whole, valid analysis.json text for `fileName`; `edit` may then break or change any part of it. */
export function analysis(fileName: string, findings: Finding[], edit: (doc: Record<string, any>) => void = () => {}): string {
  const doc = analysisSkeleton(fileName, findings) as unknown as Record<string, any>;
  edit(doc);
  return JSON.stringify(doc, null, 2);
}
export const finding = (featureId: Finding['featureId'], _present: boolean | null, status: Finding['status']): Finding => findingOf(featureId, status);
