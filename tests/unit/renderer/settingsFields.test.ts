/** The start screen's settings (renderer/src/start/SettingsFields.tsx): only the fields filled in reach the engine. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_SETTINGS, settingsFromDraft } from '../../../renderer/src/start/SettingsFields.tsx';
import { analysisSettingsSchema } from '../../../native-models/contract/analysisSettings.ts';

describe('settingsFromDraft', () => {
  it('sends nothing when nothing was filled in (the engine defaults apply)', () => {
    assert.equal(settingsFromDraft(EMPTY_SETTINGS), undefined);
  });

  it('sends the filled fields as numbers, threads auto or a number, and the ticked features; the engine accepts them', () => {
    const s = settingsFromDraft({ ...EMPTY_SETTINGS, fps: '1', maxFrames: ' 2 ', frameSize: '112', segmentS: '5', overlapS: '1', threads: '1', features: ['tonic'] });
    assert.deepEqual(s, { fps: 1, maxFrames: 2, frameSize: 112, segmentS: 5, overlapS: 1, threads: 1, features: ['tonic'] });
    assert.ok(analysisSettingsSchema.safeParse(s).success);
    assert.deepEqual(settingsFromDraft({ ...EMPTY_SETTINGS, threads: 'auto' }), { threads: 'auto' });
  });

  it('sends the camera setup: which way the patient lies (degrees) and a mirror-image camera; the engine accepts them', () => {
    const s = settingsFromDraft({ ...EMPTY_SETTINGS, patientOrientation: '270', mirrored: true });
    assert.deepEqual(s, { patientOrientation: 270, mirrored: true });
    const parsed = analysisSettingsSchema.parse(s);
    assert.equal(parsed.patientOrientation, 270);
    assert.equal(parsed.mirrored, true);
    assert.equal(settingsFromDraft({ ...EMPTY_SETTINGS, patientOrientation: '' }), undefined, 'found automatically: the engine default');
  });

  it('passes a bad value on for the engine to reject with its own message', () => {
    const s = settingsFromDraft({ ...EMPTY_SETTINGS, fps: 'fast' });
    assert.ok(Number.isNaN(s?.fps));
    assert.equal(analysisSettingsSchema.safeParse(s).success, false);
  });
});
