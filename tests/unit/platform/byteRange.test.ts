/** Range answers for local media: whole file, open and closed ranges, suffix ranges, and 416 outside the file. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerRange, mediaContentType } from '../../../native-models/platform/byteRange.ts';

describe('answerRange', () => {
  const size = 1000;
  it('no Range: 200 with the whole length', () => {
    const a = answerRange(undefined, size, 'video/mp4');
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-length'], '1000');
    assert.equal(a.headers['accept-ranges'], 'bytes');
  });
  for (const [header, start, end] of [['bytes=0-', 0, 999], ['bytes=100-199', 100, 199], ['bytes=900-5000', 900, 999], ['bytes=-100', 900, 999], ['bytes=-5000', 0, 999], ['bytes=10-19, 30-39', 10, 19]] as const) {
    it(`${header}: 206 ${start}-${end}`, () => {
      const a = answerRange(header, size, 'video/mp4');
      assert.equal(a.status, 206);
      if (a.status !== 206) return;
      assert.deepEqual([a.start, a.end], [start, end]);
      assert.equal(a.headers['content-range'], `bytes ${start}-${end}/1000`);
      assert.equal(a.headers['content-length'], String(end - start + 1));
    });
  }
  for (const header of ['bytes=1000-', 'bytes=2000-3000', 'bytes=500-100', 'bytes=-0']) {
    it(`${header}: 416`, () => {
      const a = answerRange(header, size, 'video/mp4');
      assert.equal(a.status, 416);
      assert.equal(a.headers['content-range'], 'bytes */1000');
    });
  }
  it('a header that is not a byte range is ignored (200)', () => {
    assert.equal(answerRange('items=0-5', size, 'video/mp4').status, 200);
  });
  it('content types by extension', () => {
    assert.equal(mediaContentType('Bed 2.MP4'), 'video/mp4');
    assert.equal(mediaContentType('x.unknown'), 'application/octet-stream');
  });
});
