/** The renderer's requests: local schemes and loopback only, plus a model server the user configured. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beforeRequestDecision, isLoopbackHost, isRequestAllowed, normaliseOrigin } from '../../../electron/security/networkFilter.ts';

describe('network filter', () => {
  for (const url of ['semioscope://app/index.html', 'semioscope://app/media/0123456789abcdef0123456789abcdef', 'file:///opt/app/index.html',
    'data:image/png;base64,AAAA', 'blob:semioscope://app/1234', 'http://127.0.0.1:8080/v1/models', 'https://localhost/', 'http://[::1]:9000/x',
    'ws://localhost:5173/', 'http://127.1.2.3/']) {
    it(`allows ${url}`, () => assert.deepEqual(beforeRequestDecision({ url }), { cancel: false }));
  }
  for (const url of ['https://example.org/', 'http://192.168.1.20:8080/', 'http://127.0.0.1.nip.io/', 'http://localhost.example.com/',
    'ftp://127.0.0.1/', 'chrome://settings', 'http://user:pw@127.0.0.1/', 'http://0.0.0.0/', 'http://[::ffff:8.8.8.8]/', 'nonsense', 'http://127.0.0.300/']) {
    it(`cancels ${url}`, () => assert.deepEqual(beforeRequestDecision({ url }), { cancel: true }));
  }

  it('allows exactly the model server origin the user configured', () => {
    const policy = { allowedOrigins: ['http://gpu-box.ward.local:8080/v1', 'not a url'] };
    assert.equal(isRequestAllowed('http://gpu-box.ward.local:8080/v1/chat/completions', policy), true);
    assert.equal(isRequestAllowed('http://gpu-box.ward.local:8081/', policy), false);
    assert.equal(isRequestAllowed('https://gpu-box.ward.local:8080/', policy), false);
    assert.equal(isRequestAllowed('http://other.ward.local:8080/', policy), false);
    assert.equal(normaliseOrigin('file:///x'), null);
  });

  it('knows loopback hosts', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('LOCALHOST'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('10.0.0.1'), false);
  });
});
