/**
 * The seek stills' bytes and the stills decoded by the browser. A stills file up to PRELOAD_MAX_BYTES (a
 * 3-min 1080p30 recording's is about 35 MB) is read whole in the background, a few MB per Range request, and
 * kept as JPEG bytes: once a still's bytes are here (`bytes`), the still layer decodes it synchronously in
 * the seek itself (jpegTurbo.ts), so no request (10-20 ms through the network stack on a busy machine) and no
 * decoder task is on the seek's path. Before that, or for a larger file, `get` fetches one still per HTTP
 * Range request (206) and decodes it asynchronously (WebCodecs' ImageDecoder on the bytes where present, else
 * createImageBitmap); a few of those decoded stills are kept, most recently used last, so stepping back and
 * forth over the same place fetches nothing again.
 */
/** Largest stills file read whole into memory (about 13 min at 30 fps); larger ones are fetched still by still. */
export const PRELOAD_MAX_BYTES = 96 * 1024 * 1024;
/** Bytes per preload request (whole stills each). */
const PRELOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** A decoded still: an ImageBitmap, or a WebCodecs VideoFrame (ImageDecoder, decoding straight from the bytes). */
export type Still = ImageBitmap | VideoFrame;

type Decoder = { decode(): Promise<{ image: VideoFrame }>; close(): void };
type DecoderClass = new (init: { data: BufferSource; type: string }) => Decoder;
/** WebCodecs' ImageDecoder where present: it decodes the bytes in this process (a Blob goes through the browser's blob registry first). */
const ImageDecoderClass = (globalThis as { ImageDecoder?: DecoderClass }).ImageDecoder;

async function decodeJpeg(bytes: Uint8Array<ArrayBuffer>): Promise<Still> {
  if (!ImageDecoderClass) return createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
  const decoder = new ImageDecoderClass({ data: bytes, type: 'image/jpeg' });
  try {
    return (await decoder.decode()).image;
  } finally {
    decoder.close();
  }
}

const closeStill = (s: Still) => s.close();

export class StillCache {
  readonly #bitmaps = new Map<number, Promise<Still>>();
  readonly #ready = new Map<number, Still>();
  /** Preloaded byte ranges: [first still, last still + 1, bytes from offsets[first]]. */
  readonly #chunks: Array<{ from: number; to: number; bytes: Uint8Array<ArrayBuffer> }> = [];
  #stopped = false;

  constructor(readonly url: string, readonly offsets: readonly number[], readonly capacity = 24) {}

  /** Reads the whole stills file in the background (when it is small enough); true once all of it is in memory. */
  async preload(maxBytes = PRELOAD_MAX_BYTES): Promise<boolean> {
    const size = this.offsets.at(-1) ?? 0;
    if (size > maxBytes) return false;
    let from = 0;
    while (from < this.frames && !this.#stopped) {
      let to = from + 1;
      while (to < this.frames && this.offsets[to + 1]! - this.offsets[from]! <= PRELOAD_CHUNK_BYTES) to++;
      const res = await fetch(this.url, { headers: { range: `bytes=${this.offsets[from]}-${this.offsets[to]! - 1}` }, credentials: 'same-origin' });
      if (res.status !== 206) return false;
      this.#chunks.push({ from, to, bytes: new Uint8Array(await res.arrayBuffer()) });
      from = to;
    }
    return from >= this.frames;
  }

  /** Stops a preload (the layer went away). */
  stop(): void {
    this.#stopped = true;
  }

  /** The JPEG of still `i` if it is in memory already (a view of the preloaded bytes), else null. */
  bytes(i: number): Uint8Array<ArrayBuffer> | null {
    if (!(i >= 0 && i < this.frames)) return null;
    const c = this.#chunks.find((x) => i >= x.from && i < x.to);
    if (!c) return null;
    const base = this.offsets[c.from]!;
    return c.bytes.subarray(this.offsets[i]! - base, this.offsets[i + 1]! - base);
  }

  get frames(): number {
    return this.offsets.length - 1;
  }

  /** The still of frame `i` if it is already decoded (a synchronous draw), else undefined. */
  peek(i: number): Still | undefined {
    return this.#ready.get(i);
  }

  /** The still of frame `i` (fetched and decoded once while it stays in the cache). */
  get(i: number): Promise<Still> {
    const known = this.#bitmaps.get(i);
    if (known) {
      this.#bitmaps.delete(i);
      this.#bitmaps.set(i, known);
      return known;
    }
    const start = this.offsets[i];
    const end = this.offsets[i + 1];
    if (start === undefined || end === undefined) return Promise.reject(new RangeError(`No still for frame ${i}.`));
    const local = this.bytes(i);
    const p = (local ? decodeJpeg(local) : fetch(this.url, { headers: { range: `bytes=${start}-${end - 1}` }, credentials: 'same-origin' })
      .then(async (res) => {
        if (res.status !== 206 && res.status !== 200) throw new Error(`The still of frame ${i} answered HTTP ${res.status}.`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        // A server that ignored Range sent the whole file: take this still's bytes.
        return decodeJpeg(res.status === 200 ? bytes.subarray(start, end) : bytes);
      }))
      .then((still) => {
        if (this.#bitmaps.get(i) === p) this.#ready.set(i, still);
        // Evicted while it was decoding: closed once its caller has drawn it.
        else setTimeout(() => closeStill(still), 0);
        return still;
      });
    p.catch(() => { if (this.#bitmaps.get(i) === p) { this.#bitmaps.delete(i); this.#ready.delete(i); } });
    this.#bitmaps.set(i, p);
    while (this.#bitmaps.size > this.capacity) {
      const oldest = this.#bitmaps.keys().next().value as number;
      this.#bitmaps.delete(oldest);
      const done = this.#ready.get(oldest);
      this.#ready.delete(oldest);
      if (done) closeStill(done);
    }
    return p;
  }

  /** Closes every decoded still (the layer went away). */
  clear(): void {
    for (const s of this.#ready.values()) closeStill(s);
    this.#ready.clear();
    this.#bitmaps.clear();
  }
}
