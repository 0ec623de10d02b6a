/**
 * The desktop shell's IPC checks, without Electron: inputs are validated by the contract's schemas (a bad
 * field named), calls from any page but the app's own are refused before the engine is reached.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTrustedSender, createIpcHandlers } from '../../../electron/ipcHandlers.ts';
import { parseApiInput } from '../../../native-models/contract/reviewApi.ts';
import { UsageError } from '../../../native-models/errors.ts';
import { createReviewService } from '../../../native-models/session/reviewService.ts';

const APP = 'file:///opt/semioscope/renderer/dist';
const models = { main: { kind: 'local', model: '/m/model.gguf', mmproj: '/m/mmproj.gguf' } };

describe('IPC handlers', () => {
  it('accepts a valid start request and fills the model choice defaults', () => {
    const r = parseApiInput('analysis:start', { videoPath: '/v/rec.mp4', models, settings: { fps: 1 } });
    assert.equal(r.videoPath, '/v/rec.mp4');
    assert.equal(r.settings?.fps, 1);
  });

  for (const [raw, words] of [
    [{ videoPath: '', models }, /Drop or choose a recording/],
    [{ videoPath: '/v/rec.mp4', models, settings: { fps: 1e9 } }, /sampling rate/],
    [{ videoPath: '/v/rec.mp4', models: { main: { kind: 'remote', endpoint: 'gpu:1', model: 'x' } } }, /not an http\(s\) URL/],
    [{ videoPath: '/v/rec.mp4', models, extra: true }, /Unknown setting "extra"/],
    [null, /./],
  ] as const) {
    it(`refuses ${JSON.stringify(raw)}`, () => {
      assert.throws(() => parseApiInput('analysis:start', raw), (e: unknown) => e instanceof UsageError && words.test(e.message));
    });
  }

  it('refuses a caller that is not the app\'s own page, before any engine work', async () => {
    assert.throws(() => assertTrustedSender('https://example.org/', APP), UsageError);
    assert.throws(() => assertTrustedSender(undefined, APP), UsageError);
    assertTrustedSender(`${APP}/index.html`, APP);
    const handlers = createIpcHandlers({ appOrigin: APP, service: createReviewService({ analysesDir: '/nonexistent' }) });
    const sent: unknown[] = [];
    await assert.rejects(handlers['analysis:start']({ frameUrl: 'https://example.org/', send: (...a) => { sent.push(a); } }, { videoPath: '/v', models }), /did not come from the Semioscope window/);
    await assert.rejects(handlers['analysis:cancel']({ frameUrl: 'file:///tmp/evil.html', send: () => {} }, undefined), UsageError);
    assert.deepEqual(sent, []);
  });
});
