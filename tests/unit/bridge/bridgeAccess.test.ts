/** Who may talk to the bridge: its own Host, its own Origin (when sent), and the token by header, query or the per-port cookie. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccess, newBridgeToken, tokenCookie } from '../../../native-models/bridge/bridgeAccess.ts';

const token = newBridgeToken();
const port = 4321;
const q = (s = '') => new URLSearchParams(s);
const host = { host: `127.0.0.1:${port}` };

describe('checkAccess', () => {
  it('makes a new 256-bit URL-safe token each time', () => {
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newBridgeToken(), token);
  });

  it('accepts the token by bearer header, query (a page load) or cookie', () => {
    assert.deepEqual(checkAccess({ ...host, authorization: `Bearer ${token}` }, q(), port, token), { ok: true, viaQuery: false });
    assert.deepEqual(checkAccess(host, q(`token=${token}`), port, token), { ok: true, viaQuery: true });
    assert.deepEqual(checkAccess({ ...host, cookie: `a=b; semioscope_${port}=${token}` }, q(), port, token), { ok: true, viaQuery: false });
    assert.deepEqual(checkAccess({ host: `localhost:${port}`, authorization: `Bearer ${token}` }, q(), port, token), { ok: true, viaQuery: false });
  });

  it('refuses a missing or wrong token (401), including another port\'s cookie', () => {
    for (const headers of [host, { ...host, authorization: `Bearer ${token}x` }, { ...host, cookie: `semioscope_${port + 1}=${token}` }, { ...host, authorization: token }]) {
      const v = checkAccess(headers, q(), port, token);
      assert.equal(v.ok ? 200 : v.status, 401);
    }
    const wrongQuery = checkAccess(host, q('token=nope'), port, token);
    assert.equal(wrongQuery.ok ? 200 : wrongQuery.status, 401);
  });

  it('refuses another Host or Origin (403) even with the token', () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const headers of [{ ...auth, host: `evil.example:${port}` }, { ...auth, host: '127.0.0.1' }, { ...auth, host: `127.0.0.1:${port + 1}` }, auth,
      { ...auth, ...host, origin: 'http://evil.example' }, { ...auth, ...host, origin: 'null' }, { ...auth, ...host, origin: `https://127.0.0.1:${port}` },
      { ...auth, ...host, 'sec-fetch-site': 'cross-site' }]) {
      const v = checkAccess(headers, q(), port, token);
      assert.equal(v.ok ? 200 : v.status, 403, JSON.stringify(headers));
    }
    assert.equal(checkAccess({ ...auth, ...host, origin: `http://127.0.0.1:${port}` }, q(), port, token).ok, true);
  });

  it('sets an HttpOnly, SameSite=Strict cookie per port', () => {
    assert.equal(tokenCookie(port, token), `semioscope_${port}=${token}; Path=/; HttpOnly; SameSite=Strict`);
  });
});
