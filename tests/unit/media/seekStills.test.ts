/**
 * The seek stills' byte handling on hand-made bytes: the JPEG splitter (marker segments walked by length, FF
 * stuffing and restart markers inside the scan, an FFD9 inside a segment's payload, junk between pictures,
 * chunks split at every byte), the SOF size, the index check (missing, damaged, incomplete or wrong size
 * refused) and the pruning of least recently used stills.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { JpegSplitter, jpegSize, parseStillsIndex, pruneStills, type StillsIndex } from '../../../native-models/media/seekStills.ts';
import { isStillsFile, stillsFilePath, stillsIndexPath } from '../../../native-models/platform/stillsFiles.ts';

const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];

/** A structurally valid JPEG-like picture: APP0, a COM holding FFD9, SOF0 (w x h), SOS, scan data with stuffing and a restart marker, EOI. */
function picture(w: number, h: number, scanByte: number): Buffer {
  return Buffer.from([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]),
    ...seg(0xfe, [0xff, 0xd9, 0x41]),
    ...seg(0xc0, [8, h >> 8, h & 0xff, w >> 8, w & 0xff, 1, 1, 0x11, 0]),
    ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]),
    scanByte, 0xff, 0x00, 0x12, 0xff, 0xd3, 0x34, 0xff, 0xff, 0x00, scanByte,
    0xff, 0xd9,
  ]);
}

describe('JpegSplitter', () => {
  const pics = [picture(480, 270, 1), picture(480, 270, 2), picture(16, 8, 3)];
  const stream = Buffer.concat([Buffer.from([0x00, 0x11]), pics[0]!, pics[1]!, Buffer.from([0x22]), pics[2]!]);

  it('finds every picture whole in one chunk, skipping the bytes between them', () => {
    const s = new JpegSplitter();
    const out = s.push(stream);
    assert.deepEqual(out, pics);
    assert.equal(s.pending, 0);
    assert.equal(s.skipped, 3);
  });

  it('gives the same pictures whatever the chunking (split at every byte, and byte by byte)', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const s = new JpegSplitter();
      const out = [...s.push(stream.subarray(0, cut)), ...s.push(stream.subarray(cut))];
      assert.deepEqual(out, pics, `cut at ${cut}`);
      assert.equal(s.pending, 0);
    }
    const s = new JpegSplitter();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i++) out.push(...s.push(stream.subarray(i, i + 1)));
    assert.deepEqual(out, pics);
  });

  it('holds an unfinished picture as pending', () => {
    const s = new JpegSplitter();
    assert.deepEqual(s.push(pics[0]!.subarray(0, 30)), []);
    assert.equal(s.pending, 30);
    assert.deepEqual(s.push(pics[0]!.subarray(30)), [pics[0]]);
    assert.equal(s.pending, 0);
  });

  it('refuses bytes that are not marker segments inside a picture', () => {
    const s = new JpegSplitter();
    assert.throws(() => s.push(Buffer.from([0xff, 0xd8, 0x12, 0x34, 0x56])), /not a sequence of JPEG pictures/);
  });
});

describe('jpegSize', () => {
  it('reads the SOF segment past other segments', () => {
    assert.deepEqual(jpegSize(picture(480, 270, 1)), { width: 480, height: 270 });
    assert.equal(jpegSize(Buffer.from([0xff, 0xd8, 0xff, 0xd9])), null);
  });
});

describe('parseStillsIndex', () => {
  const sha = 'a'.repeat(64);
  const good: StillsIndex = { version: 1, sha256: sha, fps: 30, width: 480, height: 270, frames: 3, offsets: [0, 10, 25, 40] };
  it('accepts a complete index matching its file', () => {
    assert.deepEqual(parseStillsIndex(JSON.stringify(good), 40), good);
  });
  it('refuses a damaged, incomplete or mismatched index', () => {
    assert.equal(parseStillsIndex('{"version":1', 40), null);
    assert.equal(parseStillsIndex(JSON.stringify(good), 39), null, 'the stills file is shorter or longer than the index says');
    assert.equal(parseStillsIndex(JSON.stringify({ ...good, frames: 4 }), 40), null);
    assert.equal(parseStillsIndex(JSON.stringify({ ...good, offsets: [0, 25, 10, 40] }), 40), null);
    assert.equal(parseStillsIndex(JSON.stringify({ ...good, offsets: [5, 10, 25, 40] }), 40), null);
    assert.equal(parseStillsIndex(JSON.stringify({ ...good, version: 2 }), 40), null);
    assert.equal(parseStillsIndex(JSON.stringify({ ...good, fps: 0 }), 40), null);
  });
});

describe('stills files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-stills-unit-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names a stills file by hash and height, its index beside it, and recognises only those', () => {
    const f = stillsFilePath('b'.repeat(64), 270, dir);
    assert.equal(path.basename(f), `${'b'.repeat(64)}-270.stills`);
    assert.equal(stillsIndexPath(f), f.replace(/\.stills$/, '.idx'));
    assert.equal(isStillsFile(f, dir), true);
    assert.equal(isStillsFile(path.join(dir, 'sub', path.basename(f)), dir), false);
    assert.equal(isStillsFile(path.join(dir, 'recording.mp4'), dir), false);
    assert.equal(isStillsFile(path.join(dir, `${'b'.repeat(63)}-270.stills`), dir), false);
  });

  it('prunes the least recently used stills beyond the budget, never the one kept', () => {
    const files = ['c', 'd', 'e'].map((ch, i) => {
      const f = stillsFilePath(ch.repeat(64), 270, dir);
      writeFileSync(f, Buffer.alloc(100));
      writeFileSync(stillsIndexPath(f), '{}');
      const t = new Date(Date.now() - (3 - i) * 60_000);
      utimesSync(f, t, t);
      return f;
    });
    // c is the oldest, e the newest; keeping c (just built) leaves room for e only.
    pruneStills(dir, 250, files[0]);
    assert.deepEqual(files.map((f) => existsSync(f)), [true, false, true]);
    assert.equal(existsSync(stillsIndexPath(files[1]!)), false);
  });
});
