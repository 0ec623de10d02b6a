/** Navigation, new windows and webviews: only the app's own page, nothing else. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { denyWebviewAttach, denyWindowOpen, guardNavigation } from '../../../electron/security/navigationGuards.ts';
import { APP_INDEX_URL, isAppUrl } from '../../../electron/security/appScheme.ts';

/** Stands for Electron's event object: records preventDefault. */
function fakeEvent() {
  return { prevented: false, preventDefault() { this.prevented = true; } };
}

describe('navigation guards', () => {
  it("lets the window move inside the app's own origin", () => {
    for (const url of [APP_INDEX_URL, 'semioscope://app/review?sha=abc', 'SEMIOSCOPE://APP/index.html']) {
      const e = fakeEvent();
      assert.equal(guardNavigation(e, url), 'allow', url);
      assert.equal(e.prevented, false);
    }
  });

  for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'semioscope://evil/index.html',
    'semioscope://app.evil.org/', 'javascript:alert(1)', 'data:text/html,<h1>x</h1>', 'about:blank', 'not a url']) {
    it(`refuses to navigate to ${url}`, () => {
      const e = fakeEvent();
      assert.equal(guardNavigation(e, url), 'deny');
      assert.equal(e.prevented, true);
      assert.equal(isAppUrl(url), false);
    });
  }

  it('opens no new window, not even to the app, and attaches no webview', () => {
    assert.deepEqual(denyWindowOpen({ url: 'https://example.org' }), { action: 'deny' });
    assert.deepEqual(denyWindowOpen({ url: APP_INDEX_URL }), { action: 'deny' });
    const e = fakeEvent();
    assert.equal(denyWebviewAttach(e), 'deny');
    assert.equal(e.prevented, true);
  });
});
