/**
 * The tiny model pairs, checked with node-llama-cpp's own GGUF reader. The header hashes pin the metadata and
 * tensor-info bytes to what the Python recipe (shared/reference/tiny-vlm, gguf-py GGUFWriter) writes: only the
 * random weights differ.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';
import { metadataAt } from '../../helpers/metadataAt.ts';
import { tinyModelFileNames, writeTinyModelPair, type TinyModelKind } from '../../../native-models/demo/writeTinyModels.ts';

const get = metadataAt;

let dir: string;

before(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gguf-writer-')); });

after(async () => { await rm(dir, { recursive: true, force: true }); });

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
      const paths = await writeTinyModelPair(kind, path.join(dir, kind));
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
