/**
 * The TypeScript GGUF writer and the tiny model pairs, checked with node-llama-cpp's own GGUF reader.
 * The header hashes pin the metadata and tensor-info bytes to what the Python recipe
 * (shared/reference/tiny-vlm, gguf-py GGUFWriter) writes: only the random weights differ.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';
import { float32ArrayToFloat16, float32ToFloat16Bits } from '../../native-models/demo/float16.ts';
import { GgmlType, GgufValueType, GgufWriter } from '../../native-models/demo/ggufWriter.ts';
import { tinyModelFileNames, writeTinyModelPair, type TinyModelKind } from '../../native-models/demo/writeTinyModels.ts';

type Nested = Record<string, unknown>;
const get = (o: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Nested)[k] : undefined), o);

let dir: string;
before(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gguf-writer-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

describe('float32ToFloat16Bits', () => {
  it('converts known values exactly (round to nearest even, subnormals, overflow, specials)', () => {
    const cases: [number, number][] = [
      [0, 0x0000], [-0, 0x8000], [1, 0x3c00], [-2, 0xc000], [0.5, 0x3800], [0.1, 0x2e66], [1 / 3, 0x3555],
      [65504, 0x7bff], [65519.99, 0x7bff], [65520, 0x7c00], [1e6, 0x7c00], [-1e6, 0xfc00],
      [2 ** -14, 0x0400], [2 ** -24, 0x0001], [2 ** -25, 0x0000], [3 * 2 ** -26, 0x0001], [1e-8, 0x0000],
      [1 + 2 ** -11, 0x3c00], [1 + 3 * 2 ** -11, 0x3c02], [2047, 0x67ff], [2049, 0x6800], [2051, 0x6802],
      [Infinity, 0x7c00], [-Infinity, 0xfc00], [NaN, 0x7e00],
    ];
    for (const [value, bits] of cases) {
      assert.equal(float32ToFloat16Bits(value), bits, `${value} -> 0x${bits.toString(16)}`);
    }
    assert.deepEqual([...float32ArrayToFloat16([1, -2, 0.1])], [0x3c00, 0xc000, 0x2e66]);
  });
});

describe('GgufWriter', () => {
  it('writes every metadata type and F32/F16 tensors that node-llama-cpp reads back', async () => {
    const w = new GgufWriter('llama');
    w.set('t.u8', GgufValueType.UINT8, 200).set('t.i8', GgufValueType.INT8, -5)
      .set('t.u16', GgufValueType.UINT16, 60000).set('t.i16', GgufValueType.INT16, -300)
      .setUint32('t.u32', 4000000000).setInt32('t.i32', -7).setFloat32('t.f32', 0.25)
      .setUint64('t.u64', 2n ** 40n).set('t.i64', GgufValueType.INT64, -3).set('t.f64', GgufValueType.FLOAT64, 1 / 3)
      .setBool('t.yes', true).setBool('t.no', false).setString('t.str', 'héllo ✓')
      .setStringArray('t.strs', ['a', 'Ġt', '<|im_end|>']).setInt32Array('t.ints', [1, -2, 3])
      .setFloat32Array('t.floats', [0.5, 1.5]);
    const matrix = Float32Array.from({ length: 6 }, (_, i) => i + 0.5);
    w.addTensor('m.weight', [2, 3], matrix); // numpy shape [rows=2, cols=3]
    w.addTensor('h.weight', [5], [1, -2, 0.1, 65504, 0], GgmlType.F16);
    const file = path.join(dir, 'types.gguf');
    await w.write(file);

    const info = await readGgufFileInfo(file, { logWarnings: false });
    assert.equal(info.version, 3);
    const t = get(info.metadata, 't') as Nested;
    assert.equal(get(info.metadata, 'general.architecture'), 'llama');
    assert.deepEqual(
      { ...t, f32: undefined, f64: undefined, floats: undefined },
      { u8: 200, i8: -5, u16: 60000, i16: -300, u32: 4000000000, i32: -7, u64: 2n ** 40n, i64: -3n, yes: true, no: false,
        str: 'héllo ✓', strs: ['a', 'Ġt', '<|im_end|>'], ints: [1, -2, 3], f32: undefined, f64: undefined, floats: undefined },
    );
    assert.equal(t.f32, 0.25);
    assert.equal(t.f64, 1 / 3);
    assert.deepEqual(t.floats, [0.5, 1.5]);

    const [m, h] = info.tensorInfo ?? [];
    assert.deepEqual(m && { name: m.name, dims: m.dimensions.map(Number), type: m.ggmlType }, { name: 'm.weight', dims: [3, 2], type: GgmlType.F32 });
    assert.deepEqual(h && { dims: h.dimensions.map(Number), type: h.ggmlType }, { dims: [5], type: GgmlType.F16 });

    // data: 32-byte aligned, F32 little-endian in numpy order, F16 converted
    const bytes = await readFile(file);
    const mOff = Number(m!.fileOffset);
    const hOff = Number(h!.fileOffset);
    assert.equal(mOff % 32, 0);
    assert.equal(hOff, mOff + 32); // 24 bytes of F32 padded to 32
    assert.deepEqual([...new Float32Array(bytes.buffer.slice(bytes.byteOffset + mOff, bytes.byteOffset + mOff + 24))], [...matrix]);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => bytes.readUInt16LE(hOff + 2 * i)), [0x3c00, 0xc000, 0x2e66, 0x7bff, 0]);
    assert.equal(bytes.length % 32, 0);
  });

  it('writes general.alignment for a custom alignment and aligns to it', async () => {
    const w = new GgufWriter('llama', { alignment: 64 });
    w.addTensor('a', [3], [1, 2, 3]).addTensor('b', [3], [4, 5, 6]);
    const file = path.join(dir, 'aligned.gguf');
    await w.write(file);
    const info = await readGgufFileInfo(file, { logWarnings: false });
    assert.equal(get(info.metadata, 'general.alignment'), 64);
    assert.deepEqual(info.tensorInfo?.map((t) => Number(t.offset)), [0, 64]);
    assert.equal(Number(info.tensorInfo?.[0]?.fileOffset) % 64, 0);
  });

  it('rejects bad input', () => {
    const w = new GgufWriter('llama');
    assert.throws(() => w.setUint32('k', -1), RangeError);
    assert.throws(() => w.setInt32('k', 1.5), RangeError);
    assert.throws(() => w.addTensor('t', [2, 2], [1, 2, 3]), /needs 4 values/);
    w.addTensor('t', [1], [0]);
    assert.throws(() => w.addTensor('t', [1], [0]), /Duplicated/);
  });
});

interface Expected {
  textArch: string;
  projector: string;
  audio: boolean;
  tensors: [number, number];
  vocab: number;
  /**
   * sha256 of everything before the tensor data, as the Python recipe writes it, except the text models'
   * context_length (TINY_CONTEXT_LENGTH = 32768 instead of 4096 / 8192; see tinyTextModel.ts).
   */
  headerSha256: [string, string];
  shapes: Record<string, number[]>; // GGUF order (ne0 first)
}

