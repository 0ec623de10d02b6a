/**
 * The engine's environment (electron/engineEnvironment.ts): the engine's worker threads are pointed at their
 * bundled entries beside it, packaged or not; the packaged app points the engine at its bundled llama-server;
 * IT's own settings are left alone and the rest passes through.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { engineEnvironment } from '../../../electron/engineEnvironment.ts';

const MAIN = '/opt/Semioscope/resources/app.asar/out/main';

describe('engineEnvironment', () => {
  it('names the bundled llama-server in the packaged app, per platform', () => {
    assert.equal(engineEnvironment({ isPackaged: true, resourcesPath: '/opt/Semioscope/resources', platform: 'linux', env: { PATH: '/usr/bin' }, mainDir: MAIN }).SEMIOSCOPE_LLAMA_SERVER,
      path.join('/opt/Semioscope/resources', 'llama-server', 'llama-server'));
    assert.match(engineEnvironment({ isPackaged: true, resourcesPath: 'C:\\Semioscope\\resources', platform: 'win32', env: {}, mainDir: MAIN }).SEMIOSCOPE_LLAMA_SERVER ?? '', /llama-server\.exe$/);
  });

  it('points the pose and audio worker threads at their bundles beside the engine, packaged or not', () => {
    for (const isPackaged of [true, false]) {
      const env = engineEnvironment({ isPackaged, resourcesPath: '/r', platform: 'linux', env: {}, mainDir: MAIN });
      assert.equal(env.SEMIOSCOPE_POSE_WORKER, path.join(MAIN, 'poseWorker.js'));
      assert.equal(env.SEMIOSCOPE_AUDIO_WORKER, path.join(MAIN, 'audioWorker.js'));
    }
  });

  it("keeps IT's own settings and leaves development runs to the build cache, passing the rest through", () => {
    const own = { SEMIOSCOPE_LLAMA_SERVER: '/srv/llama/llama-server', SEMIOSCOPE_POSE_WORKER: '/srv/pose.js' };
    const packaged = engineEnvironment({ isPackaged: true, resourcesPath: '/r', platform: 'linux', env: own, mainDir: MAIN });
    assert.equal(packaged.SEMIOSCOPE_LLAMA_SERVER, '/srv/llama/llama-server');
    assert.equal(packaged.SEMIOSCOPE_POSE_WORKER, '/srv/pose.js');
    const dev = engineEnvironment({ isPackaged: false, resourcesPath: '/r', platform: 'linux', env: { HOME: '/home/a' }, mainDir: MAIN });
    assert.deepEqual(dev, { HOME: '/home/a', SEMIOSCOPE_POSE_WORKER: path.join(MAIN, 'poseWorker.js'), SEMIOSCOPE_AUDIO_WORKER: path.join(MAIN, 'audioWorker.js') });
  });
});
