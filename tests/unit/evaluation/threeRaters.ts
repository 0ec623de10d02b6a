/** Three raters' annotation tables over four recordings (two of them patient P1's), for the agreement and consensus tests. */
import type { AnnotationTable, CellValue } from '../../../native-models/evaluation/evaluationTypes.ts';

function table(name: string, rows: Record<string, Record<string, CellValue>>): AnnotationTable {
  const features = ['blank_stare', 'tonic'];
  return {
    source: name, features, warnings: [],
    records: Object.entries(rows).map(([key, v]) => ({
      key, fileName: `${key}.mp4`, patientId: key.split('@')[0]!, origin: name, values: new Map(Object.entries(v)),
    })),
  };
}

const r1 = table('r1', { 'P1@a': { blank_stare: 'yes', tonic: 'no' }, 'P1@b': { blank_stare: 'no', tonic: 'no' }, 'P2@c': { blank_stare: 'yes', tonic: 'yes' }, 'P3@d': { blank_stare: 'no', tonic: null } });
const r2 = table('r2', { 'P1@a': { blank_stare: 'yes', tonic: 'no' }, 'P1@b': { blank_stare: 'yes', tonic: 'no' }, 'P2@c': { blank_stare: 'yes', tonic: 'yes' }, 'P3@d': { blank_stare: 'no', tonic: 'yes' } });
const r3 = table('r3', { 'P1@a': { blank_stare: 'no', tonic: 'no' }, 'P1@b': { blank_stare: 'no', tonic: 'yes' }, 'P2@c': { blank_stare: 'yes', tonic: 'yes' }, 'P3@d': { blank_stare: 'no', tonic: 'no' } });
export const raters = [{ name: 'r1', table: r1 }, { name: 'r2', table: r2 }, { name: 'r3', table: r3 }];
