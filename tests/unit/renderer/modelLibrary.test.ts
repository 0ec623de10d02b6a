/** What the start screen's model list says (renderer/src/start/ModelLibrary.tsx): sizes, and a copy's progress. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importProgressText, sizeText } from '../../../renderer/src/start/ModelLibrary.tsx';

describe('ModelLibrary', () => {
  it('says sizes in GB, MB or kB', () => {
    assert.equal(sizeText(4_681_000_000), '4.7 GB');
    assert.equal(sizeText(812_000_000), '812 MB');
    assert.equal(sizeText(2_400), '2 kB');
  });
  it('says which file is copied or checked and how far', () => {
    assert.equal(importProgressText({ fileName: 'q.gguf', phase: 'copy', bytesDone: 42, totalBytes: 100 }), 'Copying q.gguf: 42 %');
    assert.equal(importProgressText({ fileName: 'm.gguf', phase: 'hash', bytesDone: 0, totalBytes: 0 }), 'Checking m.gguf: 100 %');
  });
});
