/**
 * The text half of both tiny pairs: a 2-block Qwen2-style decoder (GQA with q/k/v biases, SwiGLU FFN,
 * RMS norms), random weights. Arch "qwen2vl" (Qwen2-VL / 2.5-VL / 2.5-Omni text model, needs M-RoPE
 * sections) or "qwen2" (InternVL3's text model). Keys and tensors as in the Python recipes.
 */
import { GgmlType, GgufWriter } from './ggufWriter.ts';
import type { SeededRandom } from './seededRandom.ts';
import { CHATML_TEMPLATE, type TinyVocab } from './tinyTokenizer.ts';

export const TEXT_DIMS = { nEmbd: 64, nHead: 4, nHeadKv: 2, nFf: 128, nLayer: 2 } as const;

/**
 * Training context written into the tiny text models. The Python recipe wrote 4096 (Omni) and 8192 (InternVL);
 * llama-server caps each slot's context at this value, and prompts with realistic frame counts (30 frames of
 * 448 px plus a question) need more, so both use 32768. Everything else matches the recipe byte for byte.
 */
export const TINY_CONTEXT_LENGTH = 32768;

/** Bump when the tiny models' bytes change, so cached demo copies are rewritten. */
export const TINY_MODEL_REVISION = 2;

export interface TinyTextModelSpec {
  arch: 'qwen2vl' | 'qwen2';
  name: string;
  contextLength: number;
  /** qwen2vl only: M-RoPE sections, summing to head_dim / 2 */
  ropeSections?: readonly number[];
  vocab: TinyVocab;
  rng: SeededRandom;
}

export const ones = (n: number, value = 1): Float32Array => new Float32Array(n).fill(value);
export const zeros = (n: number): Float32Array => new Float32Array(n);

/** `rand(name, shape, type?)` adds a tensor of N(0, 0.02^2) values drawn from `rng` (the recipes' `rnd`). */
export function randomTensorAdder(w: GgufWriter, rng: SeededRandom) {
  return (name: string, shape: readonly number[], type: GgmlType = GgmlType.F32): void => {
    w.addTensor(name, shape, rng.normals(shape.reduce((a, b) => a * b, 1)), type);
  };
}

export function buildTinyTextModel(spec: TinyTextModelSpec): GgufWriter {
  const { arch, vocab, rng } = spec;
  const { nEmbd, nHead, nHeadKv, nFf, nLayer } = TEXT_DIMS;
  const w = new GgufWriter(arch);
  w.setString('general.type', 'model');
  w.setString('general.name', spec.name);
  w.setUint32('general.file_type', 0); // LlamaFileType.ALL_F32
  w.setUint32(`${arch}.context_length`, spec.contextLength);
  w.setUint32(`${arch}.embedding_length`, nEmbd);
  w.setUint32(`${arch}.block_count`, nLayer);
  w.setUint32(`${arch}.feed_forward_length`, nFf);
  w.setUint32(`${arch}.attention.head_count`, nHead);
  w.setUint32(`${arch}.attention.head_count_kv`, nHeadKv);
  w.setFloat32(`${arch}.attention.layer_norm_rms_epsilon`, 1e-6);
  w.setFloat32(`${arch}.rope.freq_base`, 1000000.0);
  if (spec.ropeSections) w.setInt32Array(`${arch}.rope.dimension_sections`, spec.ropeSections);

  w.setString('tokenizer.ggml.model', 'gpt2');
  w.setString('tokenizer.ggml.pre', 'qwen2');
  w.setStringArray('tokenizer.ggml.tokens', vocab.tokens);
  w.setInt32Array('tokenizer.ggml.token_type', vocab.tokenTypes);
  w.setStringArray('tokenizer.ggml.merges', vocab.merges);
  w.setUint32('tokenizer.ggml.eos_token_id', vocab.id('<|im_end|>'));
  w.setUint32('tokenizer.ggml.padding_token_id', vocab.id('<|endoftext|>'));
  w.setUint32('tokenizer.ggml.bos_token_id', vocab.id('<|endoftext|>'));
  w.setBool('tokenizer.ggml.add_bos_token', false);
  w.setString('tokenizer.chat_template', CHATML_TEMPLATE);

  const nVocab = vocab.tokens.length;
  const rand = randomTensorAdder(w, rng);
  const kv = nHeadKv * (nEmbd / nHead);
  rand('token_embd.weight', [nVocab, nEmbd]);
  w.addTensor('output_norm.weight', [nEmbd], ones(nEmbd));
  rand('output.weight', [nVocab, nEmbd]);
  for (let i = 0; i < nLayer; i++) {
    const p = `blk.${i}.`;
    w.addTensor(`${p}attn_norm.weight`, [nEmbd], ones(nEmbd));
    rand(`${p}attn_q.weight`, [nEmbd, nEmbd]);
    rand(`${p}attn_q.bias`, [nEmbd]);
    rand(`${p}attn_k.weight`, [kv, nEmbd]);
    rand(`${p}attn_k.bias`, [kv]);
    rand(`${p}attn_v.weight`, [kv, nEmbd]);
    rand(`${p}attn_v.bias`, [kv]);
    rand(`${p}attn_output.weight`, [nEmbd, nEmbd]);
    w.addTensor(`${p}ffn_norm.weight`, [nEmbd], ones(nEmbd));
    rand(`${p}ffn_gate.weight`, [nFf, nEmbd]);
    rand(`${p}ffn_up.weight`, [nFf, nEmbd]);
    rand(`${p}ffn_down.weight`, [nEmbd, nFf]);
  }
  return w;
}
