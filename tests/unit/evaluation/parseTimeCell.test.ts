/** Time and side cells of the S³ layout: the accepted forms, the ambiguous one, and what is refused. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSideCell } from '../../../native-models/evaluation/parseSideCell.ts';
import { parseTimeCell } from '../../../native-models/evaluation/parseTimeCell.ts';

const secs = (raw: string): number | string => {
  const t = parseTimeCell(raw);
  return t.kind === 'time' ? t.seconds : t.kind;
};

describe('parseTimeCell', () => {
  it('reads MM:SS:00 as minutes and seconds (the last field is neither frames nor hours)', () => {
    assert.equal(secs('00:12:00'), 12);
    assert.equal(secs('0:12:00'), 12);
    assert.equal(secs('01:36:00'), 1 * 60 + 36);
    assert.equal(secs(' 02:50:00 '), 2 * 60 + 50);
  });
  it('reads M:SS / MM:SS and plain seconds', () => {
    assert.equal(secs('0:12'), 12);
    assert.equal(secs('1:05'), 65);
    assert.equal(secs('12:00'), 720);
    assert.equal(secs('12'), 12);
    assert.equal(secs('12.5'), 12.5);
  });
  it('empty, N/A, na and - are no time', () => {
    for (const raw of ['', '  ', 'N/A', 'n/a', 'NA', '-']) assert.equal(secs(raw), 'none', raw);
  });
  it('three fields not ending in 00 are ambiguous, never guessed', () => {
    assert.equal(secs('0:01:59'), 'ambiguous');
    assert.equal(secs('00:00:57'), 'ambiguous');
  });
  it('refuses anything else', () => {
    for (const raw of ['0:5', '00:75:00', '1:2:3:4', '12s', 'abc', '-3', '1:60']) assert.equal(secs(raw), 'invalid', raw);
  });
});

describe('parseSideCell', () => {
  it('reads the patient\'s side in its spellings, N/A as none, and refuses the rest', () => {
    assert.equal(parseSideCell('right '), 'right');
    assert.equal(parseSideCell('R'), 'right');
    assert.equal(parseSideCell('Left'), 'left');
    assert.equal(parseSideCell('l'), 'left');
    assert.equal(parseSideCell('both'), 'bilateral');
    assert.equal(parseSideCell('bilateral'), 'bilateral');
    assert.equal(parseSideCell('N/A'), null);
    assert.equal(parseSideCell(''), null);
    assert.equal(parseSideCell('up'), undefined);
  });
});
