/** The renderer's CSP: strict, written once, and the same in renderer/index.html's meta tag and the protocol's header. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCsp, RENDERER_CSP_HEADER, RENDERER_CSP_META, securityHeaders } from '../../../native-models/platform/contentSecurityPolicy.ts';

const INDEX_HTML = new URL('../../../renderer/index.html', import.meta.url);

describe('content security policy', () => {
  const csp = parseCsp(RENDERER_CSP_HEADER);

  it("defaults to 'self' and runs only the app's own scripts, compiling WebAssembly but never evaluating JS", () => {
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    // 'wasm-unsafe-eval' (the seek stills' JPEG decoder) and nothing broader: no 'unsafe-eval', no 'unsafe-inline', no other source.
    assert.deepEqual(csp.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
    for (const [name, sources] of csp) assert.equal(sources.includes("'unsafe-eval'"), false, name);
    assert.equal(RENDERER_CSP_HEADER.replaceAll("'wasm-unsafe-eval'", '').includes('unsafe-eval'), false);
    assert.equal(RENDERER_CSP_HEADER.includes('*'), false);
  });

  it('plays media from the app (its protocol) and connects to nothing else', () => {
    assert.deepEqual(csp.get('media-src'), ["'self'", 'blob:']);
    assert.deepEqual(csp.get('connect-src'), ["'self'"]);
    for (const d of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) assert.deepEqual(csp.get(d), ["'none'"], d);
  });

  it('is the meta tag of renderer/index.html (without frame-ancestors, which a meta tag cannot carry)', () => {
    const html = readFileSync(INDEX_HTML, 'utf8');
    const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    assert.ok(m, 'index.html has a CSP meta tag');
    assert.equal(m[1], RENDERER_CSP_META);
    assert.equal(parseCsp(RENDERER_CSP_META).has('frame-ancestors'), false);
    assert.equal(RENDERER_CSP_HEADER.startsWith(RENDERER_CSP_META), true);
  });

  it('goes out as a header with nosniff', () => {
    const h = securityHeaders();
    assert.equal(h['content-security-policy'], RENDERER_CSP_HEADER);
    assert.equal(h['x-content-type-options'], 'nosniff');
  });
});
