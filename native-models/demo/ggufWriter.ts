/**
 * A small GGUF v3 writer (little-endian), byte-compatible with llama.cpp's gguf-py `GGUFWriter` for what it
 * covers: metadata of every scalar type and typed arrays, F32 and F16 tensors, data aligned to 32 bytes.
 *
 * File layout (gguf-py write_header_to_file / write_kv_data_to_file / write_tensors_to_file):
 *   magic "GGUF", u32 version 3, u64 tensor count, u64 kv count
 *   kv:     string key, u32 value type, value (arrays: u32 item type, u64 length, items)
 *   tensor: string name, u32 n_dims, u64 dims (numpy shape REVERSED: ne[0] is the fastest-varying axis),
 *           u32 ggml type, u64 offset in the data section (each tensor padded to the alignment)
 *   zero padding to the alignment, then tensor data in the same order.
 * Strings are u64 byte length + UTF-8, no terminator. Keys keep their insertion order, like gguf-py.
 */
import { writeFile } from 'node:fs/promises';
import { float32ToFloat16Bits } from './float16.ts';

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** gguf-py constants.GGUFValueType */
export enum GgufValueType {
  UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6,
  BOOL = 7, STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12,
}

/** The ggml tensor types this writer can produce (gguf-py GGMLQuantizationType numbering). */
export enum GgmlType { F32 = 0, F16 = 1 }

export type GgufScalar = number | bigint | boolean | string;
type ScalarType = Exclude<GgufValueType, GgufValueType.ARRAY>;
type KvEntry =
  | { type: ScalarType; value: GgufScalar }
  | { type: GgufValueType.ARRAY; itemType: ScalarType; value: readonly GgufScalar[] };

interface TensorEntry { name: string; shape: readonly number[]; type: GgmlType; data: ArrayLike<number> }

const INT_RANGES: Partial<Record<GgufValueType, [number, number]>> = {
  [GgufValueType.UINT8]: [0, 0xff], [GgufValueType.INT8]: [-0x80, 0x7f],
  [GgufValueType.UINT16]: [0, 0xffff], [GgufValueType.INT16]: [-0x8000, 0x7fff],
  [GgufValueType.UINT32]: [0, 0xffffffff], [GgufValueType.INT32]: [-0x80000000, 0x7fffffff],
};

/** A growable little-endian byte buffer. */
class ByteSink {
  private buf = Buffer.alloc(1 << 16);
  length = 0;
  private view(n: number): DataView {
    if (this.length + n > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.length, n);
    this.length += n;
    return v;
  }
  u8(x: number): void { this.view(1).setUint8(0, x); }
  i8(x: number): void { this.view(1).setInt8(0, x); }
  u16(x: number): void { this.view(2).setUint16(0, x, true); }
  i16(x: number): void { this.view(2).setInt16(0, x, true); }
  u32(x: number): void { this.view(4).setUint32(0, x, true); }
  i32(x: number): void { this.view(4).setInt32(0, x, true); }
  f32(x: number): void { this.view(4).setFloat32(0, x, true); }
  f64(x: number): void { this.view(8).setFloat64(0, x, true); }
  u64(x: number | bigint): void { this.view(8).setBigUint64(0, BigInt(x), true); }
  i64(x: number | bigint): void { this.view(8).setBigInt64(0, BigInt(x), true); }
  bytes(b: Uint8Array): void {
    this.view(b.length);
    this.buf.set(b, this.length - b.length);
  }
  string(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.bytes(b);
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    if (pad) this.bytes(new Uint8Array(pad));
  }
  result(): Buffer { return this.buf.subarray(0, this.length); }
}

function checkScalar(key: string, type: ScalarType, value: GgufScalar): void {
  const range = INT_RANGES[type];
  const bad = (why: string): never => { throw new RangeError(`GGUF key ${key}: ${String(value)} ${why}`); };
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value)) bad('is not an integer');
    else if (value < range[0] || value > range[1]) bad(`is outside ${GgufValueType[type]}`);
  } else if (type === GgufValueType.UINT64 || type === GgufValueType.INT64) {
    if (typeof value !== 'bigint' && !Number.isSafeInteger(value)) bad('is not a safe integer or bigint');
  } else if (type === GgufValueType.FLOAT32 || type === GgufValueType.FLOAT64) {
    if (typeof value !== 'number') bad('is not a number');
  } else if (type === GgufValueType.BOOL) {
    if (typeof value !== 'boolean') bad('is not a boolean');
  } else if (typeof value !== 'string') bad('is not a string');
}

function writeScalar(out: ByteSink, type: ScalarType, value: GgufScalar): void {
  switch (type) {
    case GgufValueType.UINT8: return out.u8(value as number);
    case GgufValueType.INT8: return out.i8(value as number);
    case GgufValueType.UINT16: return out.u16(value as number);
    case GgufValueType.INT16: return out.i16(value as number);
    case GgufValueType.UINT32: return out.u32(value as number);
    case GgufValueType.INT32: return out.i32(value as number);
    case GgufValueType.FLOAT32: return out.f32(value as number);
    case GgufValueType.FLOAT64: return out.f64(value as number);
    case GgufValueType.UINT64: return out.u64(value as number | bigint);
    case GgufValueType.INT64: return out.i64(value as number | bigint);
    case GgufValueType.BOOL: return out.u8(value ? 1 : 0);
    case GgufValueType.STRING: return out.string(value as string);
  }
}