const expected: Record<TinyModelKind, Expected> = {
  omni: {
    textArch: 'qwen2vl', projector: 'qwen2.5o', audio: true, tensors: [27, 78], vocab: 268,
    headerSha256: ['843fced2ac4ee373add0590d9a8d2f435337aa34557e7a8f151817e282342669', 'f6f5e9118430e2ffe94518cd9aecad7d568108b60a94f8ac29a34d5577fac947'],
    shapes: {
      'token_embd.weight': [64, 268], 'blk.1.attn_k.weight': [64, 32], 'blk.0.ffn_down.weight': [128, 64],
      'v.patch_embd.weight': [14, 14, 3, 64], 'mm.0.weight': [256, 256], 'mm.2.weight': [256, 64],
      'a.conv1d.1.weight': [3, 128, 64], 'a.conv1d.1.bias': [1, 64], 'a.position_embd.weight': [64, 1500], 'mm.a.fc.weight': [64, 64],
    },
  },
  internvl: {
    textArch: 'qwen2', projector: 'internvl', audio: false, tensors: [27, 46], vocab: 263,
    headerSha256: ['85a740816ce7070274d4b1b4588b4200e16bef9e7afe0dbceeaffbab3f91aa55', '64c47ac1b7f4184d272b22e77de9d1b1bab4df1d2115b4dcd87491e34f4f9ed5'],
    shapes: {
      'token_embd.weight': [64, 263], 'v.class_embd': [64], 'v.patch_embd.weight': [14, 14, 3, 64],
      'v.position_embd.weight': [64, 1025], 'mm.model.mlp.0.weight': [256], 'mm.model.mlp.1.weight': [256, 64],
    },
  },
};

