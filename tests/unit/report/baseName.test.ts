/** baseName: only a file's base name goes into the report, from POSIX and Windows paths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName } from '../../../native-models/report/baseName.ts';

test('baseName strips POSIX and Windows folders', () => {
  assert.equal(baseName('/home/zoe/videos/seizure 1.mp4'), 'seizure 1.mp4');
  assert.equal(baseName('C:\\Users\\Zoë\\clip.mkv'), 'clip.mkv');
  assert.equal(baseName('clip.mp4'), 'clip.mp4');
});
