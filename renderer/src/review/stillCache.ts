/**
 * The seek stills the still layer has fetched, most recently used last: each still is one HTTP Range request
 * (206) for its bytes of the stills file, decoded off the main thread by createImageBitmap. A few are kept,
 * so stepping back and forth or scrubbing over the same place fetches nothing again.
 */
export class StillCache {
  readonly #bitmaps = new Map<number, Promise<ImageBitmap>>();
  readonly #ready = new Map<number, ImageBitmap>();

  constructor(readonly url: string, readonly offsets: readonly number[], readonly capacity = 24) {}

  get frames(): number {
    return this.offsets.length - 1;
  }

  /** The still of frame `i` if it is already decoded (a synchronous draw), else undefined. */
  peek(i: number): ImageBitmap | undefined {
    return this.#ready.get(i);
  }

  /** The still of frame `i` (fetched and decoded once while it stays in the cache). */
  get(i: number): Promise<ImageBitmap> {
    const known = this.#bitmaps.get(i);
    if (known) {
      this.#bitmaps.delete(i);
      this.#bitmaps.set(i, known);
      return known;
    }
    const start = this.offsets[i];
    const end = this.offsets[i + 1];
    if (start === undefined || end === undefined) return Promise.reject(new RangeError(`No still for frame ${i}.`));
    const p = fetch(this.url, { headers: { range: `bytes=${start}-${end - 1}` }, credentials: 'same-origin' })
      .then(async (res) => {
        if (res.status !== 206 && res.status !== 200) throw new Error(`The still of frame ${i} answered HTTP ${res.status}.`);
        const blob = await res.blob();
        // A server that ignored Range sent the whole file: take this still's bytes.
        return createImageBitmap(res.status === 200 ? blob.slice(start, end) : blob);
      })
      .then((bitmap) => { if (this.#bitmaps.get(i) === p) this.#ready.set(i, bitmap); return bitmap; });
    p.catch(() => { if (this.#bitmaps.get(i) === p) { this.#bitmaps.delete(i); this.#ready.delete(i); } });
    this.#bitmaps.set(i, p);
    while (this.#bitmaps.size > this.capacity) {
      const oldest = this.#bitmaps.keys().next().value as number;
      this.#bitmaps.delete(oldest);
      this.#ready.delete(oldest);
    }
    return p;
  }
}
