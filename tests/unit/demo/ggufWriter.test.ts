/**
 * The TypeScript GGUF writer, checked with node-llama-cpp's own GGUF reader: every metadata type, F32/F16
 * tensors, alignment, and refused input.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';
import { metadataAt } from '../../helpers/metadataAt.ts';
import { GgmlType, GgufValueType, GgufWriter } from '../../../native-models/demo/ggufWriter.ts';

const get = metadataAt;

let dir: string;

before(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gguf-writer-')); });

after(async () => { await rm(dir, { recursive: true, force: true }); });

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
    const t = get(info.metadata, 't') as Record<string, unknown>;
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
