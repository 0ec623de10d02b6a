/**
 * Seek stills: the review app's proxy for instant seeks (as video editors keep proxies). Once per recording
 * and still height, ffmpeg decodes the whole recording at its own frame rate, scaled to a few hundred lines,
 * and encodes each frame as a small JPEG to a pipe; the JPEGs are split on their markers while they stream
 * (never holding the decode) and appended to one file, `<cacheRoot>/stills/<sha256>-<height>.stills`, with an
 * index of byte offsets beside it (`.idx`, JSON) written last, both through a temp file and a rename. Still i
 * is frame i of the app's frame clock (renderer/src/review/frameClock.ts: the frame shown from i/fps), so the
 * player can show it the moment a seek is asked for, and its overlay for that frame, while Chromium decodes
 * the full-resolution frame.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { asCancellation, CancelledError, InputError, throwIfCancelled } from '../errors.ts';
import { displayName } from '../platform/displayName.ts';
import { redactPaths, spawnStreaming } from '../platform/runProcess.ts';
import { stillsDir, stillsFilePath, stillsIndexPath } from '../platform/stillsFiles.ts';
import { writeFileAtomic } from '../platform/writeFileAtomic.ts';
import { resolveMediaTools } from './ffmpegPaths.ts';

/** Lines of a still by default: about a quarter of 1080p; 3 min at 30 fps is about 35 MB at the default quality. */
export const DEFAULT_STILL_HEIGHT = 270;
/** ffmpeg's MJPEG -q:v (2 best .. 31 worst) by default. */
export const DEFAULT_STILL_QUALITY = 7;
/** The stills folder is pruned to this many bytes, least recently used first (the one just built stays). */
export const STILLS_KEEP_BYTES = 2 * 1024 ** 3;

export interface StillsIndex {
  version: 1;
  sha256: string;
  fps: number;
  width: number;
  height: number;
  frames: number;
  /** frames + 1 offsets: still i is bytes offsets[i] .. offsets[i+1]-1; the last is the file's size. */
  offsets: number[];
}

export interface SeekStills extends StillsIndex {
  /** The stills file (never shown to the user: its name is a content hash). */
  file: string;
}

/**
 * Splits a stream of concatenated JPEGs into whole JPEGs by walking their markers: the marker segments after
 * SOI (FFD8) by their lengths, then the entropy-coded data after SOS, where FF00 (a stuffed byte), FFD0-FFD7
 * (restart markers) and FF fill bytes belong to the data and any other marker ends it; EOI (FFD9) ends the
 * picture. Bytes between pictures are skipped. Chunks may split anywhere.
 */
export class JpegSplitter {
  #buf: Buffer = Buffer.alloc(0);
  /** Where the current picture starts in #buf (-1: looking for SOI). */
  #start = -1;
  /** How far #buf is parsed. */
  #pos = 0;
  #inScan = false;
  /** Bytes skipped outside any picture so far. */
  skipped = 0;