describe('tiny model pairs', () => {
  for (const kind of ['omni', 'internvl'] as const) {
    const exp = expected[kind];
    it(`${kind}: architecture, projector, flags, tokenizer, tensors`, async () => {
      const t0 = performance.now();
      const paths = await writeTinyModelPair(kind, path.join(dir, kind));
      const ms = performance.now() - t0;
      assert.ok(ms < 5000, `generation took ${ms.toFixed(0)} ms`);
      assert.equal(path.basename(paths.model), tinyModelFileNames(kind).model);

      const text = await readGgufFileInfo(paths.model, { logWarnings: false });
      const mm = await readGgufFileInfo(paths.mmproj, { logWarnings: false });
      assert.equal(get(text.metadata, 'general.architecture'), exp.textArch);
      assert.equal(get(text.metadata, 'general.type'), 'model');
      assert.match(String(get(text.metadata, 'general.name')), /tiny-random/);
      assert.equal((get(text.metadata, 'tokenizer.ggml.tokens') as string[]).length, exp.vocab);
      assert.equal(get(text.metadata, 'tokenizer.ggml.model'), 'gpt2');
      assert.match(String(get(text.metadata, 'tokenizer.chat_template')), /<\|im_start\|>assistant\\n/);

      assert.equal(get(mm.metadata, 'general.architecture'), 'clip');
      assert.equal(get(mm.metadata, 'general.type'), 'mmproj');
      assert.match(String(get(mm.metadata, 'general.name')), /tiny-random/);
      assert.equal(get(mm.metadata, 'clip.projector_type'), exp.projector);
      assert.equal(get(mm.metadata, 'clip.has_vision_encoder'), true);
      assert.equal(get(mm.metadata, 'clip.has_audio_encoder') ?? false, exp.audio);
      assert.equal(get(mm.metadata, 'clip.vision.projection_dim'), get(text.metadata, `${exp.textArch}.embedding_length`));

      assert.deepEqual([Number(text.tensorCount), Number(mm.tensorCount)], exp.tensors);
      const dims = new Map([...(text.tensorInfo ?? []), ...(mm.tensorInfo ?? [])].map((t) => [t.name, t.dimensions.map(Number)]));
      for (const [name, shape] of Object.entries(exp.shapes)) assert.deepEqual(dims.get(name), shape, name);

      const headers = await Promise.all([paths.model, paths.mmproj].map(async (p, i) => {
        const info = i === 0 ? text : mm;
        const head = (await readFile(p)).subarray(0, info.infoEndOffset);
        return createHash('sha256').update(head).digest('hex');
      }));
      assert.deepEqual(headers, exp.headerSha256, 'metadata + tensor info bytes differ from the Python recipe');
    });

    it(`${kind}: deterministic (same bytes twice)`, async () => {
      const a = await writeTinyModelPair(kind, path.join(dir, `${kind}-a`));
      const b = await writeTinyModelPair(kind, path.join(dir, `${kind}-b`));
      assert.ok((await readFile(a.model)).equals(await readFile(b.model)));
      assert.ok((await readFile(a.mmproj)).equals(await readFile(b.mmproj)));
    });
  }
});
