/**
 * A tiny random-weight Qwen2.5-Omni-shaped pair (port of shared/reference/tiny-vlm/make_tiny_omni.py):
 *   text:   arch "qwen2vl" (the text arch of Qwen2-VL, Qwen2.5-VL and Qwen2.5-Omni)
 *   mmproj: arch "clip", projector "qwen2.5o" = vision (qwen2.5vl merger) + audio (qwen2a, whisper encoder)
 * Tensor names and keys follow llama.cpp tools/mtmd/clip-impl.h and conversion/qwenvl.py.
 * The output is garbage by design: the point is exercising load, image/audio encode and decode offline.
 */
import { GgmlType, GgufWriter } from './ggufWriter.ts';
import { SeededRandom } from './seededRandom.ts';
import { buildTinyTextModel, ones, randomTensorAdder, TEXT_DIMS, zeros, TINY_CONTEXT_LENGTH } from './tinyTextModel.ts';
import { buildVocab } from './tinyTokenizer.ts';

export const OMNI_SPECIAL_TOKENS = [
  '<|endoftext|>', '<|im_start|>', '<|im_end|>',
  '<|vision_start|>', '<|vision_end|>', '<|image_pad|>',
  '<|audio_bos|>', '<|audio_eos|>', '<|AUDIO|>',
] as const;

export interface TinyModelPair { text: GgufWriter; mmproj: GgufWriter }

export function tinyOmniModel(seed = 0): TinyModelPair {
  const rng = new SeededRandom(seed);
  const vocab = buildVocab([['Ġ', 't'], ['h', 'e'], ['i', 'n']], OMNI_SPECIAL_TOKENS);
  const text = buildTinyTextModel({
    arch: 'qwen2vl', name: 'tiny-random-qwen2.5-omni-text', contextLength: TINY_CONTEXT_LENGTH,
    ropeSections: [2, 3, 3, 0], // head_dim 16 -> sections sum to 8
    vocab, rng,
  });
  return { text, mmproj: omniMmproj(rng) };
}

