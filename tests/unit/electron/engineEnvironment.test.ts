/** The engine's environment (electron/engineEnvironment.ts): the packaged app points the engine at its bundled llama-server; IT's own setting and development runs are left alone. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { engineEnvironment } from '../../../electron/engineEnvironment.ts';

describe('engineEnvironment', () => {
  it('names the bundled llama-server in the packaged app, per platform', () => {
    assert.equal(engineEnvironment({ isPackaged: true, resourcesPath: '/opt/Semioscope/resources', platform: 'linux', env: { PATH: '/usr/bin' } }).SEMIOSCOPE_LLAMA_SERVER,
      path.join('/opt/Semioscope/resources', 'llama-server', 'llama-server'));
    assert.match(engineEnvironment({ isPackaged: true, resourcesPath: 'C:\\Semioscope\\resources', platform: 'win32', env: {} }).SEMIOSCOPE_LLAMA_SERVER ?? '', /llama-server\.exe$/);
  });

  it("keeps IT's own setting and leaves development runs to the build cache, passing the rest through", () => {
    assert.equal(engineEnvironment({ isPackaged: true, resourcesPath: '/r', platform: 'linux', env: { SEMIOSCOPE_LLAMA_SERVER: '/srv/llama/llama-server' } }).SEMIOSCOPE_LLAMA_SERVER, '/srv/llama/llama-server');
    const dev = engineEnvironment({ isPackaged: false, resourcesPath: '/r', platform: 'linux', env: { HOME: '/home/a' } });
    assert.deepEqual(dev, { HOME: '/home/a' });
  });
});