const BYTES_PER_ELEMENT: Record<GgmlType, number> = { [GgmlType.F32]: 4, [GgmlType.F16]: 2 };

export class GgufWriter {
  private readonly kv = new Map<string, KvEntry>();
  private readonly tensors = new Map<string, TensorEntry>();
  readonly alignment: number;

  /** Sets `general.architecture` first, as gguf-py does; a non-default alignment is written as `general.alignment`. */
  constructor(readonly arch: string, options: { alignment?: number } = {}) {
    this.alignment = options.alignment ?? GGUF_DEFAULT_ALIGNMENT;
    if (!Number.isInteger(this.alignment) || this.alignment <= 0 || this.alignment % 8 !== 0) {
      throw new RangeError(`GGUF alignment must be a positive multiple of 8, got ${this.alignment}`);
    }
    this.setString('general.architecture', arch);
    if (this.alignment !== GGUF_DEFAULT_ALIGNMENT) this.setUint32('general.alignment', this.alignment);
  }

  /** Sets a scalar key. Setting a key again replaces its value but keeps its position (like a Python dict). */
  set(key: string, type: ScalarType, value: GgufScalar): this {
    checkScalar(key, type, value);
    this.kv.set(key, { type, value });
    return this;
  }

  setArray(key: string, itemType: ScalarType, values: readonly GgufScalar[]): this {
    for (const v of values) checkScalar(key, itemType, v);
    this.kv.set(key, { type: GgufValueType.ARRAY, itemType, value: [...values] });
    return this;
  }

  setUint32(key: string, value: number): this { return this.set(key, GgufValueType.UINT32, value); }
  setInt32(key: string, value: number): this { return this.set(key, GgufValueType.INT32, value); }
  setUint64(key: string, value: number | bigint): this { return this.set(key, GgufValueType.UINT64, value); }
  setFloat32(key: string, value: number): this { return this.set(key, GgufValueType.FLOAT32, value); }
  setBool(key: string, value: boolean): this { return this.set(key, GgufValueType.BOOL, value); }
  setString(key: string, value: string): this { return this.set(key, GgufValueType.STRING, value); }
  setStringArray(key: string, values: readonly string[]): this { return this.setArray(key, GgufValueType.STRING, values); }
  setInt32Array(key: string, values: readonly number[]): this { return this.setArray(key, GgufValueType.INT32, values); }
  setFloat32Array(key: string, values: readonly number[]): this { return this.setArray(key, GgufValueType.FLOAT32, values); }

  get keys(): string[] { return [...this.kv.keys()]; }
  get tensorNames(): string[] { return [...this.tensors.keys()]; }

  /**
   * Adds a tensor. `shape` is in numpy (row-major) order, e.g. [n_out, n_in] for a weight matrix, and
   * `data` is flat in that order; the file stores the dims reversed (ggml ne[0] = last numpy axis).
   * F16 tensors take float values and are converted when written.
   */
  addTensor(name: string, shape: readonly number[], data: ArrayLike<number>, type: GgmlType = GgmlType.F32): this {
    if (this.tensors.has(name)) throw new Error(`Duplicated tensor name ${name}`);
    if (shape.length < 1 || shape.length > 4 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new RangeError(`Tensor ${name}: bad shape [${shape.join(', ')}]`);
    }
    const n = shape.reduce((a, b) => a * b, 1);
    if (data.length !== n) throw new RangeError(`Tensor ${name}: shape [${shape.join(', ')}] needs ${n} values, got ${data.length}`);
    this.tensors.set(name, { name, shape: [...shape], type, data });
    return this;
  }

  /** The whole file. */
  toBuffer(): Buffer {
    const out = new ByteSink();
    out.u32(GGUF_MAGIC);
    out.u32(GGUF_VERSION);
    out.u64(this.tensors.size);
    out.u64(this.kv.size);
    for (const [key, entry] of this.kv) {
      out.string(key);
      out.u32(entry.type);
      if (entry.type === GgufValueType.ARRAY) {
        out.u32(entry.itemType);
        out.u64(entry.value.length);
        for (const v of entry.value) writeScalar(out, entry.itemType, v);
      } else {
        writeScalar(out, entry.type, entry.value);
      }
    }
    let offset = 0;
    for (const t of this.tensors.values()) {
      out.string(t.name);
      out.u32(t.shape.length);
      for (let j = t.shape.length - 1; j >= 0; j--) out.u64(t.shape[j]!);
      out.u32(t.type);
      out.u64(offset);
      offset += alignUp(t.data.length * BYTES_PER_ELEMENT[t.type], this.alignment);
    }
    out.padTo(this.alignment);
    for (const t of this.tensors.values()) {
      out.bytes(encodeTensorData(t));
      out.padTo(this.alignment);
    }
    return out.result();
  }

  async write(file: string): Promise<void> {
    await writeFile(file, this.toBuffer());
  }
}

export function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

function encodeTensorData(t: TensorEntry): Uint8Array {
  const n = t.data.length;
  const bytes = new Uint8Array(n * BYTES_PER_ELEMENT[t.type]);
  const view = new DataView(bytes.buffer);
  if (t.type === GgmlType.F32) {
    for (let i = 0; i < n; i++) view.setFloat32(i * 4, t.data[i]!, true);
  } else {
    for (let i = 0; i < n; i++) view.setUint16(i * 2, float32ToFloat16Bits(t.data[i]!), true);
  }
  return bytes;
}
