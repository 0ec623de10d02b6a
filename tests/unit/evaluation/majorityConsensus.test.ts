/** majorityConsensus: a strict majority of all raters, otherwise an empty cell that is counted. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CellValue } from '../../../native-models/evaluation/evaluationTypes.ts';
import { majorityConsensus } from '../../../native-models/evaluation/majorityConsensus.ts';
import { raters } from './threeRaters.ts';

describe('majorityConsensus', () => {
  it('majority vote needs a strict majority of all raters; otherwise the cell stays empty and is counted', () => {
    const c = majorityConsensus(raters);
    const get = (k: string, f: string): CellValue => c.table.records.find((r) => r.key === k)!.values.get(f) ?? null;
    assert.equal(get('P1@a', 'blank_stare'), 'yes');
    assert.equal(get('P1@b', 'blank_stare'), 'no');
    assert.equal(get('P3@d', 'tonic'), null); // one yes, one no, one empty: no majority of 3
    assert.equal(c.unresolved.get('tonic'), 1);
    assert.equal(c.unresolved.get('blank_stare'), 0);
  });
});
