/** The review window's webPreferences: every item of Electron's security checklist set explicitly. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mainWindowOptions, secureWebPreferences } from '../../../electron/security/windowOptions.ts';

describe('window options', () => {
  it('isolates, sandboxes and strips Node from the page', () => {
    const w = secureWebPreferences('/app/out/preload/preload.cjs');
    assert.equal(w.contextIsolation, true);
    assert.equal(w.sandbox, true);
    assert.equal(w.nodeIntegration, false);
    assert.equal(w.nodeIntegrationInWorker, false);
    assert.equal(w.nodeIntegrationInSubFrames, false);
    assert.equal(w.webSecurity, true);
    assert.equal(w.allowRunningInsecureContent, false);
    assert.equal(w.experimentalFeatures, false);
    assert.equal(w.webviewTag, false);
    assert.equal(w.navigateOnDragDrop, false);
    assert.equal(w.preload, '/app/out/preload/preload.cjs');
    assert.equal(w.preload.endsWith('.cjs'), true);
  });

  it('sets no option that weakens the page (no blink features, no remote, no insecure flags)', () => {
    const w = mainWindowOptions('/p.cjs').webPreferences as unknown as Record<string, unknown>;
    for (const risky of ['enableBlinkFeatures', 'enableRemoteModule', 'additionalArguments', 'disableBlinkFeatures']) {
      assert.equal(risky in w, false, risky);
    }
    assert.deepEqual(Object.entries(w).filter(([, v]) => v === undefined), []);
  });
});
