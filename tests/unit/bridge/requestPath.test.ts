/** The bridge's request paths: segments decoded, every form of `..` and encoded escape refused before URL normalisation could hide it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRequestPath } from '../../../native-models/bridge/requestPath.ts';

describe('parseRequestPath', () => {
  it('splits the path into decoded segments and keeps the query', () => {
    assert.deepEqual(parseRequestPath('/')?.segments, []);
    const p = parseRequestPath('/api/analysis:start?token=abc&x=1');
    assert.deepEqual(p?.segments, ['api', 'analysis:start']);
    assert.equal(p?.query.get('token'), 'abc');
    assert.deepEqual(parseRequestPath('/assets/a%20b.js')?.segments, ['assets', 'a b.js']);
  });

  it('refuses dot segments, encoded dots, slashes and backslashes, control bytes and empty segments', () => {
    for (const raw of ['/..', '/a/../b', '/./a', '/%2e%2e/x', '/%2E%2e/x', '/.%2e/x', '/a%2fb', '/a%5Cb', '/a\\b', '/a%00', '/a%0a', '//etc/passwd', '/a//b',
      'http://evil.example/', '', undefined, '/%zz']) {
      assert.equal(parseRequestPath(raw), null, String(raw));
    }
  });
});
