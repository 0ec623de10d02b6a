/**
 * A tiny random-weight InternVL3-shaped pair (port of shared/reference/tiny-vlm/make_tiny_internvl.py):
 *   text:   arch "qwen2"
 *   mmproj: arch "clip", projector "internvl" (InternViT with CLS token, learned position embedding and
 *           layer scale; pixel shuffle; LayerNorm + MLP projector)
 * Tensor names follow llama.cpp tools/mtmd/clip-impl.h and conversion/internvl.py.
 */
import { GgmlType, GgufWriter } from './ggufWriter.ts';
import { SeededRandom } from './seededRandom.ts';
import type { TinyModelPair } from './tinyOmniModel.ts';
import { buildTinyTextModel, ones, randomTensorAdder, TEXT_DIMS, zeros, TINY_CONTEXT_LENGTH } from './tinyTextModel.ts';
import { buildVocab } from './tinyTokenizer.ts';

export const INTERNVL_SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<img>', '</img>', '<IMG_CONTEXT>'] as const;

export function tinyInternvlModel(seed = 1): TinyModelPair {
  const rng = new SeededRandom(seed);
  const vocab = buildVocab([['Ġ', 't']], INTERNVL_SPECIAL_TOKENS);
  const text = buildTinyTextModel({ arch: 'qwen2', name: 'tiny-random-internvl3-text', contextLength: TINY_CONTEXT_LENGTH, vocab, rng });
  return { text, mmproj: internvlMmproj(rng) };
}

function internvlMmproj(rng: SeededRandom): GgufWriter {
  const nEmbd = TEXT_DIMS.nEmbd;
  const [vEmbd, vHead, vFf, vLayer, patch, img] = [64, 4, 96, 2, 14, 448];
  const nPatches = (img / patch) ** 2;

  const m = new GgufWriter('clip');
  m.setString('general.type', 'mmproj');
  m.setString('general.name', 'tiny-random-internvl3-mmproj');
  m.setUint32('general.file_type', 0);
  m.setString('clip.projector_type', 'internvl');
  m.setBool('clip.has_vision_encoder', true);
  m.setUint32('clip.vision.projection_dim', nEmbd);
  m.setUint32('clip.vision.image_size', img);
  m.setUint32('clip.vision.patch_size', patch);
  m.setUint32('clip.vision.embedding_length', vEmbd);
  m.setUint32('clip.vision.feed_forward_length', vFf);
  m.setUint32('clip.vision.block_count', vLayer);
  m.setUint32('clip.vision.attention.head_count', vHead);
  m.setFloat32('clip.vision.attention.layer_norm_epsilon', 1e-6);
  m.setFloat32Array('clip.vision.image_mean', [0.485, 0.456, 0.406]);
  m.setFloat32Array('clip.vision.image_std', [0.229, 0.224, 0.225]);
  m.setBool('clip.use_gelu', true);
  m.setUint32('clip.vision.projector.scale_factor', 2);
  m.setUint32('clip.vision.preproc_min_tiles', 1);
  m.setUint32('clip.vision.preproc_max_tiles', 4);

  const rand = randomTensorAdder(m, rng);
  rand('v.class_embd', [vEmbd]);
  rand('v.patch_embd.weight', [vEmbd, 3, patch, patch], GgmlType.F16);
  rand('v.patch_embd.bias', [vEmbd]);
  rand('v.position_embd.weight', [nPatches + 1, vEmbd]);
  for (let i = 0; i < vLayer; i++) {
    const p = `v.blk.${i}.`;
    for (const t of ['attn_q', 'attn_k', 'attn_v', 'attn_out']) {
      rand(`${p}${t}.weight`, [vEmbd, vEmbd]);
      rand(`${p}${t}.bias`, [vEmbd]);
    }
    m.addTensor(`${p}ln1.weight`, [vEmbd], ones(vEmbd)); m.addTensor(`${p}ln1.bias`, [vEmbd], zeros(vEmbd));
    m.addTensor(`${p}ln2.weight`, [vEmbd], ones(vEmbd)); m.addTensor(`${p}ln2.bias`, [vEmbd], zeros(vEmbd));
    m.addTensor(`${p}ls1.weight`, [vEmbd], ones(vEmbd, 0.1)); m.addTensor(`${p}ls2.weight`, [vEmbd], ones(vEmbd, 0.1));
    rand(`${p}ffn_up.weight`, [vFf, vEmbd]); rand(`${p}ffn_up.bias`, [vFf]);
    rand(`${p}ffn_down.weight`, [vEmbd, vFf]); rand(`${p}ffn_down.bias`, [vEmbd]);
  }
  m.addTensor('mm.model.mlp.0.weight', [4 * vEmbd], ones(4 * vEmbd));
  m.addTensor('mm.model.mlp.0.bias', [4 * vEmbd], zeros(4 * vEmbd));
  rand('mm.model.mlp.1.weight', [nEmbd, 4 * vEmbd]); rand('mm.model.mlp.1.bias', [nEmbd]);
  rand('mm.model.mlp.3.weight', [nEmbd, nEmbd]); rand('mm.model.mlp.3.bias', [nEmbd]);
  return m;
}
