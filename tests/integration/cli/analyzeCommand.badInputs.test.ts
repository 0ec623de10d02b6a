/**
 * The bad-input corpus of `semioscope analyze`: files, flags, models, output and cache locations, full disks.
 * Each row is an input, the exit code it must end with and words its message must contain; every one must end
 * (a bounded wait), print no stack trace and no folder of the recording, and leave the answer cache intact.
 * The table is the product's promise to a new user: add a row for every mistake someone makes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { AnswerCache } from '../../../native-models/cache/answerCache.ts';
import { GgufWriter } from '../../../native-models/demo/ggufWriter.ts';
import { makeSampleRecording } from '../../../native-models/demo/makeSampleRecording.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { hasStackTrace, startCli, type CliResult } from '../../helpers/runCli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-corpus-'));
const mounts: string[] = [];
let omni: { model: string; mmproj: string };
let video: string;
let sharedDb: string;

/** A tmpfs of `kb` KiB (root only: CI and these machines run tests as root), optionally read-only. */
function mountTmpfs(name: string, kb: number, readOnly = false): string {
  const p = path.join(dir, name);
  mkdirSync(p, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k${readOnly ? ',ro' : ''}`, 'tmpfs', p]);
  mounts.push(p);
  return p;
}

/** Fills a tmpfs until about `leaveKb` KiB are left. */
function fillTo(mount: string, leaveKb: number): void {
  const free = Number(execFileSync('df', ['--output=avail', '-k', mount], { encoding: 'utf8' }).trim().split('\n').pop());
  writeFileSync(path.join(mount, 'filler'), Buffer.alloc(Math.max(0, free - leaveKb) * 1024));
}

function answerRows(db: string): number {
  const d = new Database(db, { readonly: true });
  try { return (d.prepare('SELECT count(*) n FROM answers').get() as { n: number }).n; } finally { d.close(); }
}

function integrity(db: string): string {
  const d = new Database(db, { readonly: true });
  try { return (d.pragma('integrity_check', { simple: true }) as string); } finally { d.close(); }
}

before(async () => {
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
  video = await makeSampleRecording(path.join(dir, 'patient-folder', 'rec.mp4'), { durationS: 12, width: 320, height: 240, fps: 15 });
  // A cache with answers already in it: no bad input may damage or change it.
  sharedDb = path.join(dir, 'shared.sqlite');
  const c = new AnswerCache(sharedDb);
  for (let i = 0; i < 5; i++) {
    c.put({ recordingSha: 'f'.repeat(64), segmentStartS: i * 25, segmentEndS: i * 25 + 30, featureId: 'tonic', variant: 'base', modelId: 'm',
      catalogueVersion: 1, samplingKey: 's' }, { present: i % 2 === 0, justification: 'kept', onsetInSegmentS: null, promptTokens: 1, completionTokens: 1 });
  }
  c.close();
});
after(() => {
  for (const m of mounts.reverse()) { try { execFileSync('umount', ['-l', m]); } catch { /* already gone */ } }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI; a command that does not end within `limitS` is killed and reported as hanging. */
async function run(args: string[], limitS = 90): Promise<CliResult & { hung: boolean }> {
  const { child, done } = startCli(args);
  let hung = false;
  const timer = setTimeout(() => { hung = true; child.kill('SIGKILL'); }, limitS * 1000);
  const r = await done;
  clearTimeout(timer);
  return { ...r, hung };
}

const model = () => ['--model', omni.model, '--mmproj', omni.mmproj];
const out = (name: string) => path.join(dir, 'out', name);
/** A valid analysis command with `extra` flags, on the shared cache. */
const analyze = (name: string, extra: string[]) => ['analyze', video, '--out', out(name), '--db', sharedDb, ...model(), '--threads', '1', ...extra];
const file = (name: string, content: string | Buffer) => { const p = path.join(dir, 'patient-folder', name); writeFileSync(p, content); return p; };

interface Row { name: string; args: () => string[] | Promise<string[]>; code: number; words: RegExp[] }

const rows: Row[] = [
  // Usage: the command line itself.
  { name: 'no recording', args: () => ['analyze', '--out', out('a'), ...model()], code: 2, words: [/Give the recording/] },
  { name: 'two recordings', args: () => ['analyze', video, video, '--out', out('a'), ...model()], code: 2, words: [/exactly one recording/] },
  { name: 'no output folder', args: () => ['analyze', video, ...model()], code: 2, words: [/output folder/, /--out/] },
  { name: 'no model', args: () => ['analyze', video, '--out', out('a')], code: 2, words: [/Choose a model/] },
  { name: 'projector without model', args: () => ['analyze', video, '--out', out('a'), '--mmproj', omni.mmproj], code: 2, words: [/projector file was given without its language model/, /--model/] },
  { name: 'local and remote model', args: () => [...analyze('a', ['--endpoint', 'http://127.0.0.1:9', '--remote-model', 'x'])], code: 2, words: [/not both/] },
  { name: 'endpoint not a URL', args: () => ['analyze', video, '--out', out('a'), '--endpoint', 'not a url', '--remote-model', 'x'], code: 2, words: [/not an http\(s\) URL/, /--endpoint/] },
  { name: 'endpoint a bare host', args: () => ['analyze', video, '--out', out('a'), '--endpoint', 'gpu-server:8080', '--remote-model', 'x'], code: 2, words: [/not an http\(s\) URL/] },
  { name: 'endpoint not http', args: () => ['analyze', video, '--out', out('a'), '--endpoint', 'ftp://gpu-server/', '--remote-model', 'x'], code: 2, words: [/not an http\(s\) URL/] },
  { name: 'endpoint without model name', args: () => ['analyze', video, '--out', out('a'), '--endpoint', 'http://127.0.0.1:9'], code: 2, words: [/remote model name is missing/, /--remote-model/] },
  { name: 'endpoint with a password in it', args: () => ['analyze', video, '--out', out('a'), '--endpoint', 'http://u:secret@127.0.0.1:9', '--remote-model', 'x'], code: 2, words: [/must not carry a user name or password/] },
  { name: 'unknown answer constraint', args: () => ['analyze', video, '--out', out('a'), '--endpoint', 'http://127.0.0.1:9', '--remote-model', 'x', '--constraint', 'regex'], code: 2, words: [/json_schema or grammar/, /--constraint/] },
  { name: 'variant of an unknown feature', args: () => analyze('a', ['--variant', 'nonsense=base']), code: 2, words: [/Unknown feature "nonsense"/, /--variant/] },
  { name: 'variant a feature does not have', args: () => analyze('a', ['--variant', 'tonic=transcript']), code: 2, words: [/not an input variant of tonic/] },
  { name: 'variant unknown everywhere', args: () => analyze('a', ['--variant', 'tonic=sharpened']), code: 2, words: [/Unknown input variant "sharpened"/] },
  { name: 'variant without =', args: () => analyze('a', ['--variant', 'tonic']), code: 2, words: [/<feature>=<variant>/] },
  { name: 'empty feature list', args: () => analyze('a', ['--features', '']), code: 2, words: [/at least one feature/, /--features/] },
  { name: 'feature list of commas', args: () => analyze('a', ['--features', ',']), code: 2, words: [/at least one feature/] },
  { name: 'unknown feature', args: () => analyze('a', ['--features', 'tonic,bogus']), code: 2, words: [/Unknown feature "bogus"/] },
  { name: 'sampling rate huge', args: () => analyze('a', ['--fps', '1000000000']), code: 2, words: [/sampling rate/, /--fps/] },
  { name: 'sampling rate zero', args: () => analyze('a', ['--fps', '0']), code: 2, words: [/sampling rate/] },
  { name: 'sampling rate not a number', args: () => analyze('a', ['--fps', 'fast']), code: 2, words: [/sampling rate/, /"fast"/] },
  { name: 'frame size 1 px', args: () => analyze('a', ['--frame-size', '1']), code: 2, words: [/frame size/, /--frame-size/] },
  { name: 'frames per segment fractional', args: () => analyze('a', ['--max-frames', '2.5']), code: 2, words: [/whole number/, /--max-frames/] },
  { name: 'frames too large to hold', args: () => analyze('a', ['--fps', '30', '--frame-size', '1792', '--segment', '60', '--overlap', '5']), code: 2, words: [/GB of frames/] },
  { name: 'overlap longer than segment', args: () => analyze('a', ['--overlap', '40']), code: 2, words: [/shorter than the segment length/, /--overlap/] },
  { name: 'pose rate below sampling', args: () => analyze('a', ['--pose-fps', '1']), code: 2, words: [/pose rate/, /--pose-fps/] },
  { name: 'unknown prompting mode', args: () => analyze('a', ['--prompting', 'fast']), code: 2, words: [/prompting mode/] },
  { name: 'unknown variant policy', args: () => analyze('a', ['--variants', 'some']), code: 2, words: [/variant policy/] },
  { name: 'unknown paper size', args: () => analyze('a', ['--paper', 'A5']), code: 2, words: [/paper size/] },
  { name: 'zero model threads', args: () => analyze('a', ['--threads', '0']), code: 2, words: [/model threads/, /--threads/] },
  { name: 'negative GPU layers', args: () => analyze('a', ['--gpu-layers=-1']), code: 2, words: [/GPU layers/] },
  { name: 'a value that looks like an option', args: () => analyze('a', ['--gpu-layers', '-1']), code: 2, words: [/argument is ambiguous/, /--gpu-layers=-XYZ/] },
  { name: 'tiny context', args: () => analyze('a', ['--ctx-size', '10']), code: 2, words: [/context size/] },
  { name: 'too many parallel requests', args: () => analyze('a', ['--parallel', '100']), code: 2, words: [/parallel requests/] },
  { name: 'control characters in a report field', args: () => analyze('a', ['--patient-id', 'A\nB']), code: 2, words: [/control characters/] },
  { name: 'unknown option', args: () => analyze('a', ['--colour']), code: 2, words: [/Unknown option/, /--help/] },
  { name: 'unknown command', args: () => ['frobnicate'], code: 2, words: [/Unknown command "frobnicate"/] },
  { name: 'empty cache file name', args: () => ['analyze', video, '--out', out('a'), '--db', '', ...model()], code: 2, words: [/cache file name is empty/] },
  // The recording.
  { name: 'missing recording', args: () => analyze('a', []).map((a) => (a === video ? path.join(dir, 'patient-folder', 'nope.mp4') : a)), code: 2, words: [/was not found/] },
  { name: '0-byte recording', args: () => analyze('a', []).map((a) => (a === video ? file('empty.mp4', '') : a)), code: 2, words: [/empty \(0 bytes\)/] },
  { name: 'text renamed .mp4', args: () => analyze('a', []).map((a) => (a === video ? file('notes.mp4', 'Patient notes, not a video.\n'.repeat(20)) : a)), code: 2, words: [/not a readable video/] },
  { name: 'newline in a name, not a video', args: () => analyze('a', []).map((a) => (a === video ? file('ward 3\nbed 2.mp4', 'not a video\n'.repeat(20)) : a)), code: 2, words: [/"ward 3\?bed 2\.mp4" is not a readable video/] },
  { name: 'a folder as recording', args: () => analyze('a', []).map((a) => (a === video ? path.join(dir, 'models') : a)), code: 2, words: [/is not a file/] },
  { name: 'truncated recording', args: () => {
    const p = path.join(dir, 'patient-folder', 'truncated.mp4'); copyFileSync(video, p); truncateSync(p, Math.floor(statSync(p).size / 2));
    return analyze('a', []).map((a) => (a === video ? p : a));
  }, code: 2, words: [/truncated/] },
  { name: 'truncated recording, index kept', args: async () => {
    const p = await makeSampleRecording(path.join(dir, 'patient-folder', 'fast.mp4'), { durationS: 12, width: 320, height: 240, fps: 15, faststart: true });
    truncateSync(p, Math.floor(statSync(p).size / 2));
    return analyze('a', []).map((a) => (a === video ? p : a));
  }, code: 2, words: [/truncated|ends at|damaged/] },
  { name: 'audio-only file', args: () => {
    const p = path.join(dir, 'patient-folder', 'audio.m4a');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=3', '-c:a', 'aac', p]);
    return analyze('a', []).map((a) => (a === video ? p : a));
  }, code: 2, words: [/no video stream/] },
  // The models.
  { name: 'missing model file', args: () => ['analyze', video, '--out', out('a'), '--db', sharedDb, '--model', path.join(dir, 'patient-folder', 'missing.gguf'), '--mmproj', omni.mmproj], code: 2, words: [/"missing\.gguf" does not exist/] },
  { name: 'model not GGUF', args: () => ['analyze', video, '--out', out('a'), '--db', sharedDb, '--model', file('model.safetensors', Buffer.alloc(4096, 7)), '--mmproj', omni.mmproj], code: 2, words: [/not a GGUF file/] },
  { name: 'model and projector swapped', args: () => ['analyze', video, '--out', out('a'), '--db', sharedDb, '--model', omni.mmproj, '--mmproj', omni.model], code: 2, words: [/is a multimodal projector/] },
  { name: 'projector without vision', args: async () => {
    const p = path.join(dir, 'audio-only-mmproj.gguf');
    const w = new GgufWriter('clip');
    w.setString('general.type', 'mmproj'); w.setString('general.name', 'audio-only'); w.setString('clip.projector_type', 'qwen2a');
    w.setBool('clip.has_vision_encoder', false); w.setBool('clip.has_audio_encoder', true); w.setUint32('clip.audio.projection_dim', 64);
    await w.write(p);
    return ['analyze', video, '--out', out('a'), '--db', sharedDb, '--model', omni.model, '--mmproj', p];
  }, code: 2, words: [/has no vision encoder/] },
  { name: 'audio model without its projector', args: () => analyze('a', ['--audio-model', omni.model]), code: 2, words: [/audio projector/, /--audio-mmproj/] },
  { name: 'unreadable API key file', args: () => ['analyze', video, '--out', out('a'), '--endpoint', 'http://127.0.0.1:9', '--remote-model', 'x', '--api-key-file', path.join(dir, 'no-key')], code: 2, words: [/API key file "no-key" cannot be read/] },
  { name: 'a model server that cannot start', args: () => analyze('srv', ['--llama-server', '/bin/false']), code: 3, words: [/did not start/] },
  // Output and cache locations.
  { name: 'output folder under /proc', args: () => analyze('a', []).map((a) => (a === out('a') ? '/proc/semioscope-out' : a)), code: 2, words: [/Cannot create the output folder "semioscope-out"/, /--out/] },
  { name: 'cache under /proc', args: () => ['analyze', video, '--out', out('a'), '--db', '/proc/semioscope/cache.sqlite', ...model()], code: 2, words: [/cache\.sqlite/, /--db/] },
  { name: 'read-only output folder', args: () => analyze('a', []).map((a) => (a === out('a') ? mountTmpfs('ro-out', 64, true) : a)), code: 2, words: [/Cannot write in the output folder "ro-out"/, /read-only/] },
  { name: 'output folder is a file', args: () => analyze('a', []).map((a) => (a === out('a') ? file('a-file', 'x') : a)), code: 2, words: [/output folder "a-file"/] },
  { name: 'cache made by another program', args: () => {
    const p = path.join(dir, 'foreign.sqlite');
    const d = new Database(p); d.exec('CREATE TABLE answers (id INTEGER PRIMARY KEY, text TEXT)'); d.close();
    return ['analyze', video, '--out', out('a'), '--db', p, ...model()];
  }, code: 2, words: [/"foreign\.sqlite" is not a Semioscope answer cache/, /--db/] },
  { name: 'cache that is a text file', args: () => ['analyze', video, '--out', out('a'), '--db', file('cache.txt', 'hello '.repeat(1000)), ...model()], code: 2, words: [/not a Semioscope answer cache/] },
];

describe('bad inputs: a clear message, the right exit code, no stack trace, the cache intact', { concurrency: 3 }, () => {
  for (const row of rows) {
    test(row.name, async () => {
      const r = await run(await row.args());
      assert.ok(!r.hung, `${row.name}: the command never ended`);
      assert.equal(r.code, row.code, `${row.name}: ${r.stderr}`);
      for (const w of row.words) assert.match(r.stderr, w, `${row.name}: message lacks ${w}`);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.ok(!/unexpected error/.test(r.stderr), r.stderr);
      assert.ok(!r.stderr.includes(path.join(dir, 'patient-folder')), `${row.name}: a folder of the recording was printed: ${r.stderr}`);
      assert.equal(integrity(sharedDb), 'ok');
      assert.equal(answerRows(sharedDb), 5, 'the answers already cached are all still there');
    });
  }
  test('the corpus is large enough to mean something', () => assert.ok(rows.length >= 30, String(rows.length)));
});

describe('full disks: exit 2, a message saying so, every stored answer kept', () => {
  test('the cache disk fills during the analysis (keypoints, keyframes, answers)', async () => {
    const mount = mountTmpfs('small-cache-disk', 1024);
    const db = path.join(mount, 'cache.sqlite');
    fillTo(mount, 100);
    const r = await run(['analyze', video, '--out', out('full-db'), '--db', db, ...model(), '--threads', '1', '--fps', '1', '--max-frames', '3', '--frame-size', '160',
      '--features', 'tonic,clonic,blank_stare,head_turning,close_eyes,eye_blinking,oral_automatisms', '--quiet'], 300);
    assert.ok(!r.hung, 'the command never ended');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /disk holding the answer cache "cache\.sqlite" is full/);
    assert.match(r.stderr, /every answer saved so far is kept/);
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
    rmSync(path.join(mount, 'filler'));
    assert.equal(integrity(db), 'ok');
  });

  test('the output disk fills while the outputs are written', async () => {
    const mount = mountTmpfs('small-out-disk', 1024);
    fillTo(mount, 8);
    const db = path.join(dir, 'full-out.sqlite');
    const r = await run(['analyze', video, '--out', mount, '--db', db, ...model(), '--threads', '1', '--fps', '1', '--max-frames', '3', '--frame-size', '160',
      '--features', 'tonic,clonic', '--quiet'], 300);
    assert.ok(!r.hung, 'the command never ended');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /is full|disk is full/);
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
    assert.ok(answerRows(db) > 0, 'the answers were cached before the outputs failed');
    assert.equal(integrity(db), 'ok');
  });
});

test('--help documents every option', async () => {
  const r = await run(['analyze', '--help']);
  assert.equal(r.code, 0);
  for (const o of ['--out', '--model', '--mmproj', '--endpoint', '--api-key', '--api-key-file', '--audio-model', '--audio-mmproj', '--db', '--features', '--fps',
    '--max-frames', '--frame-size', '--threads', '--gpu-layers', '--json-progress']) {
    assert.ok(r.stdout.includes(o), o);
  }
});
