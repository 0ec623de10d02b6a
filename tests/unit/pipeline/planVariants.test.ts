/** planVariants: which input variants (base, crop, pose, transcript) each feature is asked with. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planVariants } from '../../../native-models/pipeline/planVariants.ts';
import { FEATURES } from '../../../native-models/semiology/featureCatalogue.ts';

describe('variant policy', () => {
  it('defaults to the catalogue, honours overrides, and asks everything with all', () => {
    const def = planVariants();
    assert.equal(def.length, FEATURES.length);
    assert.deepEqual(def.find((p) => p.featureId === 'tonic')?.variants, ['pose']);
    assert.deepEqual(def.find((p) => p.featureId === 'ictal_vocalization')?.variants, ['transcript']);
    const o = planVariants({ overrides: { tonic: 'base', clonic: 'pose' } });
    assert.deepEqual(o.find((p) => p.featureId === 'tonic')?.variants, ['base']);
    assert.deepEqual(o.find((p) => p.featureId === 'clonic')?.variants, ['pose']);
    const all = planVariants({ all: true });
    assert.deepEqual(all.find((p) => p.featureId === 'blank_stare')?.variants, ['base', 'crop', 'pose']);
    assert.deepEqual(all.find((p) => p.featureId === 'verbal_responsiveness')?.variants, ['base', 'denoised', 'transcript']);
  });

  it('rejects variants a feature does not have, and unknown features', () => {
    assert.throws(() => planVariants({ overrides: { tonic: 'transcript' } }), /not a variant of tonic/);
    assert.throws(() => planVariants({ overrides: { ictal_vocalization: 'crop' } }), /not a variant of ictal_vocalization/);
    assert.throws(() => planVariants({ overrides: { nonsense: 'base' } as never }), /Unknown feature/);
  });
});