function omniMmproj(rng: SeededRandom): GgufWriter {
  const nEmbd = TEXT_DIMS.nEmbd;
  // v_ff != v_embd avoids clip.cpp's legacy ffn up/down swap heuristic
  const [vEmbd, vHead, vFf, vLayer, patch] = [64, 4, 96, 2, 14];
  const [aEmbd, aHead, aFf, aLayer, nMel] = [64, 4, 96, 2, 128];

  const m = new GgufWriter('clip');
  m.setString('general.type', 'mmproj');
  m.setString('general.name', 'tiny-random-qwen2.5-omni-mmproj');
  m.setUint32('general.file_type', 0);
  m.setString('clip.projector_type', 'qwen2.5o');
  m.setBool('clip.has_vision_encoder', true);
  m.setBool('clip.has_audio_encoder', true);
  m.setUint32('clip.vision.projection_dim', nEmbd);
  m.setUint32('clip.vision.image_size', 560);
  m.setUint32('clip.vision.patch_size', patch);
  m.setUint32('clip.vision.embedding_length', vEmbd);
  m.setUint32('clip.vision.feed_forward_length', vFf);
  m.setUint32('clip.vision.block_count', vLayer);
  m.setUint32('clip.vision.attention.head_count', vHead);
  m.setFloat32('clip.vision.attention.layer_norm_epsilon', 1e-6);
  m.setFloat32Array('clip.vision.image_mean', [0.48145466, 0.4578275, 0.40821073]);
  m.setFloat32Array('clip.vision.image_std', [0.26862954, 0.26130258, 0.27577711]);
  m.setBool('clip.use_silu', true);
  m.setUint32('clip.vision.n_wa_pattern', 2); // full attention every 2nd block
  m.setUint32('clip.audio.projection_dim', nEmbd);
  m.setUint32('clip.audio.embedding_length', aEmbd);
  m.setUint32('clip.audio.feed_forward_length', aFf);
  m.setUint32('clip.audio.block_count', aLayer);
  m.setUint32('clip.audio.attention.head_count', aHead);
  m.setFloat32('clip.audio.attention.layer_norm_epsilon', 1e-5);
  m.setUint32('clip.audio.num_mel_bins', nMel);

  const rand = randomTensorAdder(m, rng);
  // vision: the Conv3D patch embedding split into two Conv2D kernels, like conversion/qwenvl.py
  rand('v.patch_embd.weight', [vEmbd, 3, patch, patch], GgmlType.F16);
  rand('v.patch_embd.weight.1', [vEmbd, 3, patch, patch], GgmlType.F16);
  for (let i = 0; i < vLayer; i++) {
    const p = `v.blk.${i}.`;
    for (const t of ['attn_q', 'attn_k', 'attn_v', 'attn_out']) {
      rand(`${p}${t}.weight`, [vEmbd, vEmbd]);
      rand(`${p}${t}.bias`, [vEmbd]);
    }
    m.addTensor(`${p}ln1.weight`, [vEmbd], ones(vEmbd));
    m.addTensor(`${p}ln2.weight`, [vEmbd], ones(vEmbd));
    rand(`${p}ffn_gate.weight`, [vFf, vEmbd]); rand(`${p}ffn_gate.bias`, [vFf]);
    rand(`${p}ffn_up.weight`, [vFf, vEmbd]); rand(`${p}ffn_up.bias`, [vFf]);
    rand(`${p}ffn_down.weight`, [vEmbd, vFf]); rand(`${p}ffn_down.bias`, [vEmbd]);
  }
  m.addTensor('v.post_ln.weight', [vEmbd], ones(vEmbd)); // merger.ln_q (RMS)
  rand('mm.0.weight', [4 * vEmbd, 4 * vEmbd]); rand('mm.0.bias', [4 * vEmbd]);
  rand('mm.2.weight', [nEmbd, 4 * vEmbd]); rand('mm.2.bias', [nEmbd]);

  // audio: whisper-style encoder
  rand('a.conv1d.1.weight', [aEmbd, nMel, 3], GgmlType.F16);
  rand('a.conv1d.1.bias', [aEmbd, 1]);
  rand('a.conv1d.2.weight', [aEmbd, aEmbd, 3], GgmlType.F16);
  rand('a.conv1d.2.bias', [aEmbd, 1]);
  m.addTensor('a.position_embd.weight', [1500, aEmbd], sinusoids(1500, aEmbd)); // 30 s / conv stride 2
  for (let i = 0; i < aLayer; i++) {
    const p = `a.blk.${i}.`;
    rand(`${p}attn_q.weight`, [aEmbd, aEmbd]); rand(`${p}attn_q.bias`, [aEmbd]);
    rand(`${p}attn_k.weight`, [aEmbd, aEmbd]); // whisper: no k bias
    rand(`${p}attn_v.weight`, [aEmbd, aEmbd]); rand(`${p}attn_v.bias`, [aEmbd]);
    rand(`${p}attn_out.weight`, [aEmbd, aEmbd]); rand(`${p}attn_out.bias`, [aEmbd]);
    m.addTensor(`${p}ln1.weight`, [aEmbd], ones(aEmbd)); m.addTensor(`${p}ln1.bias`, [aEmbd], zeros(aEmbd));
    m.addTensor(`${p}ln2.weight`, [aEmbd], ones(aEmbd)); m.addTensor(`${p}ln2.bias`, [aEmbd], zeros(aEmbd));
    rand(`${p}ffn_up.weight`, [aFf, aEmbd]); rand(`${p}ffn_up.bias`, [aFf]);
    rand(`${p}ffn_down.weight`, [aEmbd, aFf]); rand(`${p}ffn_down.bias`, [aEmbd]);
  }
  m.addTensor('a.post_ln.weight', [aEmbd], ones(aEmbd));
  m.addTensor('a.post_ln.bias', [aEmbd], zeros(aEmbd));
  rand('mm.a.fc.weight', [nEmbd, aEmbd]); rand('mm.a.fc.bias', [nEmbd]);
  return m;
}

/** Whisper's sinusoidal position embedding: row p = [sin(p * inv), cos(p * inv)], inv geometric over half the width. */
export function sinusoids(positions: number, width: number): Float32Array {
  const half = width / 2;
  const out = new Float32Array(positions * width);
  for (let p = 0; p < positions; p++) {
    for (let i = 0; i < half; i++) {
      const angle = p * Math.exp((-Math.log(10000) / (half - 1)) * i);
      out[p * width + i] = Math.sin(angle);
      out[p * width + half + i] = Math.cos(angle);
    }
  }
  return out;
}