  /** Feeds a chunk; returns the pictures it completed (each its own copy). */
  push(chunk: Buffer): Buffer[] {
    const b = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    const out: Buffer[] = [];
    for (;;) {
      if (this.#start < 0) {
        // Between pictures: look for SOI.
        let i = this.#pos;
        while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] === 0xd8)) i++;
        this.skipped += i - this.#pos;
        this.#pos = i;
        if (i + 1 >= b.length) break;
        this.#start = i;
        this.#pos = i + 2;
        this.#inScan = false;
        continue;
      }
      if (this.#inScan) {
        let i = this.#pos;
        let marker = -1;
        while (i + 1 < b.length) {
          if (b[i] !== 0xff) { i++; continue; }
          const m = b[i + 1]!;
          if (m === 0x00 || (m >= 0xd0 && m <= 0xd7)) { i += 2; continue; }
          if (m === 0xff) { i++; continue; }
          marker = i;
          break;
        }
        this.#pos = marker < 0 ? i : marker;
        if (marker < 0) break;
        this.#inScan = false;
        continue;
      }
      // At a marker between segments: FF xx [length, 2 bytes, counting itself].
      const i = this.#pos;
      if (i + 1 >= b.length) break;
      if (b[i] !== 0xff) throw new InputError('The stills stream is not a sequence of JPEG pictures (a marker was expected).');
      const m = b[i + 1]!;
      if (m === 0xff) { this.#pos = i + 1; continue; }
      if (m === 0xd9) {
        out.push(Buffer.from(b.subarray(this.#start, i + 2)));
        this.#start = -1;
        this.#pos = i + 2;
        continue;
      }
      if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { this.#pos = i + 2; continue; }
      if (i + 3 >= b.length) break;
      const len = b.readUInt16BE(i + 2);
      if (len < 2) throw new InputError('The stills stream has a damaged JPEG segment.');
      if (i + 2 + len > b.length) break;
      this.#pos = i + 2 + len;
      if (m === 0xda) this.#inScan = true;
    }
    // Keep only the unfinished picture, or the last byte (it may be the FF of the next SOI).
    const keepFrom = this.#start < 0 ? this.#pos : this.#start;
    this.#buf = Buffer.from(b.subarray(keepFrom));
    this.#pos -= keepFrom;
    if (this.#start >= 0) this.#start = 0;
    return out;
  }

  /** Bytes of an unfinished picture held (0 when the stream so far ended between pictures). */
  get pending(): number {
    return this.#start < 0 ? 0 : this.#buf.length;
  }
}

/** The size of a baseline or progressive JPEG from its SOF segment, or null. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < jpeg.length && jpeg[i] === 0xff) {
    const m = jpeg[i + 1]!;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    if (m === 0xda) return null;
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return null;
}

/** Reads and checks an index against its stills file's size; null when either is missing, damaged or incomplete. */
export function parseStillsIndex(text: string, stillsBytes: number): StillsIndex | null {
  let x: unknown;
  try { x = JSON.parse(text); } catch { return null; }
  const v = x as Partial<StillsIndex>;
  if (v?.version !== 1 || typeof v.sha256 !== 'string' || !(Number(v.fps) > 0) || !Number.isInteger(v.width) || !Number.isInteger(v.height)) return null;
  const o = v.offsets;
  if (!Array.isArray(o) || o.length !== (v.frames ?? -1) + 1 || o.length < 2 || o[0] !== 0 || o.at(-1) !== stillsBytes) return null;
  for (let i = 1; i < o.length; i++) if (!Number.isSafeInteger(o[i]) || o[i]! <= o[i - 1]!) return null;
  return v as StillsIndex;
}

/** The stills of a recording if they are built and complete (their use is noted, for pruning), else null. */
export function readSeekStills(sha256: string, height = DEFAULT_STILL_HEIGHT, dir = stillsDir()): SeekStills | null {
  const file = stillsFilePath(sha256, height, dir);
  try {
    const size = statSync(file).size;
    const index = parseStillsIndex(readFileSync(stillsIndexPath(file), 'utf8'), size);
    if (!index || index.sha256 !== sha256 || index.height !== height) return null;
    const now = new Date();
    utimesSync(file, now, now);
    return { ...index, file };
  } catch {
    return null;
  }
}

export interface BuildSeekStillsOptions {
  /** The recording's SHA-256 (the key). */
  sha256: string;
  /** The recording's frame rate (the app's frame clock). */
  fps: number;
  /** The recording's duration, for progress. */
  durationS: number;
  /** The recording's display height, so a still is never taller. */
  sourceHeight?: number;
  height?: number;
  quality?: number;
  dir?: string;
  signal?: AbortSignal;
  /** 0..100, at most once per whole percent. */
  onProgress?: (percent: number) => void;
}

/** Decodes the recording once into its stills file and index (replacing any); cancellable; the temp files go on failure. */
export async function buildSeekStills(videoPath: string, o: BuildSeekStillsOptions): Promise<SeekStills> {
  const { sha256, fps, signal } = o;
  const height = o.height ?? DEFAULT_STILL_HEIGHT;
  const quality = o.quality ?? DEFAULT_STILL_QUALITY;
  const dir = o.dir ?? stillsDir();
  const name = displayName(videoPath);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('sha256 must be 64 hex digits');
  if (!(fps > 0 && fps <= 1000)) throw new InputError(`"${name}" has no usable frame rate (${fps}), so it has no seek stills.`);
  if (!Number.isInteger(height) || height < 16 || height > 4320 || height % 2) throw new RangeError('height must be an even whole number of lines from 16 to 4320');
  throwIfCancelled(signal);
  await mkdir(dir, { recursive: true });
  const file = stillsFilePath(sha256, height, dir);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const expected = Math.max(1, Math.round(o.durationS * fps));
  const { ffmpeg } = resolveMediaTools();
  const args = ['-nostdin', '-v', 'error'];
  // Shrunk at least 2x, the deblocking filter changes nothing visible (decodeFrames.ts does the same).
  if (o.sourceHeight && height <= o.sourceHeight / 2) args.push('-skip_loop_filter', 'all');
  args.push('-i', videoPath, '-an', '-sn', '-dn', '-vf', `fps=${fps},scale=-2:${height}:flags=area`, '-c:v', 'mjpeg', '-q:v', String(quality), '-f', 'image2pipe', 'pipe:1');
  const out = await open(tmp, 'w');
  const decoder = spawnStreaming(ffmpeg, args, { signal });
  const splitter = new JpegSplitter();
  const offsets = [0];
  let size: { width: number; height: number } | null = null;
  let shown = -1;
  let done = false;
  try {
    for await (const chunk of decoder.stdout as AsyncIterable<Buffer>) {
      for (const jpeg of splitter.push(chunk)) {
        size ??= jpegSize(jpeg);
        await out.write(jpeg);
        offsets.push(offsets.at(-1)! + jpeg.length);
      }
      const percent = Math.min(99, Math.floor(((offsets.length - 1) / expected) * 100));
      if (percent !== shown) { shown = percent; o.onProgress?.(percent); }
    }
    const code = await decoder.exited;
    if (signal?.aborted) throw new CancelledError();
    if (code !== 0) {
      const msg = redactPaths(decoder.stderr().replaceAll(videoPath, name).split('\n').find((l) => l.trim()) ?? `exit code ${code}`).trim();
      throw new InputError(`The seek stills of "${name}" could not be made (${msg}). The file may be damaged: export it again.`);
    }
    if (offsets.length < 2 || !size || splitter.pending) throw new InputError(`The seek stills of "${name}" could not be made (ffmpeg gave ${offsets.length - 1} whole pictures).`);
    await out.close();
    await rename(tmp, file);
    const index: StillsIndex = { version: 1, sha256, fps, width: size.width, height: size.height, frames: offsets.length - 1, offsets };
    writeFileAtomic(stillsIndexPath(file), JSON.stringify(index));
    done = true;
    o.onProgress?.(100);
    pruneStills(dir, STILLS_KEEP_BYTES, file);
    return { ...index, file };
  } catch (e) {
    throw asCancellation(e, signal);
  } finally {
    decoder.stop();
    if (!done) { await out.close().catch(() => {}); await rm(tmp, { force: true }); }
  }
}

/** Deletes the least recently used stills (and their indexes) beyond `keepBytes` in all, never `keep`. */
export function pruneStills(dir: string, keepBytes: number, keep?: string): void {
  let files: Array<{ file: string; size: number; used: number }>;
  try {
    files = readdirSync(dir).filter((n) => n.endsWith('.stills')).map((n) => {
      const file = path.join(dir, n);
      const st = statSync(file);
      return { file, size: st.size, used: st.mtimeMs };
    });
  } catch {
    return;
  }
  files.sort((a, b) => (a.file === keep ? -1 : b.file === keep ? 1 : b.used - a.used));
  let total = 0;
  for (const f of files) {
    total += f.size;
    if (total > keepBytes && f.file !== keep) {
      rmSync(stillsIndexPath(f.file), { force: true });
      rmSync(f.file, { force: true });
    }
  }
}
