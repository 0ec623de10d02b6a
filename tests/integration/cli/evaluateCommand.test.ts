/**
 * The real `semioscope evaluate` command (bin launcher, a real process) on the hand-made timed and lateralized
 * labels and analysis.json predictions of tests/unit/evaluation/timedFixtures.ts: exit 0, timing.csv and
 * laterality.csv with the hand-computed pooled figures, and no full paths in what it prints.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasStackTrace, runCli } from '../../helpers/runCli.ts';
import { makeTempDir, writeText } from '../../unit/evaluation/evaluationFixtures.ts';
import { writeTimedScenario } from '../../unit/evaluation/timedFixtures.ts';

describe('semioscope evaluate (CLI) with timed and lateralized labels', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => { ({ dir, cleanup } = await makeTempDir()); });
  after(() => cleanup());

  it('writes timing.csv and laterality.csv with the hand-computed figures', async () => {
    const f = await writeTimedScenario(dir);
    const out = join(dir, 'out');
    const r = await runCli(['evaluate', '--labels', f.labels, '--timed-labels', f.timed, '--predictions', f.predictions, '--out', out, '--bootstrap', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!hasStackTrace(r.stderr));
    // Pooled onsets: 6 labelled, hits 4 (errors 2, 7, 0, 1 → mean 2.5, median 1.5), 2 misses, 2 false alarms.
    const timing = await readFile(join(out, 'timing.csv'), 'utf8');
    assert.match(timing, /^predictions,all,6,4,2,4,2,2,2,4,2\.5,1\.5,2\.5,0\.75,0\.75,/m);
    // Pooled sides: 7 labelled, 4 answered (coverage 4/7), accuracy 3/4 vs always right 3/4 on the same rows, balanced 5/6 vs 1/2.
    const lat = await readFile(join(out, 'laterality.csv'), 'utf8');
    assert.match(lat, /^predictions,all,[a-z_ ]+,7,3,4,0,4,0\.571,0\.75,0\.833,0\.733,left right,0\.75,0\.5,0\.429,/m);
    assert.match(r.stdout, /Laterality\./);
    assert.ok(!r.stdout.includes(join(dir, 'labels.csv')) && !r.stderr.includes(dir), 'no full paths of the inputs');
  });

  it('a time cell it cannot read is bad input: exit 2, one message, no stack trace', async () => {
    const f = await writeTimedScenario(join(dir, 'b'));
    const text = (await readFile(f.labels, 'utf8')).replace('00:12:00', '00:12:0x');
    await writeText(f.labels, text);
    const r = await runCli(['evaluate', '--labels', f.labels, '--predictions', f.predictions, '--out', join(dir, 'b', 'out')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /labels\.csv line 2, column start_time_for_head_turning: "00:12:0x" is not a time/);
    assert.ok(!hasStackTrace(r.stderr));
  });
});
