/**
 * The analysis settings contract: one defaults object, every limit refused with a message that names the
 * setting in words (never a CLI flag) and says what was given, and cross-field rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseAnalysisSettings } from '../../../native-models/contract/analysisSettings.ts';
import { UsageError } from '../../../native-models/errors.ts';
import { FEATURE_IDS } from '../../../native-models/semiology/featureCatalogue.ts';

function refusal(input: unknown): UsageError {
  try { parseAnalysisSettings(input); } catch (e) { assert.ok(e instanceof UsageError, String(e)); return e; }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

describe('analysis settings', () => {
  it('defaults: the paper sampling, every feature, the catalogue variant policy, shared-prefix, 32k context', () => {
    assert.equal(DEFAULT_SETTINGS.fps, 2);
    assert.equal(DEFAULT_SETTINGS.maxFrames, 60);
    assert.equal(DEFAULT_SETTINGS.frameSize, 448);
    assert.equal(DEFAULT_SETTINGS.segmentS, 30);
    assert.equal(DEFAULT_SETTINGS.overlapS, 5);
    assert.deepEqual(DEFAULT_SETTINGS.features, FEATURE_IDS);
    assert.equal(DEFAULT_SETTINGS.variants, 'default');
    assert.equal(DEFAULT_SETTINGS.prompting, 'shared-prefix');
    assert.equal(DEFAULT_SETTINGS.contextSize, 32768);
    assert.equal(DEFAULT_SETTINGS.threads, 'auto');
    assert.deepEqual(parseAnalysisSettings({}), DEFAULT_SETTINGS);
  });

  it('keeps what was given and fills the rest', () => {
    const s = parseAnalysisSettings({ fps: 1, features: ['tonic', 'tonic', 'clonic'], gpuLayers: 0, threads: 1 });
    assert.equal(s.fps, 1);
    assert.deepEqual(s.features, ['tonic', 'clonic']);
    assert.equal(s.gpuLayers, 0);
    assert.equal(s.threads, 1);
    assert.equal(s.maxFrames, 60);
  });

  it('the patient orientation: auto by default, or the camera\'s known 0, 90, 180 or 270 degrees', () => {
    assert.equal(DEFAULT_SETTINGS.patientOrientation, 'auto');
    for (const o of [0, 90, 180, 270] as const) assert.equal(parseAnalysisSettings({ patientOrientation: o }).patientOrientation, o);
  });

  const cases: Array<[unknown, string, RegExp]> = [
    [{ fps: 1e9 }, 'fps', /^The sampling rate must be a number from 0\.1 to 30 frames per second \(got 1000000000\)\.$/],
    [{ fps: 'fast' }, 'fps', /\(got "fast"\)/],
    [{ fps: Number.NaN }, 'fps', /sampling rate/],
    [{ frameSize: 1 }, 'frameSize', /frame size must be a whole number from 112/],
    [{ maxFrames: 0 }, 'maxFrames', /frames per segment/],
    [{ segmentS: 1 }, 'segmentS', /segment length/],
    [{ overlapS: 30 }, 'overlapS', /overlap \(30 s\) must be shorter than the segment length \(30 s\)/],
    [{ features: [] }, 'features', /at least one feature/],
    [{ features: ['tonic', 'tonnic'] }, 'features', /Unknown feature "tonnic"/],
    [{ variants: 'some' }, 'variants', /variant policy/],
    [{ variantOverrides: { nonsense: 'base' } }, 'variantOverrides', /Unknown feature "nonsense"/],
    [{ variantOverrides: { tonic: 'transcript' } }, 'variantOverrides', /not an input variant of tonic: use base, crop, pose/],
    [{ poseFps: 1 }, 'poseFps', /pose rate \(1 frames per second\) must be at least the sampling rate \(2\)/],
    [{ fps: 30, frameSize: 1792 }, 'fps', /GB of frames per 30 s segment/],
    [{ threads: 0 }, 'threads', /model threads/],
    [{ gpuLayers: -1 }, 'gpuLayers', /GPU layers/],
    [{ contextSize: 100 }, 'contextSize', /context size/],
    [{ parallel: 17 }, 'parallel', /parallel requests/],
    [{ paperSize: 'A5' }, 'paperSize', /paper size/],
    [{ patientId: 'a\u0007b' }, 'patientId', /control characters/],
    [{ patientOrientation: 45 }, 'patientOrientation', /^The patient orientation must be auto, 0, 90, 180 or 270 degrees \(got 45\)\.$/],
    [{ patientOrientation: 'sideways' }, 'patientOrientation', /\(got "sideways"\)/],
    [{ bogus: 1 }, undefined as unknown as string, /Unknown setting "bogus"/],
  ];
  for (const [input, setting, message] of cases) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const e = refusal(input);
      assert.equal(e.setting, setting);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /--/, 'engine messages name settings, not CLI flags');
    });
  }
});
