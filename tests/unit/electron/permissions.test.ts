/** Every permission is refused, media (camera, microphone) included: the app plays files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from '../../../electron/security/permissions.ts';

describe('permission handlers', () => {
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen',
    'openExternal', 'pointerLock', 'hid', 'serial', 'usb', 'midiSysex', 'display-capture', 'unknown']) {
    it(`denies ${permission}`, () => {
      const answers: boolean[] = [];
      denyPermissionRequest({}, permission, (granted) => answers.push(granted));
      assert.deepEqual(answers, [false]);
    });
  }
  it('answers every check and device request with no', () => {
    assert.equal(denyPermissionCheck(), false);
    assert.equal(denyDevicePermission(), false);
  });
});
