/**
 * The review service's catalogue channel (session/reviewService.ts): the renderer imports no engine code, so
 * the lanes' and findings panel's labels and groups come through `catalogue:get`; it must carry the catalogue
 * exactly and reject an input.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createReviewService } from '../../../native-models/session/reviewService.ts';
import { FEATURES, GROUP_LABELS } from '../../../native-models/semiology/featureCatalogue.ts';
import { UsageError } from '../../../native-models/errors.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-review-service-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const noEvents = () => {};

describe('reviewService catalogue:get', () => {
  it('answers every feature with its id, group, label and definition, in catalogue order, and the group labels', async () => {
    const service = createReviewService({ analysesDir: dir, dbPath: path.join(dir, 'cache.sqlite') });
    const out = await service['catalogue:get'](undefined, noEvents);
    assert.equal(out.features.length, 20);
    assert.deepEqual(out.features, FEATURES.map((f) => ({ id: f.id, group: f.group, label: f.label, definition: f.definition })));
    assert.deepEqual(out.groupLabels, GROUP_LABELS);
    assert.ok(out.features.every((f) => !('question' in f)), 'the prompts stay in the engine');
    // Plain data: survives JSON (the bridge) and structured clone (IPC) unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(out)), out);
  });

  it('rejects an input as a UsageError', async () => {
    const service = createReviewService({ analysesDir: dir });
    await assert.rejects(service['catalogue:get']({ any: 1 }, noEvents), (e: unknown) => e instanceof UsageError);
  });
});
