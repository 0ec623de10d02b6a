/**
 * The model server's thread choice: the cores left after the engine's own work and other processes' load,
 * at least one, a fixed setting always winning.
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, test } from 'node:test';
import { chooseServerThreads, engineThreadsBeside, poseThreadsFor, serverThreads } from '../../../native-models/platform/cpuBudget.ts';

const idle = { loadAverage: 0, ownLoad: 0, requested: 'auto' as const };

describe('chooseServerThreads', () => {
  test('an idle machine: every core not used beside the server', () => {
    assert.equal(chooseServerThreads({ ...idle, cores: 8, besideServer: 3 }).threads, 5);
    assert.equal(chooseServerThreads({ ...idle, cores: 2, besideServer: 0 }).threads, 2);
  });

  test('2 cores with pose and a decode beside the server: 1 thread, never 0', () => {
    const beside = engineThreadsBeside({ poseThreads: poseThreadsFor(2), decoding: true });
    assert.equal(beside, 2);
    assert.equal(chooseServerThreads({ ...idle, cores: 2, besideServer: beside }).threads, 1);
    assert.equal(chooseServerThreads({ ...idle, cores: 2, besideServer: 7 }).threads, 1);
  });

  test('other processes\' load takes cores; the engine\'s own load is not counted twice', () => {
    // One other busy process on 2 cores, nothing of ours yet: 1 thread.
    assert.equal(chooseServerThreads({ cores: 2, besideServer: 0, loadAverage: 1.02, ownLoad: 0, requested: 'auto' }).threads, 1);
    // Load 3 of which 2 are this engine's pose + decode (already in besideServer): 8 - 2 - 1 = 5.
    assert.equal(chooseServerThreads({ cores: 8, besideServer: 2, loadAverage: 3, ownLoad: 2, requested: 'auto' }).threads, 5);
    // A machine loaded beyond its cores still gets one thread.
    assert.equal(chooseServerThreads({ cores: 4, besideServer: 1, loadAverage: 12, ownLoad: 0, requested: 'auto' }).threads, 1);
  });

  test('a number in the settings overrides the choice', () => {
    const c = chooseServerThreads({ cores: 2, besideServer: 2, loadAverage: 5, ownLoad: 0, requested: 6 });
    assert.equal(c.threads, 6);
    assert.match(c.reason, /set/);
  });

  test('the reason says how the number came about', () => {
    assert.equal(chooseServerThreads({ cores: 8, besideServer: 2, loadAverage: 1, ownLoad: 0, requested: 'auto' }).reason,
      'auto: 8 cores - 2 for the engine\'s own work - 1 busy with other processes = 5');
  });
});

describe('engineThreadsBeside and poseThreadsFor', () => {
  test('pose threads: half the cores, 1 to 4; no decode when no vision feature is asked', () => {
    assert.deepEqual([1, 2, 4, 6, 16].map(poseThreadsFor), [1, 1, 2, 3, 4]);
    assert.equal(engineThreadsBeside({ poseThreads: 0, decoding: false }), 0);
    assert.equal(engineThreadsBeside({ poseThreads: 2, decoding: true }), 3);
  });

  test('serverThreads on this machine stays within 1 and its cores', () => {
    const { threads } = serverThreads('auto');
    assert.ok(threads >= 1 && threads <= availableParallelism(), `got ${threads}`);
    assert.equal(serverThreads(3).threads, 3);
  });
});
