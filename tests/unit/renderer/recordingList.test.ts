/** What the start screen's list of analysed recordings says (renderer/src/start/RecordingList.tsx): the signs present in words, the date in the workstation's locale. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analysedAtText, presentText } from '../../../renderer/src/start/RecordingList.tsx';

const label = (id: string) => id.replace(/_/g, ' ');

describe('RecordingList', () => {
  it('names the present signs, shortening a long list, and says when nothing is present', () => {
    assert.equal(presentText([], label), 'nothing present');
    assert.equal(presentText(['tonic'], label), 'tonic present');
    assert.equal(presentText(['tonic', 'clonic', 'head_turning'], label), 'tonic, clonic, head turning present');
    assert.equal(presentText(['tonic', 'clonic', 'head_turning', 'blank_stare', 'figure4'], label), 'tonic, clonic, head turning and 2 more present');
  });

  it('shows a valid date in the locale and an unreadable one as it is', () => {
    const shown = analysedAtText('2025-03-14T10:22:00.000Z');
    assert.ok(/2025/.test(shown) && shown !== '2025-03-14T10:22:00.000Z', shown);
    assert.equal(analysedAtText('not a date'), 'not a date');
  });
});
