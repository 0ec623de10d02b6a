/**
 * libjpeg-turbo compiled to WebAssembly (the `jpeg-turbo.wasm` of @cwasm/jpeg-turbo) as a synchronous JPEG
 * decoder: the still layer decodes a seek's still inside the currentTime setter, from bytes already in
 * memory, so no task or thread hop stands between a seek and its still on screen (the browser's own decoders
 * answer a task later, and on a busy machine that task can wait tens of milliseconds). The package's index.js
 * reads its .wasm with `fs`; this is the same glue for any host: the caller hands in the .wasm (its bytes, or
 * the response of fetching it). One decompressor, one input and one output buffer are kept and reused.
 */

/** TurboJPEG's pixel format for 8-bit R, G, B, A (turbojpeg.h TJPF_RGBA). */
const TJPF_RGBA = 7;

interface Exports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  tjInitDecompress(): number;
  tjDestroy(handle: number): number;
  tjDecompressHeader3(handle: number, jpeg: number, size: number, width: number, height: number, subsamp: number, colorspace: number): number;
  tjDecompress2(handle: number, jpeg: number, size: number, dst: number, width: number, pitch: number, height: number, pixelFormat: number, flags: number): number;
}

/** A decode's pixels: `rgba` is a view of the decoder's memory, valid until its next decode (copy it, or draw it at once). */
export interface JpegPixels { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> }

/** What the library was built against: setjmp answers 0 and longjmp throws (the error leaves by a JS exception), WASI calls unused. */
function imports(): WebAssembly.Imports {
  const unused = (name: string) => () => { throw new Error(`jpeg-turbo called ${name}, which this glue does not provide.`); };
  return {
    env: { setjmp: () => 0, longjmp: () => { throw new Error('The JPEG could not be decoded.'); } },
    wasi_snapshot_preview1: { environ_sizes_get: () => 0, environ_get: unused('environ_get'), proc_exit: unused('proc_exit'),
      fd_close: unused('fd_close'), fd_seek: unused('fd_seek'), fd_write: unused('fd_write') },
  };
}

export class JpegTurbo {
  readonly #module: WebAssembly.Module;
  #x!: Exports;
  #handle = 0;
  /** Reused buffers in the decoder's memory: [pointer, capacity]. */
  #input: [number, number] = [0, 0];
  #output: [number, number] = [0, 0];
  /** width, height, subsampling, colour space (4 x int32). */
  #header = 0;

  private constructor(module: WebAssembly.Module) {
    this.#module = module;
    this.#start();
  }

  /** Compiles the .wasm (off the main thread in a browser) and starts a decoder. */
  static async load(wasm: BufferSource | Response | PromiseLike<Response>): Promise<JpegTurbo> {
    const source = await wasm;
    const bytes = source instanceof Response ? await JpegTurbo.#bytesOf(source) : source;
    return new JpegTurbo(await WebAssembly.compile(bytes));
  }

  static async #bytesOf(res: Response): Promise<ArrayBuffer> {
    if (!res.ok) throw new Error(`The JPEG decoder could not be loaded (HTTP ${res.status}).`);
    return res.arrayBuffer();
  }

  /** A fresh instance: after a JS exception left the library mid-call, its stack and heap are not to be trusted. */
  #start(): void {
    this.#x = new WebAssembly.Instance(this.#module, imports()).exports as unknown as Exports;
    this.#handle = this.#x.tjInitDecompress();
    this.#header = this.#x.malloc(16);
    this.#input = [0, 0];
    this.#output = [0, 0];
    if (!this.#handle || !this.#header) throw new Error('The JPEG decoder could not start.');
  }

  /** A buffer of at least `size` bytes (grown by reallocation when a larger picture comes). */
  #reserve(buf: [number, number], size: number): number {
    if (buf[1] < size) {
      if (buf[0]) this.#x.free(buf[0]);
      buf[0] = this.#x.malloc(size);
      buf[1] = buf[0] ? size : 0;
      if (!buf[0]) throw new Error('The JPEG decoder ran out of memory.');
    }
    return buf[0];
  }

  /** Decodes one baseline or progressive JPEG to RGBA, synchronously. Throws on a picture it cannot read (and starts afresh). */
  decode(jpeg: Uint8Array): JpegPixels {
    try {
      const x = this.#x;
      const input = this.#reserve(this.#input, jpeg.byteLength);
      new Uint8Array(x.memory.buffer, input, jpeg.byteLength).set(jpeg);
      const h = this.#header;
      if (x.tjDecompressHeader3(this.#handle, input, jpeg.byteLength, h, h + 4, h + 8, h + 12) !== 0) throw new Error('The JPEG header could not be read.');
      const [width, height] = new Int32Array(x.memory.buffer, h, 2);
      if (!width || !height || width < 0 || height < 0) throw new Error('The JPEG has no picture.');
      const size = width * height * 4;
      const output = this.#reserve(this.#output, size);
      if (x.tjDecompress2(this.#handle, input, jpeg.byteLength, output, width, width * 4, height, TJPF_RGBA, 0) !== 0) throw new Error('The JPEG could not be decoded.');
      // The memory may have grown (a new buffer) during the calls: the view is taken last.
      return { width, height, rgba: new Uint8ClampedArray(x.memory.buffer, output, size) };
    } catch (e) {
      this.#start();
      throw e;
    }
  }
}
